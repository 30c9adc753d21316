using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>The review queue: claims still waiting for evidence or for an assessment, oldest first.</summary>
public sealed partial class ClaimsController
{
    [HttpGet("review")]
    public async Task<IActionResult> Review([FromQuery] int? source, [FromQuery] string? sort, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var waiting = Waiting(db);
        if (source is not null) waiting = waiting.Where(c => c.SourceId == source);
        var (counts, countsStale) = await ReviewCountsAsync(shared, db, source, cancellationToken);
        var (sources, hidden, allWaiting, total) = counts;
        var window = PageWindow.Of(total, page, PageSize);
        var order = ReviewOrders.Parse(sort);
        var rows = await ReviewRowsAsync(waiting, order, window, counts.WithConfidence, cancellationToken);
        // Claim-vs-record flags not yet dismissed, for the claims of this page only.
        var flags = await recordChecks.OpenFlagCountsAsync([.. rows.Where(r => r.HasEvidence).Select(r => r.Id)], cancellationToken);
        rows = [.. rows.Select(r => r with { OpenFlags = flags.GetValueOrDefault(r.Id) })];
        return View(new ReviewQueueViewModel(rows, sources, sources.FirstOrDefault(s => s.Id == source), window.Page, window.PageCount, total)
        {
            Sort = order,
            AllWaiting = allWaiting ?? total,
            SourcesHidden = hidden > 0,
            CountsStale = countsStale,
        });
    }

    private static IQueryable<Claim> Waiting(KnowledgeBaseDbContext context) => context.Claims.AsNoTracking()
        .Where(c => c.Status != ClaimStatus.Rejected && !c.IsOrphaned)
        .Where(c => !c.Links.Any() || c.Links.Any(l => l.Assessment == null));

    /// <summary>
    /// Counts over every waiting claim, from the <see cref="ClaimFacetIndex"/> of the current change stamp, or of the one
    /// before (marked stale) while it is read again after a change (decisions 0039 and 0042). The start-up warm-up asks
    /// for them too (<see cref="Infrastructure.EvidenceWarmup"/>).
    /// </summary>
    internal static async Task<Shared<ReviewCounts>> ReviewCountsAsync(ChangeStampedCache shared, KnowledgeBaseDbContext db, int? source, CancellationToken cancellationToken)
    {
        var (index, stale) = await ClaimFacetIndex.SharedAsync(shared, db, cancellationToken);
        var counts = index.CountWaiting(source);
        // The drop-down of sources with waiting claims.
        var (choices, hidden) = await new ClaimListQuery(db).SourceChoicesAsync(counts.BySource, source, cancellationToken);
        return new(new ReviewCounts([.. choices.Where(s => s.ClaimCount > 0 || s.Id == source)], hidden, source is null ? null : counts.AllWaiting, counts.InSource)
        {
            WithConfidence = counts.InSourceWithConfidence,
        }, stale);
    }

    /// <summary>
    /// One page of waiting claims in the chosen order. By confidence, the claims that have one come first, read in the
    /// order of <c>IX_Claims_Confidence</c> and stopped at the page, then those without (editors' own, or detected
    /// before confidence was recorded), by id: one ORDER BY over "has a confidence" would sort every waiting claim.
    /// </summary>
    private static async Task<List<ReviewRow>> ReviewRowsAsync(IQueryable<Claim> waiting, ReviewOrder order, PageWindow window, int withConfidence, CancellationToken ct)
    {
        static Task<List<ReviewRow>> Read(IQueryable<Claim> ordered, int skip, int take, CancellationToken ct) => ordered.Skip(skip).Take(take)
            .Select(c => new ReviewRow(c.Id, c.Quote, c.SourceId, c.Source!.Title, c.Status, c.CreatedAt, c.Links.Any()) { Confidence = c.Confidence })
            .ToListAsync(ct);

        if (order == ReviewOrder.Oldest) return await Read(waiting.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id), window.Skip, window.PageSize, ct);
        var scored = waiting.Where(c => c.Confidence != null);
        var rows = window.Skip >= withConfidence ? [] : await Read(order == ReviewOrder.ConfidenceHighFirst
            ? scored.OrderByDescending(c => c.Confidence).ThenBy(c => c.Id)
            : scored.OrderBy(c => c.Confidence).ThenBy(c => c.Id), window.Skip, window.PageSize, ct);
        if (rows.Count < window.PageSize)
            rows.AddRange(await Read(waiting.Where(c => c.Confidence == null).OrderBy(c => c.Id), Math.Max(0, window.Skip - withConfidence), window.PageSize - rows.Count, ct));
        return rows;
    }
}

/// <summary>The review queue's counts: the source drop-down, the sources left out of it, waiting claims in every source and in the chosen one.</summary>
internal sealed record ReviewCounts(IReadOnlyList<SourceOption> Sources, int Hidden, int? AllWaiting, int Total)
{
    /// <summary>Waiting claims (in the chosen source) that have a detector's confidence: where the confidence order's second part starts.</summary>
    public int WithConfidence { get; init; }
}

public sealed record ReviewRow(int Id, string Quote, int SourceId, string SourceTitle, ClaimStatus Status, DateTime CreatedAt, bool HasEvidence)
{
    public double? Confidence { get; init; }

    /// <summary>Claim-vs-record flags on the claim not dismissed by an editor.</summary>
    public int OpenFlags { get; init; }

    public string Waiting => HasEvidence ? "an assessment" : "evidence";
}

public sealed record ReviewQueueViewModel(IReadOnlyList<ReviewRow> Claims, IReadOnlyList<SourceOption> Sources, SourceOption? SelectedSource, int Page, int PageCount, int Total)
{
    /// <summary>The counts are from before the latest change and are being recounted (decision 0039).</summary>
    public bool CountsStale { get; init; }

    public ReviewOrder Sort { get; init; }

    /// <summary>Claims waiting in every source (the "All sources" choice).</summary>
    public int AllWaiting { get; init; }

    /// <summary>True when the drop-down lists only the sources with the most waiting claims.</summary>
    public bool SourcesHidden { get; init; }
}

/// <summary>The review queue's order, in the URL as <c>sort=oldest|confidence|confidence-low</c>.</summary>
public enum ReviewOrder
{
    Oldest,
    ConfidenceHighFirst,
    ConfidenceLowFirst,
}

public static class ReviewOrders
{
    public static ReviewOrder Parse(string? slug) => slug switch
    {
        "confidence" => ReviewOrder.ConfidenceHighFirst,
        "confidence-low" => ReviewOrder.ConfidenceLowFirst,
        _ => ReviewOrder.Oldest,
    };

    public static string Slug(this ReviewOrder order) => order switch
    {
        ReviewOrder.ConfidenceHighFirst => "confidence",
        ReviewOrder.ConfidenceLowFirst => "confidence-low",
        _ => "oldest",
    };
}
