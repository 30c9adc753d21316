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
        var study = await new StudyDetailsQuery(db).FindAsync(id, cancellationToken);
        return study is null ? NotFound() : View(study);
    }
}
