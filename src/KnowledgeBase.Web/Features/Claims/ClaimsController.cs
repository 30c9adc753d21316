using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

[Route("claims")]
public sealed class ClaimsController(KnowledgeBaseDbContext db) : Controller
{
    public const int PageSize = 50;

    /// <summary>Claims in text order, filtered by source (<c>?source=3</c>) and status (<c>?status=candidate</c>), 50 a page.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] int? source, [FromQuery] string? status, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var selectedStatus = Display.ParseSlug<ClaimStatus>(status);
        var sources = await db.Sources.AsNoTracking()
            .OrderBy(s => s.Title).ThenBy(s => s.Id)
            .Select(s => new SourceOption(s.Id, s.Title, s.Claims.Count))
            .ToListAsync(cancellationToken);
        var selectedSource = sources.FirstOrDefault(s => s.Id == source);

        var query = db.Claims.AsNoTracking();
        if (selectedSource is not null) query = query.Where(c => c.SourceId == selectedSource.Id);
        if (selectedStatus is not null) query = query.Where(c => c.Status == selectedStatus);

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var current = Math.Clamp(page, 1, pageCount);
        var rows = await query
            .OrderBy(c => c.SourceId).ThenBy(c => c.Start).ThenBy(c => c.Id)
            .Skip((current - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new ClaimRow(c.Id, c.Quote, c.SourceId, c.Source!.Title, c.Status, c.IsOrphaned, c.Links.Count))
            .ToListAsync(cancellationToken);

        return View(new ClaimListViewModel(
            rows,
            sources,
            selectedSource,
            selectedStatus,
            current,
            pageCount,
            total,
            UnknownStatus: selectedStatus is null && !string.IsNullOrWhiteSpace(status) ? status : null,
            UnknownSource: selectedSource is null && source is not null));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new ClaimDetailsViewModel(
                c.Id,
                c.Quote,
                c.Prefix,
                c.Suffix,
                c.Start,
                c.End,
                c.Status,
                c.IsOrphaned,
                c.CreatedAt,
                c.UpdatedAt,
                c.SourceId,
                c.Source!.Title,
                c.Links.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
                    .Select(l => new EvidenceLinkRow(
                        l.Id,
                        l.Relation,
                        l.Assessment,
                        l.StudyId,
                        l.Study != null ? l.Study.Title : null,
                        l.Study != null ? l.Study.ShortLabel : null,
                        l.TrialId,
                        l.Trial != null ? l.Trial.NctId : null,
                        l.Trial != null ? l.Trial.Title : null,
                        l.Note,
                        l.CreatedBy,
                        l.CreatedAt,
                        l.UpdatedAt))
                    .ToList()))
            .SingleOrDefaultAsync(cancellationToken);
        return claim is null ? NotFound() : View(claim);
    }
}
