using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Studies;

[Route("studies")]
public sealed class StudiesController(KnowledgeBaseDbContext db, ChangeStampedCache shared) : Controller
{
    /// <summary>
    /// Studies, faceted: therapy type, kind, evidence level, phase, cell source, route (each repeatable,
    /// OR within a facet, AND across facets), year range, whether claims rely on them; sorted and paged.
    /// Unknown values are reported and ignored; the page never fails on a malformed query.
    /// </summary>
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var studies = new StudyListQuery(db, shared);
        var request = await studies.ParseAsync(new FacetRequest(Request.Query), cancellationToken);
        return View(await studies.PageAsync(request, page, cancellationToken));
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
                Abstract = s.Abstract,
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
