using System.Text.Json;
using KnowledgeBase.Domain;
using KnowledgeBase.Linking;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>
/// <c>GET /claims/export.json[?source=id&amp;status=...]</c>: the claims the list's filters select (any filter /claims takes,
/// read by <see cref="ClaimListQuery"/>: "download these claims" is exactly the list), each with its anchor, links and
/// suggested evidence, streamed in batches so memory stays flat however many claims there are.
/// The format is documented in docs/claims-export.md.
/// </summary>
public sealed partial class ClaimsController
{
    private const int ExportBatch = 500;

    /// <summary>Suggestions per claim on the claim page and in the export.</summary>
    public const int SuggestionsPerClaim = 5;

    [HttpGet("export.json")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        var claims = new ClaimListQuery(db, recordChecks);
        var request = await claims.ParseAsync(new FacetRequest(Request.Query), cancellationToken);
        // The list shows every claim with a notice when a value names nothing; a download has no notice to show, and
        // "every claim" is not what was asked for: it is refused, naming what to correct.
        if (request.Unknown.Any)
        {
            var unknown = request.Unknown.Described().ToList();
            return BadRequest(new { error = $"Nothing exported: there is no {string.Join("; no ", unknown)}. Correct or remove {(unknown.Count == 1 ? "that filter" : "those filters")} (the claims list at /claims takes the same ones)." });
        }
        var matching = claims.Matching(request.Filter);

        Response.ContentType = "application/json; charset=utf-8";
        Response.Headers.ContentDisposition = "inline; filename=\"claims.json\"";
        // Only the current source's text is held (claims come grouped by source); titles and file names as sources appear.
        var sources = new Dictionary<int, (string Title, string FileName)>();
        Source? current = null;

        await using var json = new Utf8JsonWriter(Response.Body, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        var lastId = 0;
        while (true)
        {
            // Identity resolution: a trial's reporting studies lead back to trials (a cycle plain no-tracking refuses).
            var batch = await matching.AsNoTrackingWithIdentityResolution()
                .Where(c => c.Id > lastId)
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
            var newSources = batch.Select(c => c.SourceId).Where(id => !sources.ContainsKey(id)).Distinct().ToList();
            foreach (var s in await db.Sources.AsNoTracking().Where(s => newSources.Contains(s.Id)).Select(s => new { s.Id, s.Title, s.FileName }).ToListAsync(cancellationToken))
                sources[s.Id] = (s.Title, s.FileName);
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
        return new EmptyResult();
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
