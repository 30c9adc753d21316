using System.Text.Json;
using KnowledgeBase.Domain;
using KnowledgeBase.Linking;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>
/// <c>GET /claims/export.json[?source=id]</c>: every claim with its anchor, links and suggested
/// evidence, streamed in batches so memory stays flat however many claims there are.
/// The format is documented in docs/claims-export.md.
/// </summary>
public sealed partial class ClaimsController
{
    private const int ExportBatch = 500;

    /// <summary>Suggestions per claim on the claim page and in the export.</summary>
    public const int SuggestionsPerClaim = 5;

    [HttpGet("export.json")]
    public async Task Export([FromQuery] int? source, CancellationToken cancellationToken)
    {
        Response.ContentType = "application/json; charset=utf-8";
        Response.Headers.ContentDisposition = "inline; filename=\"claims.json\"";
        // Only the current source's text is held (claims come grouped by source); titles and file names for all.
        var sources = await db.Sources.AsNoTracking()
            .Where(s => source == null || s.Id == source)
            .Select(s => new { s.Id, s.Title, s.FileName })
            .ToDictionaryAsync(s => s.Id, s => (s.Title, s.FileName), cancellationToken);
        Source? current = null;

        await using var json = new Utf8JsonWriter(Response.Body, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        var lastId = 0;
        while (true)
        {
            // Identity resolution: a trial's reporting studies lead back to trials (a cycle plain no-tracking refuses).
            var query = db.Claims.AsNoTrackingWithIdentityResolution().Where(c => c.Id > lastId);
            if (source is not null) query = query.Where(c => c.SourceId == source);
            var batch = await query
                .OrderBy(c => c.Id)
                .Take(ExportBatch)
                .Include(c => c.Tags)
                // Each trial with the publications reporting it: what the claim-vs-record flags compare with.
                .Include(c => c.Links).ThenInclude(l => l.Study!).ThenInclude(s => s.Trials).ThenInclude(t => t.Studies)
                .Include(c => c.Links).ThenInclude(l => l.Trial!).ThenInclude(t => t.Studies)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0) break;
            var ids = batch.Select(c => c.Id).ToList();
            var dismissals = (await db.FlagDismissals.AsNoTracking().Where(d => ids.Contains(d.ClaimId)).ToListAsync(cancellationToken))
                .ToLookup(d => d.ClaimId);
            var registryChanges = await recordChecks.RegistryChangesAsync([.. batch.SelectMany(c => c.Links)], cancellationToken);
            foreach (var claim in batch)
            {
                if (current?.Id != claim.SourceId)
                    current = await db.Sources.AsNoTracking().Include(s => s.References).SingleAsync(s => s.Id == claim.SourceId, cancellationToken);
                // The same ranking and depth as the claim page (EvidenceLookup.SuggestAsync), so the export never disagrees with it.
                var suggestions = await evidence.SuggestAsync(
                    ClaimContexts.For(current.CleanedText, claim.Start, claim.End, claim.Quote, current.References), SuggestionsPerClaim, cancellationToken);
                WriteClaim(json, claim, sources[claim.SourceId], suggestions, dismissals[claim.Id], registryChanges);
            }
            lastId = batch[^1].Id;
            await json.FlushAsync(cancellationToken);
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private void WriteClaim(Utf8JsonWriter json, Claim claim, (string Title, string FileName) source, IReadOnlyList<EvidenceSuggestion> suggestions, IEnumerable<FlagDismissal> dismissals,
        ILookup<int, KnowledgeBase.Linking.TrialComparison.RegistryChange> registryChanges)
    {
        json.WriteStartObject();
        json.WriteNumber("id", claim.Id);
        json.WriteString("status", JsonNamingPolicy.CamelCase.ConvertName(claim.Status.ToString()));
        json.WriteString("quote", claim.Quote);
        json.WriteNumber("start", claim.Start);
        json.WriteNumber("end", claim.End);
        json.WriteString("prefix", claim.Prefix);
        json.WriteString("suffix", claim.Suffix);
        json.WriteBoolean("orphaned", claim.IsOrphaned);
        json.WriteStartObject("source");
        json.WriteNumber("id", claim.SourceId);
        json.WriteString("title", source.Title);
        json.WriteString("fileName", source.FileName);
        json.WriteEndObject();
        json.WriteStartArray("tags");
        foreach (var tag in claim.Tags.OrderBy(t => t.Name, StringComparer.Ordinal)) json.WriteStringValue(tag.Name);
        json.WriteEndArray();

        json.WriteStartArray("links");
        foreach (var link in claim.Links.OrderBy(l => l.Id))
        {
            json.WriteStartObject();
            json.WriteString("relation", JsonNamingPolicy.CamelCase.ConvertName(link.Relation.ToString()));
            if (link.Assessment is { } assessment) json.WriteString("assessment", JsonNamingPolicy.CamelCase.ConvertName(assessment.ToString()));
            else json.WriteNull("assessment");
            json.WriteString("note", link.Note);
            json.WriteString("createdBy", PublicActor.Show(link.CreatedBy, User));
            json.WriteString("createdAt", DateTime.SpecifyKind(link.CreatedAt, DateTimeKind.Utc));
            if (link.Study is { } study) Evidence.SuggestionJson.WriteEvidence(json, "study", study.Id, study.Title, study.Doi, study.Pmid, study.Trials.Select(t => t.NctId));
            else json.WriteNull("study");
            if (link.Trial is { } trial) Evidence.SuggestionJson.WriteEvidence(json, "trial", trial.Id, trial.Title ?? trial.NctId, null, null, [trial.NctId]);
            else json.WriteNull("trial");
            json.WriteEndObject();
        }
        json.WriteEndArray();

        WriteFlags(json, ClaimRecordChecks.Compare(claim.Quote, claim.Links.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id), registryChanges), dismissals.ToList());

        json.WriteStartArray("suggestions");
        foreach (var suggestion in suggestions) Evidence.SuggestionJson.Write(json, suggestion);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The claim-vs-record flags: suggestions for the editor, each with the record it compares with.</summary>
    private void WriteFlags(Utf8JsonWriter json, IReadOnlyList<KnowledgeBase.Linking.TrialComparison.ClaimComparison> comparisons, List<FlagDismissal> dismissals)
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
                if (record.Kind == KnowledgeBase.Linking.TrialComparison.ComparedRecordKind.Trial)
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
                if (dismissals.Find(d => d.FlagKind == flag.Kind && d.Record == flag.RecordKey) is { } dismissal)
                {
                    json.WriteStartObject("dismissed");
                    json.WriteString("note", dismissal.Note);
                    json.WriteString("by", PublicActor.Show(dismissal.DismissedBy, User));
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
}
