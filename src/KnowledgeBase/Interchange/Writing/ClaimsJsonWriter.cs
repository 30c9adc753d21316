using System.Text.Json;
using KnowledgeBase.Domain;
using KnowledgeBase.Linking;
using KnowledgeBase.Linking.TrialComparison;

namespace KnowledgeBase.Interchange.Writing;

/// <summary>
/// Writes claims as the knowledge base's claims JSON (<c>/claims/export.json</c>, documented in docs/claims-export.md):
/// an array of claims, each with its anchor, source, tags, links, claim-vs-record flags and suggestions; and the
/// suggestions alone, in the same shape, for <c>/evidence/suggest?format=json</c>. UTF-8 without a byte-order mark;
/// the claims are read as they are written and flushed to the stream every <see cref="FlushBytes"/> bytes, so memory
/// stays flat however many there are.
/// </summary>
/// <remarks>
/// Editors are shown through <c>showActor</c> (the web app gives readers "an editor" in place of an e-mail address);
/// enum values are camel case ("citesExplicitly"), times ISO 8601 in UTC.
/// </remarks>
public static class ClaimsJsonWriter
{
    /// <summary>Bytes held before they are sent on.</summary>
    public const int FlushBytes = 64 * 1024;

    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static async Task WriteAsync(IAsyncEnumerable<ClaimExportItem> claims, Stream stream, Func<string?, string> showActor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(showActor);
        await using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartArray();
        await foreach (var item in claims.WithCancellation(ct))
        {
            WriteClaim(json, item, showActor);
            if (json.BytesPending >= FlushBytes) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        await json.FlushAsync(ct);
    }

    /// <summary>Suggestions alone, as a JSON array in the shape each claim's <c>suggestions</c> has.</summary>
    public static void WriteSuggestions(IEnumerable<EvidenceSuggestion> suggestions, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartArray();
        foreach (var suggestion in suggestions) WriteSuggestion(json, suggestion);
        json.WriteEndArray();
    }

    private static void WriteClaim(Utf8JsonWriter json, ClaimExportItem item, Func<string?, string> showActor)
    {
        var claim = item.Claim;
        json.WriteStartObject();
        json.WriteNumber("id", claim.Id);
        json.WriteString("status", Camel(claim.Status));
        json.WriteString("quote", claim.Quote);
        json.WriteNumber("start", claim.Start);
        json.WriteNumber("end", claim.End);
        json.WriteString("prefix", claim.Prefix);
        json.WriteString("suffix", claim.Suffix);
        json.WriteBoolean("orphaned", claim.IsOrphaned);
        json.WriteStartObject("source");
        json.WriteNumber("id", claim.SourceId);
        json.WriteString("title", item.SourceTitle);
        json.WriteString("fileName", item.SourceFileName);
        json.WriteEndObject();
        json.WriteStartArray("tags");
        foreach (var tag in claim.Tags.OrderBy(t => t.Name, StringComparer.Ordinal)) json.WriteStringValue(tag.Name);
        json.WriteEndArray();

        json.WriteStartArray("links");
        foreach (var link in claim.Links.OrderBy(l => l.Id)) WriteLink(json, link, showActor);
        json.WriteEndArray();

        WriteFlags(json, item.Comparisons, item.Dismissals, showActor);

        json.WriteStartArray("suggestions");
        foreach (var suggestion in item.Suggestions) WriteSuggestion(json, suggestion);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLink(Utf8JsonWriter json, EvidenceLink link, Func<string?, string> showActor)
    {
        json.WriteStartObject();
        json.WriteString("relation", Camel(link.Relation));
        if (link.Assessment is { } assessment) json.WriteString("assessment", Camel(assessment));
        else json.WriteNull("assessment");
        json.WriteString("note", link.Note);
        json.WriteString("createdBy", showActor(link.CreatedBy));
        json.WriteString("createdAt", DateTime.SpecifyKind(link.CreatedAt, DateTimeKind.Utc));
        if (link.Study is { } study) WriteEvidence(json, "study", study.Id, study.Title, study.Doi, study.Pmid, study.Trials.Select(t => t.NctId));
        else json.WriteNull("study");
        if (link.Trial is { } trial) WriteEvidence(json, "trial", trial.Id, trial.Title ?? trial.NctId, null, null, [trial.NctId]);
        else json.WriteNull("trial");
        json.WriteEndObject();
    }

    /// <summary>The claim-vs-record flags: suggestions for the editor, each with the record it compares with and its dismissal, if any.</summary>
    private static void WriteFlags(Utf8JsonWriter json, IReadOnlyList<ClaimComparison> comparisons, IReadOnlyList<FlagDismissal> dismissals, Func<string?, string> showActor)
    {
        json.WriteStartArray("flags");
        foreach (var comparison in comparisons)
        {
            foreach (var flag in comparison.Flags)
            {
                json.WriteStartObject();
                json.WriteString("kind", flag.Kind);
                json.WriteString("reason", flag.Reason);
                json.WriteBoolean("restsOnUnverified", flag.RestsOnUnverified);
                var record = comparison.Record;
                if (record.Kind == ComparedRecordKind.Trial)
                {
                    json.WriteStartObject("trial");
                    json.WriteNumber("id", record.Id);
                    json.WriteString("nctId", record.NctId);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteStartObject("study");
                    json.WriteNumber("id", record.Id);
                    json.WriteString("label", record.Label);
                    json.WriteEndObject();
                }
                if (dismissals.FirstOrDefault(d => d.FlagKind == flag.Kind && d.Record == flag.RecordKey) is { } dismissal)
                {
                    json.WriteStartObject("dismissed");
                    json.WriteString("note", dismissal.Note);
                    json.WriteString("by", showActor(dismissal.DismissedBy));
                    json.WriteString("at", DateTime.SpecifyKind(dismissal.DismissedAt, DateTimeKind.Utc));
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("dismissed");
                }
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
    }

    /// <summary>One suggestion: <c>score</c>, <c>reasons</c>, and <c>study</c> or <c>trial</c>.</summary>
    private static void WriteSuggestion(Utf8JsonWriter json, EvidenceSuggestion suggestion)
    {
        var c = suggestion.Candidate;
        json.WriteStartObject();
        json.WriteNumber("score", Math.Round(suggestion.Score, 2));
        json.WriteStartArray("reasons");
        foreach (var reason in suggestion.Reasons) json.WriteStringValue(reason.Text);
        json.WriteEndArray();
        WriteEvidence(json, c.Kind == EvidenceKind.Study ? "study" : "trial", c.Id, c.Title, c.Doi, c.Pmid, c.NctIds);
        json.WriteEndObject();
    }

    /// <summary>An evidence object: <c>id</c>, <c>title</c>, <c>doi</c>, <c>pmid</c>, <c>nctIds</c> (sorted).</summary>
    private static void WriteEvidence(Utf8JsonWriter json, string kind, int id, string title, string? doi, string? pmid, IEnumerable<string> nctIds)
    {
        json.WriteStartObject(kind);
        json.WriteNumber("id", id);
        json.WriteString("title", title);
        json.WriteString("doi", doi);
        json.WriteString("pmid", pmid);
        json.WriteStartArray("nctIds");
        foreach (var nct in nctIds.Order(StringComparer.Ordinal)) json.WriteStringValue(nct);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Camel<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
