using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Studies;

[Route("studies")]
public sealed class StudiesController(KnowledgeBaseDbContext db) : Controller
{
    /// <summary>Studies, filtered by therapy type (<c>?therapy=adipose-msc</c>) and kind (<c>?kind=systematic-review</c>).</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] string? therapy, [FromQuery] string? kind, CancellationToken cancellationToken)
    {
        var taxonomy = await db.TherapyTypes.AsNoTracking().InDisplayOrder()
            .Select(t => new TherapyTag(t.Slug, t.Name))
            .ToListAsync(cancellationToken);
        var selectedTherapy = taxonomy.FirstOrDefault(t => string.Equals(t.Slug, therapy?.Trim(), StringComparison.OrdinalIgnoreCase));
        var slug = selectedTherapy?.Slug;
        var selectedKind = Display.ParseSlug<StudyKind>(kind);

        // Each filter's counts are taken within the other filter, so every count is what its link shows.
        var withKind = db.Studies.AsNoTracking().Where(s => selectedKind == null || s.Kind == selectedKind);
        var therapyCounts = await db.TherapyTypes.AsNoTracking()
            .Select(t => new { t.Slug, Count = t.Studies.Count(s => selectedKind == null || s.Kind == selectedKind) })
            .ToDictionaryAsync(t => t.Slug, t => t.Count, cancellationToken);
        var therapyOptions = new List<FilterOption> { new(null, "All therapy types", await withKind.CountAsync(cancellationToken), slug is null) };
        therapyOptions.AddRange(taxonomy.Select(t => new FilterOption(t.Slug, t.Name, therapyCounts.GetValueOrDefault(t.Slug), t.Slug == slug)));

        var kindCounts = await db.Studies.AsNoTracking().WithTherapyType(slug)
            .GroupBy(s => s.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var kindOptions = new List<FilterOption> { new(null, "All kinds", kindCounts.Sum(k => k.Count), selectedKind is null) };
        kindOptions.AddRange(Enum.GetValues<StudyKind>()
            .Select(k => new FilterOption(Display.Slug(k), Display.Label(k), kindCounts.Where(c => c.Kind == k).Sum(c => c.Count), k == selectedKind))
            .Where(o => o.Count > 0 || o.Selected));

        var rows = await withKind.WithTherapyType(slug)
            .OrderByDescending(s => s.Year ?? 0).ThenBy(s => s.Title)
            .Select(s => new StudyRow(
                s.Id,
                s.Title,
                s.Authors,
                s.Journal,
                s.Year,
                s.Kind,
                s.TherapyTypes.OrderBy(t => t.SortOrder).Select(t => new TherapyTag(t.Slug, t.Name)).ToList(),
                s.Doi,
                s.Pmid,
                s.Pmcid,
                s.Trials.OrderBy(t => t.NctId).Select(t => t.NctId).ToList(),
                s.EvidenceLinks.Select(l => l.ClaimId).Distinct().Count(),
                s.Unverified))
            .ToListAsync(cancellationToken);

        return View(new StudyListViewModel(
            rows,
            therapyOptions,
            kindOptions,
            selectedTherapy,
            selectedKind,
            UnknownTherapy: selectedTherapy is null && !string.IsNullOrWhiteSpace(therapy) ? therapy : null,
            UnknownKind: selectedKind is null && !string.IsNullOrWhiteSpace(kind) ? kind : null));
    }

    [HttpGet("{id:int}")]
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var study = await db.Studies.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new StudyDetailsViewModel
            {
                Id = s.Id,
                LibraryId = s.LibraryId,
                Kind = s.Kind,
                RecordType = s.RecordType,
                Title = s.Title,
                ShortLabel = s.ShortLabel,
                Authors = s.Authors,
                Journal = s.Journal,
                Year = s.Year,
                Volume = s.Volume,
                Issue = s.Issue,
                Pages = s.Pages,
                Doi = s.Doi,
                Pmid = s.Pmid,
                Pmcid = s.Pmcid,
                PhaseText = s.PhaseText,
                Design = s.Design,
                Participants = s.Participants,
                ParticipantsDetail = s.ParticipantsDetail,
                CellType = s.CellType,
                CellSource = s.CellSource,
                Route = s.Route,
                Dosing = s.Dosing,
                MainResults = s.MainResults,
                Unverified = s.Unverified,
                VerifiedFrom = s.VerifiedFrom,
                ImportedAt = s.ImportedAt,
                UpdatedAt = s.UpdatedAt,
                TherapyTypes = s.TherapyTypes.OrderBy(t => t.SortOrder).Select(t => new TherapyTag(t.Slug, t.Name)).ToList(),
                Trials = s.Trials.OrderBy(t => t.NctId)
                    .Select(t => new StudyTrialRow(t.Id, t.NctId, t.Title, t.Phase, t.Status))
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (study is null) return NotFound();

        var claims = await db.EvidenceLinks.Where(l => l.StudyId == id).ToLinkedClaimRowsAsync(cancellationToken);

        return View(study with { Claims = claims });
    }
}
