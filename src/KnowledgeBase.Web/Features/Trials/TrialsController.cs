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
    /// <summary>
    /// Trials, faceted: therapy type, phase, design, status, cell source, route (each repeatable, OR within
    /// a facet, AND across facets) and whether claims rely on them; sorted and paged. Unknown values are
    /// reported and ignored.
    /// </summary>
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var trials = new TrialListQuery(db);
        var request = await trials.ParseAsync(new FacetRequest(Request.Query), cancellationToken);
        return View(await trials.PageAsync(request, page, cancellationToken));
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
                ResultsPosted = t.ResultsPosted,
                Sponsor = t.Sponsor,
                Intervention = t.Intervention,
                Summary = t.Summary,
                Conditions = t.Conditions,
                Interventions = t.Interventions,
                PrimaryOutcomes = t.PrimaryOutcomes,
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
