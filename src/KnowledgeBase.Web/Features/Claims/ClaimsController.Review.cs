using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>The review queue: claims still waiting for evidence or for an assessment, oldest first.</summary>
public sealed partial class ClaimsController
{
    [HttpGet("review")]
    public async Task<IActionResult> Review([FromQuery] int? source, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var waiting = db.Claims.AsNoTracking()
            .Where(c => c.Status != ClaimStatus.Rejected && !c.IsOrphaned)
            .Where(c => !c.Links.Any() || c.Links.Any(l => l.Assessment == null));
        var counts = await waiting.GroupBy(c => c.SourceId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var sources = (await db.Sources.AsNoTracking().Where(s => counts.Keys.Contains(s.Id)).Select(s => new { s.Id, s.Title }).ToListAsync(cancellationToken))
            .Select(s => new SourceOption(s.Id, s.Title, counts[s.Id]))
            .OrderBy(s => s.Title, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        if (source is not null) waiting = waiting.Where(c => c.SourceId == source);

        var total = await waiting.CountAsync(cancellationToken);
        var window = PageWindow.Of(total, page, PageSize);
        var rows = await waiting
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Page(window)
            .Select(c => new ReviewRow(c.Id, c.Quote, c.SourceId, c.Source!.Title, c.Status, c.CreatedAt, c.Links.Any()))
            .ToListAsync(cancellationToken);
        return View(new ReviewQueueViewModel(rows, sources, sources.FirstOrDefault(s => s.Id == source), window.Page, window.PageCount, total));
    }
}

public sealed record ReviewRow(int Id, string Quote, int SourceId, string SourceTitle, ClaimStatus Status, DateTime CreatedAt, bool HasEvidence)
{
    public string Waiting => HasEvidence ? "an assessment" : "evidence";
}

public sealed record ReviewQueueViewModel(IReadOnlyList<ReviewRow> Claims, IReadOnlyList<SourceOption> Sources, SourceOption? SelectedSource, int Page, int PageCount, int Total);
