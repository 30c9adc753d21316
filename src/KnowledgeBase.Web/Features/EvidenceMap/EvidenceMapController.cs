using KnowledgeBase.Data;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace KnowledgeBase.Web.Features.EvidenceMap;

/// <summary>
/// The evidence map: therapy type × phase (or evidence level), how many studies or trials sit in each
/// cell and how the claims relying on them were assessed; each cell links to the list it counts
/// (<see cref="EvidenceMapQuery"/>).
/// </summary>
[Route("evidence-map")]
public sealed class EvidenceMapController(KnowledgeBaseDbContext db, ChangeStampedCache cache) : Controller
{
    /// <summary>
    /// The map. Its counts (about a second at a million claims) are computed once per change and view
    /// and shared by readers and editors (<see cref="ChangeStampedCache"/>); readers also get the page cache.
    /// </summary>
    [OutputCache(PolicyName = PageCaching.Policy)]
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] string? view, CancellationToken cancellationToken)
    {
        var chosen = Display.ParseSlug<EvidenceMapView>(view);
        var mapView = chosen ?? EvidenceMapView.Studies;
        var model = await cache.GetOrComputeAsync("evidence-map:" + Display.Slug(mapView), ct => new EvidenceMapQuery(db).BuildAsync(mapView, ct), cancellationToken);
        return View(model with { UnknownView = chosen is null && !string.IsNullOrWhiteSpace(view) ? view.Trim() : null });
    }
}
