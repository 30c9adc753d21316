using System.Globalization;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Sources;

/// <summary>What a sources list was asked for, parsed: therapy kinds, conditions, the order, the page size and what named nothing.</summary>
public sealed record SourceListRequest(IReadOnlyList<string> Kinds, IReadOnlyList<string> Conditions, SourceSort Order, int PageSize, IReadOnlyList<string> Unknown)
{
    /// <summary>The list's address without the page: what facet links toggle.</summary>
    public BrowseState State
    {
        get
        {
            var pairs = Kinds.Select(k => new KeyValuePair<string, string>(SourceClassificationFacets.KindKey, k))
                .Concat(Conditions.Select(c => new KeyValuePair<string, string>(SourceClassificationFacets.ConditionKey, c)))
                .ToList();
            if (Order != SourceSort.Newest) pairs.Add(new("sort", Display.Slug(Order)));
            if (PageSize != BrowsePaging.DefaultSize) pairs.Add(new("size", PageSize.ToString(CultureInfo.InvariantCulture)));
            return new BrowseState("/sources", pairs);
        }
    }
}

/// <summary>
/// The sources list (/sources) as a query: filter in, page model out. The facets' counts are taken on the
/// classification tables alone, each with the other facet applied; the total and the page of rows on the sources.
/// </summary>
public sealed class SourceListQuery(KnowledgeBaseDbContext db)
{
    /// <summary>Reads the filter; unknown kinds, conditions and sort orders are reported and ignored.</summary>
    public static SourceListRequest Parse(IEnumerable<string?>? kind, IEnumerable<string?>? condition, string? sort, int? size)
    {
        var unknown = new List<string>();
        var kinds = SourceClassificationFacets.Parse(kind, SourceTaxonomy.TherapyKinds, "therapy kind", unknown);
        var conditions = SourceClassificationFacets.Parse(condition, SourceTaxonomy.Conditions, "condition", unknown);
        var sortBy = Display.ParseSlug<SourceSort>(sort);
        if (sortBy is null && !string.IsNullOrWhiteSpace(sort)) unknown.Add($"sort order “{sort.Trim()}”");
        return new SourceListRequest(kinds, conditions, sortBy ?? SourceSort.Newest, BrowsePaging.SizeOf(size), unknown);
    }

    /// <summary>One page of the list with both facets' counts.</summary>
    public async Task<SourceListViewModel> PageAsync(SourceListRequest request, int page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = request.State;
        var (kindCounts, conditionCounts) = await CountAsync(request, ct);
        IReadOnlyList<FacetGroup> facets =
        [
            SourceClassificationFacets.Group(SourceClassificationFacets.KindKey, "Therapy kind", "source", state, SourceTaxonomy.TherapyKinds, kindCounts, request.Kinds),
            SourceClassificationFacets.Group(SourceClassificationFacets.ConditionKey, "Condition", "source", state, SourceTaxonomy.Conditions, conditionCounts, request.Conditions),
        ];

        var filtered = db.Sources.AsNoTracking().OfKinds(request.Kinds).AboutConditions(request.Conditions);
        var total = await filtered.CountAsync(ct);
        var window = PageWindow.Of(total, page, request.PageSize);
        // The page's ids first, then its rows: PostgreSQL computes a query's select list for the rows an OFFSET skips
        // too, so the per-row counts below would run for every source before the page (0.2 s at page 500).
        var pageIds = Sorted(filtered, request.Order).Page(window).Select(s => s.Id);
        var rows = await Sorted(db.Sources.AsNoTracking().Where(s => pageIds.Contains(s.Id)), request.Order)
            .Select(s => new
            {
                Row = new SourceRow(
                    s.Id,
                    s.Title,
                    s.TitleOrigin,
                    s.Publisher,
                    s.FileName,
                    s.PartIndex,
                    s.ImportedAt,
                    s.Claims.Count,
                    s.Claims.Count(c => c.Status == ClaimStatus.Candidate),
                    s.Claims.Count(c => c.Status == ClaimStatus.Confirmed))
                {
                    ArticlesInFile = db.Sources.Count(o => o.FileName == s.FileName),
                },
                Kinds = s.TherapyKinds.Select(k => k.Slug).ToList(),
                Conditions = s.Conditions.Select(c => c.Slug).ToList(),
            })
            .ToListAsync(ct);
        var sources = rows.Select(r => r.Row with
        {
            TherapyKinds = SourceClassificationFacets.Entries(r.Kinds, SourceTaxonomy.TherapyKinds),
            Conditions = SourceClassificationFacets.Entries(r.Conditions, SourceTaxonomy.Conditions),
        }).ToList();
        var sorts = Enum.GetValues<SourceSort>().Select(o => new SortOption(Display.Slug(o), SortLabel(o), o == request.Order)).ToList();
        return new SourceListViewModel(sources, facets, new BrowsePaging(window.Page, window.PageCount, request.PageSize, total, sources.Count, state), sorts, request.Unknown);
    }

    /// <summary>
    /// Each therapy kind's and condition's count with the other facet applied. Counted on the classification tables
    /// alone (their slug indexes cover them): joining Sources would read each source's row, text included, for every
    /// count (0.8 s at 100,000 sources).
    /// </summary>
    private async Task<(Dictionary<string, int> Kinds, Dictionary<string, int> Conditions)> CountAsync(SourceListRequest request, CancellationToken ct)
    {
        var kinds = request.Kinds;
        var conditions = request.Conditions;
        var kindRows = db.SourceTherapyKinds.AsNoTracking();
        if (conditions.Count > 0) kindRows = kindRows.Where(k => db.SourceConditions.Any(c => c.SourceId == k.SourceId && conditions.Contains(c.Slug)));
        var kindCounts = await kindRows.GroupBy(k => k.Slug).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
        var conditionRows = db.SourceConditions.AsNoTracking();
        if (kinds.Count > 0) conditionRows = conditionRows.Where(c => db.SourceTherapyKinds.Any(k => k.SourceId == c.SourceId && kinds.Contains(k.Slug)));
        var conditionCounts = await conditionRows.GroupBy(c => c.Slug).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
        return (kindCounts, conditionCounts);
    }

    private static string SortLabel(SourceSort sort) => sort switch
    {
        SourceSort.Newest => "Newest first",
        SourceSort.Oldest => "Oldest first",
        SourceSort.Title => "Title A–Z",
        SourceSort.Claims => "Most claims",
        _ => sort.ToString(),
    };

    private static IQueryable<Source> Sorted(IQueryable<Source> sources, SourceSort sort) => sort switch
    {
        SourceSort.Oldest => sources.OrderBy(s => s.ImportedAt).ThenBy(s => s.FileName).ThenBy(s => s.PartIndex),
        SourceSort.Title => sources.OrderBy(s => s.Title).ThenBy(s => s.Id),
        SourceSort.Claims => sources.OrderByDescending(s => s.Claims.Count).ThenBy(s => s.Title).ThenBy(s => s.Id),
        _ => sources.NewestFirst(), // (FileName, PartIndex) is unique: no tie left
    };
}
