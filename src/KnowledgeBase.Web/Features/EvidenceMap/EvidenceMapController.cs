using KnowledgeBase.Data;
using KnowledgeBase.Web.Features.Claims;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

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
    public async Task<IActionResult> Index([FromQuery] string? view, [FromQuery] string? flags, CancellationToken cancellationToken)
    {
        var chosen = Display.ParseSlug<EvidenceMapView>(view);
        var mapView = chosen ?? EvidenceMapView.Studies;
        var unknownView = chosen is null && !string.IsNullOrWhiteSpace(view) ? view.Trim() : null;
        if (string.Equals(flags?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
        {
            // The flagged claims and the map over them in one entry, so that a recount never pairs a new map with old flags.
            var (onlyFlagged, flaggedStale) = await cache.GetAsync("evidence-map:flagged:" + Display.Slug(mapView), db, (context, ct) => FlaggedMapAsync(context, mapView, ct), cancellationToken);
            if (onlyFlagged.Map is { } flaggedMap) return View(flaggedMap with { UnknownView = unknownView, CountsStale = flaggedStale });
        }
        var (model, stale) = await SharedMapAsync(cache, db, mapView, cancellationToken);
        return View(model with
        {
            UnknownView = unknownView,
            CountsStale = stale,
            FlagsNotice = flags is null ? null : string.Equals(flags.Trim(), "yes", StringComparison.OrdinalIgnoreCase)
                ? $"More than {ClaimsController.FlagScanLimit:N0} claims are linked to records, too many to compute their flags here: the map shows every claim. Narrow the claims list by source first (/claims?flags=yes)."
                : $"There is no flags filter “{flags.Trim()}” (use yes); the map shows every claim.",
        });
    }

    /// <summary>The map of every claim for a view, shared per change stamp (the start-up warm-up asks for it too).</summary>
    internal static Task<Shared<EvidenceMapViewModel>> SharedMapAsync(ChangeStampedCache cache, KnowledgeBaseDbContext db, EvidenceMapView view, CancellationToken cancellationToken) =>
        cache.GetAsync("evidence-map:" + Display.Slug(view), db, (context, ct) => new EvidenceMapQuery(context).BuildAsync(view, ct), cancellationToken);

    /// <summary>The map over the flagged claims (<see cref="ClaimRecordChecks.FlaggedAmongAsync"/>); a null map: too many claims linked to records.</summary>
    private static async Task<FlaggedMap> FlaggedMapAsync(KnowledgeBaseDbContext context, EvidenceMapView view, CancellationToken ct) =>
        new(await new ClaimRecordChecks(context).FlaggedAmongAsync(context.Claims.AsNoTracking(), ct) is { } flagged
            ? await new EvidenceMapQuery(context).BuildAsync(view, ct, flagged)
            : null);

    private sealed record FlaggedMap(EvidenceMapViewModel? Map);
}
