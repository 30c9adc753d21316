using System.Runtime.CompilerServices;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange.Writing;
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
        var claims = new ClaimListQuery(db, shared);
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
        await ClaimsJsonWriter.WriteAsync(ExportItemsAsync(matching, cancellationToken), Response.Body, actor => PublicActor.Show(actor, User), cancellationToken);
        return new EmptyResult();
    }

    /// <summary>The claims with what the writer needs, read in batches of <see cref="ExportBatch"/> in id order.</summary>
    private async IAsyncEnumerable<ClaimExportItem> ExportItemsAsync(IQueryable<Claim> matching, [EnumeratorCancellation] CancellationToken ct)
    {
        // Only the current source's text is held (claims come grouped by source); titles and file names as sources appear.
        var sources = new Dictionary<int, (string Title, string FileName)>();
        Source? current = null;
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
                .ToListAsync(ct);
            if (batch.Count == 0) yield break;
            var ids = batch.Select(c => c.Id).ToList();
            var dismissals = (await db.FlagDismissals.AsNoTracking().Where(d => ids.Contains(d.ClaimId)).ToListAsync(ct))
                .ToLookup(d => d.ClaimId);
            var registryChanges = await recordChecks.RegistryChangesAsync([.. batch.SelectMany(c => c.Links)], ct);
            var newSources = batch.Select(c => c.SourceId).Where(id => !sources.ContainsKey(id)).Distinct().ToList();
            foreach (var s in await db.Sources.AsNoTracking().Where(s => newSources.Contains(s.Id)).Select(s => new { s.Id, s.Title, s.FileName }).ToListAsync(ct))
                sources[s.Id] = (s.Title, s.FileName);
            foreach (var claim in batch)
            {
                if (current?.Id != claim.SourceId)
                    current = await db.Sources.AsNoTracking().Include(s => s.References).SingleAsync(s => s.Id == claim.SourceId, ct);
                // The same ranking and depth as the claim page (EvidenceLookup.SuggestAsync), so the export never disagrees with it.
                var suggestions = await evidence.SuggestAsync(
                    ClaimContexts.For(current.CleanedText, claim.Start, claim.End, claim.Quote, current.References), SuggestionsPerClaim, ct);
                var (title, fileName) = sources[claim.SourceId];
                yield return new ClaimExportItem(
                    claim,
                    title,
                    fileName,
                    ClaimRecordChecks.Compare(claim.Quote, claim.Links.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id), registryChanges),
                    [.. dismissals[claim.Id]],
                    suggestions);
            }
            lastId = batch[^1].Id;
        }
    }
}
