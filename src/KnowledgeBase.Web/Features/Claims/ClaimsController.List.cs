using KnowledgeBase.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>The claims list: filters, tag facet, paging, and the bulk-tag form for editors (the query is <see cref="ClaimListQuery"/>).</summary>
public sealed partial class ClaimsController
{
    public const int PageSize = ClaimListQuery.PageSize;

    /// <summary>Sources listed in the source drop-down when there are more: <see cref="ClaimListQuery.SourceChoices"/>.</summary>
    public const int SourceChoices = ClaimListQuery.SourceChoices;

    /// <summary>Most claims linked to records whose flags <c>?flags=yes</c> computes: <see cref="ClaimRecordChecks.FlagScanLimit"/>.</summary>
    public const int FlagScanLimit = ClaimRecordChecks.FlagScanLimit;

    /// <summary>
    /// Claims, filtered by source (<c>?source=3</c>), status (<c>?status=candidate</c>), assessment
    /// (<c>?assessment=overstated</c> or <c>not-assessed</c>), the therapy type of the evidence they rely on
    /// (<c>?therapy=msc-ntf</c>, repeatable: any of them), whether they are orphaned (<c>?orphaned=yes</c>)
    /// and tags by name, all of them (<c>?tag=safety&amp;tag=survival</c>), whether claim-vs-record flags not dismissed
    /// are raised on them (<c>?flags=yes</c>), the source's therapy kind and condition; sorted (<c>?sort=newest</c>),
    /// 50 a page. Unknown values are reported and ignored.
    /// </summary>
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var claims = new ClaimListQuery(db, shared);
        var request = await claims.ParseAsync(new FacetRequest(Request.Query), cancellationToken);
        return View(await claims.PageAsync(request, page, cancellationToken));
    }
}
