using System.Globalization;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Studies;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Trials;

/// <summary>What a trials list was asked for, parsed: the filter, the order, the page size and what named nothing.</summary>
public sealed record TrialListRequest(TrialFilter Filter, TrialSort Order, int PageSize, IReadOnlyList<TherapyTag> Taxonomy, IReadOnlyList<string> Unknown)
{
    /// <summary>The list's address without the page: what facet links toggle.</summary>
    public BrowseState State
    {
        get
        {
            var pairs = Filter.ToQuery().ToList();
            if (Order != TrialSort.Nct) pairs.Add(new(TrialFacet.Sort, Display.Slug(Order)));
            if (PageSize != BrowsePaging.DefaultSize) pairs.Add(new(TrialFacet.Size, PageSize.ToString(CultureInfo.InvariantCulture)));
            return new BrowseState("/trials", pairs);
        }
    }

    /// <summary>The download link's query: the same filter, read back by <see cref="TrialListQuery.ParseAsync"/> in the export.</summary>
    public string ExportQuery => "what=trials" + string.Concat(Filter.ToQuery().Select(p => "&" + Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
}

/// <summary>
/// The trials list (/trials) as a query: filter in, page model out. The export reads the same filter through
/// <see cref="ParseAsync"/> and <see cref="Matching"/>, so "download these trials" is exactly the list.
/// </summary>
public sealed class TrialListQuery(KnowledgeBaseDbContext db)
{
    public async Task<TrialListRequest> ParseAsync(FacetRequest query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var taxonomy = await db.TherapyTypes.AsNoTracking().InDisplayOrder().Select(t => new TherapyTag(t.Slug, t.Name)).ToListAsync(ct);
        var therapies = query.Therapies(TrialFacet.Therapy, taxonomy);
        var phaseNotStated = query.Has(TrialFacet.Phase, TrialFacet.NotStated);
        var phases = query.Enums<TrialPhase>(TrialFacet.Phase, "phase", TrialFacet.NotStated);
        var designs = query.Enums(TrialFacet.Design, "design", null,
            EvidenceLevel.CaseReportOrSeries, EvidenceLevel.Review, EvidenceLevel.RegistryRecord, EvidenceLevel.PressReleaseOrOther);
        var statuses = query.Enums<TrialStatusFacet>(TrialFacet.Status, "status");
        var cellSources = query.Enums(TrialFacet.Cells, "cell source", null, CellSourceFacets.None).Aggregate(CellSourceFacets.None, (a, b) => a | b);
        var routes = query.Enums(TrialFacet.Route, "route", null, RouteFacets.None).Aggregate(RouteFacets.None, (a, b) => a | b);
        var hasClaims = query.Claims(TrialFacet.Claims, "with", "without");
        var order = query.Sort(TrialFacet.Sort, TrialSort.Nct);
        var filter = new TrialFilter(therapies, phases, phaseNotStated, designs, statuses, cellSources, routes, hasClaims);
        return new TrialListRequest(filter, order, query.PageSize(TrialFacet.Size), taxonomy, query.Unknown);
    }

    /// <summary>The trials the filter selects, unordered (the list sorts and pages them; the export reads them all).</summary>
    public IQueryable<Trial> Matching(TrialFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Apply(db.Trials.AsNoTracking(), db.TherapyTypes);
    }

    /// <summary>One page of the list with every facet's counts.</summary>
    public async Task<TrialListViewModel> PageAsync(TrialListRequest request, int page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var all = db.Trials.AsNoTracking();
        var facets = new List<FacetGroup>();

        var therapyCounts = await request.Filter.Apply(all, db.TherapyTypes, TrialFacet.Therapy).SelectMany(t => t.TherapyTypes).GroupBy(tt => tt.Slug)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        facets.Add(Group(TrialFacet.Therapy, "Therapy type", request.State, request.Taxonomy.Select(t => (t.Slug, t.Name, therapyCounts.GetValueOrDefault(t.Slug), request.Filter.Therapies.Contains(t.Slug)))));

        var phaseRows = await request.Filter.Apply(all, db.TherapyTypes, TrialFacet.Phase).GroupBy(t => t.Phase).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        facets.Add(Group(TrialFacet.Phase, "Phase", request.State, Enum.GetValues<TrialPhase>()
            .Select(p => (Display.Slug(p), Display.Label(p), phaseRows.Where(r => r.Key == p).Sum(r => r.Count), request.Filter.Phases.Contains(p)))
            .Append((TrialFacet.NotStated, Display.Label((TrialPhase?)null), phaseRows.Where(r => r.Key == null).Sum(r => r.Count), request.Filter.PhaseNotStated))));

        var designCounts = await request.Filter.Apply(all, db.TherapyTypes, TrialFacet.Design).GroupBy(t => t.EvidenceLevel).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        facets.Add(Group(TrialFacet.Design, "Design", request.State, new[] { EvidenceLevel.RandomisedControlled, EvidenceLevel.NonRandomised, EvidenceLevel.NotStated }
            .Select(d => (Display.Slug(d), FacetDisplay.Label(d), designCounts.GetValueOrDefault(d), request.Filter.Designs.Contains(d)))));

        var statusCounts = await request.Filter.Apply(all, db.TherapyTypes, TrialFacet.Status).GroupBy(t => t.StatusFacet).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        facets.Add(Group(TrialFacet.Status, "Status", request.State, Enum.GetValues<TrialStatusFacet>()
            .Select(st => (Display.Slug(st), FacetDisplay.Label(st), statusCounts.GetValueOrDefault(st), request.Filter.Statuses.Contains(st)))));

        var cellRows = await request.Filter.Apply(all, db.TherapyTypes, TrialFacet.Cells).GroupBy(t => t.CellSourceFacet).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var cellCounts = FacetParsing.CountBits(cellRows.Select(r => (r.Key, r.Count)));
        facets.Add(Group(TrialFacet.Cells, "Cell source", request.State, FacetParsing.Bits<CellSourceFacets>()
            .Select(c => (Display.Slug(c), FacetDisplay.Label(c), cellCounts.GetValueOrDefault(c), request.Filter.Cells.HasFlag(c)))));

        var routeRows = await request.Filter.Apply(all, db.TherapyTypes, TrialFacet.Route).GroupBy(t => t.RouteFacet).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var routeCounts = FacetParsing.CountBits(routeRows.Select(r => (r.Key, r.Count)));
        facets.Add(Group(TrialFacet.Route, "Route", request.State, FacetParsing.Bits<RouteFacets>()
            .Select(r => (Display.Slug(r), FacetDisplay.Label(r), routeCounts.GetValueOrDefault(r), request.Filter.Routes.HasFlag(r)))));

        var claimsBase = request.Filter.Apply(all, db.TherapyTypes, TrialFacet.Claims);
        var withClaims = await claimsBase.CountAsync(t => t.EvidenceLinks.Any(), ct);
        var withoutClaims = await claimsBase.CountAsync(ct) - withClaims;
        facets.Add(Group(TrialFacet.Claims, "Claims relying on it", request.State,
        [
            ("with", "Some claims rely on it", withClaims, request.Filter.HasClaims == true),
            ("without", "No claims rely on it", withoutClaims, request.Filter.HasClaims == false),
        ], exclusive: true));

        var filtered = request.Filter.Apply(all, db.TherapyTypes);
        var total = await filtered.CountAsync(ct);
        var window = PageWindow.Of(total, page, request.PageSize);
        var rows = await Sorted(filtered, request.Order)
            .Page(window)
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
                t.Unverified)
            {
                ClaimCount = t.EvidenceLinks.Select(l => l.ClaimId).Distinct().Count(),
            })
            .ToListAsync(ct);

        var sorts = Enum.GetValues<TrialSort>().Select(o => new SortOption(Display.Slug(o), SortLabel(o), o == request.Order)).ToList();
        return new TrialListViewModel(
            rows, facets, new BrowsePaging(window.Page, window.PageCount, request.PageSize, total, rows.Count, request.State), sorts, request.Filter, request.Unknown,
            request.ExportQuery);
    }

    private static string SortLabel(TrialSort sort) => sort switch
    {
        TrialSort.Nct => "NCT number",
        TrialSort.Title => "Title A–Z",
        TrialSort.Claims => "Most claims relying on it",
        TrialSort.Enrollment => "Largest enrolment",
        _ => sort.ToString(),
    };

    private static IQueryable<Trial> Sorted(IQueryable<Trial> trials, TrialSort sort) => sort switch
    {
        TrialSort.Title => trials.OrderBy(t => t.Title == null).ThenBy(t => t.Title).ThenBy(t => t.NctId),
        TrialSort.Claims => trials.OrderByDescending(t => t.EvidenceLinks.Select(l => l.ClaimId).Distinct().Count()).ThenBy(t => t.NctId),
        TrialSort.Enrollment => trials.OrderBy(t => t.Enrollment == null).ThenByDescending(t => t.Enrollment).ThenBy(t => t.NctId),
        _ => trials.OrderBy(t => t.NctId),
    };

    private static FacetGroup Group(string key, string title, BrowseState state, IEnumerable<(string Slug, string Label, int Count, bool Selected)> values, bool exclusive = false) =>
        FacetGroups.Build(key, title, "trial", state, values, exclusive);
}
