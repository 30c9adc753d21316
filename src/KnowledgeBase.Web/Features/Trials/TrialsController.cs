using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Studies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Trials;

[Route("trials")]
public sealed class TrialsController(KnowledgeBaseDbContext db) : Controller
{
    /// <summary>The <c>?phase=</c> value for trials whose phase is not stated.</summary>
    public const string PhaseNotStated = "not-stated";

    /// <summary>Trials, filtered by therapy type (<c>?therapy=msc-ntf</c>) and phase (<c>?phase=phase-3</c>).</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] string? therapy, [FromQuery] string? phase, CancellationToken cancellationToken)
    {
        var taxonomy = await db.TherapyTypes.AsNoTracking().InDisplayOrder()
            .Select(t => new TherapyTag(t.Slug, t.Name))
            .ToListAsync(cancellationToken);
        var selectedTherapy = taxonomy.FirstOrDefault(t => string.Equals(t.Slug, therapy?.Trim(), StringComparison.OrdinalIgnoreCase));
        var slug = selectedTherapy?.Slug;
        var notStated = string.Equals(phase?.Trim(), PhaseNotStated, StringComparison.OrdinalIgnoreCase);
        var selectedPhase = Display.ParseSlug<TrialPhase>(phase);
        var phaseFiltered = notStated || selectedPhase is not null;

        var withPhase = db.Trials.AsNoTracking()
            .Where(t => !phaseFiltered || (notStated ? t.Phase == null : t.Phase == selectedPhase));
        var therapyCounts = await db.TherapyTypes.AsNoTracking()
            .Select(tt => new
            {
                tt.Slug,
                Count = tt.Trials.Count(t => !phaseFiltered || (notStated ? t.Phase == null : t.Phase == selectedPhase)),
            })
            .ToDictionaryAsync(t => t.Slug, t => t.Count, cancellationToken);
        var therapyOptions = new List<FilterOption> { new(null, "All therapy types", await withPhase.CountAsync(cancellationToken), slug is null) };
        therapyOptions.AddRange(taxonomy.Select(t => new FilterOption(t.Slug, t.Name, therapyCounts.GetValueOrDefault(t.Slug), t.Slug == slug)));

        var phaseCounts = await db.Trials.AsNoTracking().WithTherapyType(slug)
            .GroupBy(t => t.Phase)
            .Select(g => new { Phase = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var phaseOptions = new List<FilterOption> { new(null, "All phases", phaseCounts.Sum(p => p.Count), !phaseFiltered) };
        phaseOptions.AddRange(Enum.GetValues<TrialPhase>()
            .Select(p => new FilterOption(Display.Slug(p), Display.Label(p), phaseCounts.Where(c => c.Phase == p).Sum(c => c.Count), p == selectedPhase))
            .Where(o => o.Count > 0 || o.Selected));
        var unknownPhaseCount = phaseCounts.Where(c => c.Phase is null).Sum(c => c.Count);
        if (unknownPhaseCount > 0 || notStated)
            phaseOptions.Add(new FilterOption(PhaseNotStated, Display.Label((TrialPhase?)null), unknownPhaseCount, notStated));

        var rows = await withPhase.WithTherapyType(slug)
            .OrderBy(t => t.NctId)
            .Select(t => new TrialRow(
                t.Id,
                t.NctId,
                t.Title,
                t.Studies.OrderBy(s => s.Year).ThenBy(s => s.Id).Select(s => new StudyLabel(s.Id, s.ShortLabel ?? s.Title)).ToList(),
                t.Phase,
                t.PhaseText,
                t.Status,
                t.Sponsor,
                t.Enrollment,
                t.TherapyTypes.OrderBy(tt => tt.SortOrder).Select(tt => new TherapyTag(tt.Slug, tt.Name)).ToList(),
                t.Unverified))
            .ToListAsync(cancellationToken);

        var phaseLabel = notStated ? Display.Label((TrialPhase?)null) : selectedPhase is { } p ? Display.Label(p) : null;
        return View(new TrialListViewModel(
            rows,
            therapyOptions,
            phaseOptions,
            selectedTherapy,
            phaseLabel,
            UnknownTherapy: selectedTherapy is null && !string.IsNullOrWhiteSpace(therapy) ? therapy : null,
            UnknownPhase: !phaseFiltered && !string.IsNullOrWhiteSpace(phase) ? phase : null));
    }

    [HttpGet("{id:int}")]
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var trial = await db.Trials.AsNoTracking()
            .Where(t => t.Id == id)
            .Select(t => new TrialDetailsViewModel
            {
                Id = t.Id,
                NctId = t.NctId,
                Title = t.Title,
                Phase = t.Phase,
                PhaseText = t.PhaseText,
                Design = t.Design,
                Enrollment = t.Enrollment,
                Status = t.Status,
                Sponsor = t.Sponsor,
                Intervention = t.Intervention,
                Provenance = t.Provenance,
                Unverified = t.Unverified,
                ImportedAt = t.ImportedAt,
                UpdatedAt = t.UpdatedAt,
                TherapyTypes = t.TherapyTypes.OrderBy(tt => tt.SortOrder).Select(tt => new TherapyTag(tt.Slug, tt.Name)).ToList(),
                Studies = t.Studies.OrderBy(s => s.Year).ThenBy(s => s.Id)
                    .Select(s => new TrialStudyRow(s.Id, s.Title, s.ShortLabel, s.Kind, s.Year, s.Authors, s.Journal))
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (trial is null) return NotFound();

        var claims = await db.EvidenceLinks.Where(l => l.TrialId == id).ToLinkedClaimRowsAsync(cancellationToken);

        return View(trial with { Claims = claims });
    }
}
