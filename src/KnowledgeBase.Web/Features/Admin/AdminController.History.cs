using KnowledgeBase.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Admin;

/// <summary>Recent changes across the knowledge base, newest first, filtered by who made them and what they changed.</summary>
public sealed partial class AdminController
{
    public const int HistoryPageSize = 50;

    [HttpGet("history")]
    public async Task<IActionResult> History([FromQuery] string? actor, [FromQuery] string? type, [FromQuery] int page = 1, CancellationToken ct = default)
    {
        var actors = await db.ChangeRecords.AsNoTracking().Select(r => r.Actor).Distinct().OrderBy(a => a).ToListAsync(ct);
        var selectedActor = actors.FirstOrDefault(a => string.Equals(a, actor?.Trim(), StringComparison.OrdinalIgnoreCase));
        var selectedType = HistoryEntityTypes.FromSlug(type);

        var query = db.ChangeRecords.AsNoTracking();
        if (selectedActor is not null) query = query.Where(r => r.Actor == selectedActor);
        if (selectedType is not null) query = query.Where(r => r.EntityType == selectedType);

        var total = await query.CountAsync(ct);
        var window = PageWindow.Of(total, page, HistoryPageSize);
        var rows = await query.NewestFirst()
            .Page(window)
            .Select(r => new HistoryRow(r.Id, r.At, r.Actor, r.EntityType, r.EntityId, r.Action, r.ClaimId, r.Changes))
            .ToListAsync(ct);

        return View("History", new HistoryViewModel(
            rows,
            actors,
            selectedActor,
            selectedType is null ? null : HistoryEntityTypes.All.First(t => t.Type == selectedType).Slug,
            window.Page,
            window.PageCount,
            total));
    }
}

/// <summary>History queries shared by the admin page and a claim's history block.</summary>
internal static class HistoryQueries
{
    public static IOrderedQueryable<KnowledgeBase.Domain.ChangeRecord> NewestFirst(this IQueryable<KnowledgeBase.Domain.ChangeRecord> records) =>
        records.OrderByDescending(r => r.At).ThenByDescending(r => r.Id);
}
