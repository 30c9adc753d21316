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
public sealed class EvidenceMapController(KnowledgeBaseDbContext db, ChangeStampedCache cache, ClaimRecordChecks checks) : Controller
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
            var flagged = (await cache.GetOrComputeAsync("evidence-map:flagged", FlaggedClaimsAsync, cancellationToken)).Ids;
            if (flagged is not null)
            {
                var onlyFlagged = await cache.GetOrComputeAsync("evidence-map:flagged:" + Display.Slug(mapView), ct => new EvidenceMapQuery(db).BuildAsync(mapView, ct, flagged), cancellationToken);
                return View(onlyFlagged with { UnknownView = unknownView });
            }
        }
        var model = await cache.GetOrComputeAsync("evidence-map:" + Display.Slug(mapView), ct => new EvidenceMapQuery(db).BuildAsync(mapView, ct), cancellationToken);
        return View(model with
        {
            UnknownView = unknownView,
            FlagsNotice = flags is null ? null : string.Equals(flags.Trim(), "yes", StringComparison.OrdinalIgnoreCase)
                ? $"More than {ClaimsController.FlagScanLimit:N0} claims are linked to records, too many to compute their flags here: the map shows every claim. Narrow the claims list by source first (/claims?flags=yes)."
                : $"There is no flags filter “{flags.Trim()}” (use yes); the map shows every claim.",
        });
    }

    /// <summary>The flagged claims (<see cref="ClaimRecordChecks.FlaggedAmongAsync"/>); null ids: too many claims linked to records.</summary>
    private async Task<FlaggedClaims> FlaggedClaimsAsync(CancellationToken ct) => new(await checks.FlaggedAmongAsync(db.Claims.AsNoTracking(), ct));

    private sealed record FlaggedClaims(IReadOnlyCollection<int>? Ids);
}
