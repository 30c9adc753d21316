using System.Globalization;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Studies;

/// <summary>What a studies list was asked for, parsed: the filter, the order, the page size and what named nothing.</summary>
public sealed record StudyListRequest(StudyFilter Filter, StudySort Order, int PageSize, IReadOnlyList<TherapyTag> Taxonomy, IReadOnlyList<string> Unknown)
{
    /// <summary>The list's address without the page: what facet links toggle.</summary>
    public BrowseState State
    {
        get
        {
            var pairs = Filter.ToQuery().ToList();
            if (Order != StudySort.Newest) pairs.Add(new(StudyFacet.Sort, Display.Slug(Order)));
            if (PageSize != BrowsePaging.DefaultSize) pairs.Add(new(StudyFacet.Size, PageSize.ToString(CultureInfo.InvariantCulture)));
            return new BrowseState("/studies", pairs);
        }
    }

    /// <summary>The download link's query: the same filter, read back by <see cref="StudyListQuery.ParseAsync"/> in the export.</summary>
    public string ExportQuery => "what=studies" + string.Concat(Filter.ToQuery().Select(p => "&" + Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
}

/// <summary>
/// The studies list (/studies) as a query: filter in, page model out. The export reads the same filter through
/// <see cref="ParseAsync"/> and <see cref="Matching"/>, so "download these studies" is exactly the list. The facets'
/// counts and the total are computed once per change stamp and filter and shared when a <see cref="ChangeStampedCache"/>
/// is given (editors get no page cache); the page of rows is always read afresh.
/// </summary>
public sealed class StudyListQuery(KnowledgeBaseDbContext db, ChangeStampedCache? shared = null)
{
    private sealed record ListCounts(IReadOnlyList<FacetGroup> Facets, int? FirstYear, int? LastYear, int Total);

    /// <summary>
    /// From this many matching studies, a therapy-filtered page in the default order walks the order's index: the walk
    /// then visits about 50 studies per page for each one it keeps, fewer than sorting them all reads.
    /// </summary>
    private const int WalkInOrderFrom = 1_000;

    public async Task<StudyListRequest> ParseAsync(FacetRequest query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var taxonomy = await db.TherapyTypes.AsNoTracking().InDisplayOrder().Select(t => new TherapyTag(t.Slug, t.Name)).ToListAsync(ct);
        var therapies = query.Therapies(StudyFacet.Therapy, taxonomy);
        var kinds = query.Enums<StudyKind>(StudyFacet.Kind, "kind of publication");
        var levels = query.Enums<EvidenceLevel>(StudyFacet.Level, "evidence level");
        var phaseNotStated = query.Has(StudyFacet.Phase, StudyFacet.NotStated);
        var phases = query.Enums<TrialPhase>(StudyFacet.Phase, "phase", StudyFacet.NotStated);
        var cellSources = query.Enums(StudyFacet.Cells, "cell source", null, CellSourceFacets.None).Aggregate(CellSourceFacets.None, (a, b) => a | b);
        var routes = query.Enums(StudyFacet.Route, "route", null, RouteFacets.None).Aggregate(RouteFacets.None, (a, b) => a | b);
        var fromYear = query.Year(StudyFacet.From);
        var toYear = query.Year(StudyFacet.To);
        var hasClaims = query.Claims(StudyFacet.Claims, StudyFacet.WithClaims, StudyFacet.WithoutClaims);
        var order = query.Sort(StudyFacet.Sort, StudySort.Newest);
        var filter = new StudyFilter(therapies, kinds, levels, phases, phaseNotStated, cellSources, routes, fromYear, toYear, hasClaims);
        return new StudyListRequest(filter, order, query.PageSize(StudyFacet.Size), taxonomy, query.Unknown);
    }

    /// <summary>The studies the filter selects, unordered (the list sorts and pages them; the export reads them all).</summary>
    public IQueryable<Study> Matching(StudyFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Apply(db.Studies.AsNoTracking(), db.TherapyTypes);
    }

    /// <summary>One page of the list with every facet's counts.</summary>
    public async Task<StudyListViewModel> PageAsync(StudyListRequest request, int page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        // After a change, the previous stamp's counts (marked stale) while they are recounted on a context of their own.
        var (counts, countsStale) = await shared.SharedOrComputeAsync("studies:" + request.State.Href(), db, (context, c) => new StudyListQuery(context).CountAsync(request, c), ct);
        var total = counts.Total;
        var window = PageWindow.Of(total, page, request.PageSize);
        // Many studies of a therapy type, newest first, on SQLite: walk the order's index (see StudyFilter.Apply).
        var walk = request.Order == StudySort.Newest && request.Filter.Therapies.Count > 0 && total >= WalkInOrderFrom && db.Database.IsSqlite();
        var filtered = request.Filter.Apply(db.Studies.AsNoTracking(), db.TherapyTypes, walkInOrder: walk);
        var rows = await Sorted(filtered, request.Order)
            .Page(window)
            .Select(s => new StudyRow(
                s.Id,
                s.Title,
                s.Authors,
                s.Journal,
                s.Year,
                s.Kind,
                s.TherapyTypes.OrderBy(t => t.SortOrder).Select(t => new TherapyTag(t.Slug, t.Name)).ToList(),
                s.Doi,
                s.Pmid,
                s.Pmcid,
                s.Trials.OrderBy(t => t.NctId).Select(t => t.NctId).ToList(),
                s.EvidenceLinks.Select(l => l.ClaimId).Distinct().Count(),
                s.Unverified)
            {
                EvidenceLevel = s.EvidenceLevel,
                Participants = s.Participants,
            })
            .ToListAsync(ct);

        var sorts = Enum.GetValues<StudySort>().Select(o => new SortOption(Display.Slug(o), SortLabel(o), o == request.Order)).ToList();
        return new StudyListViewModel(
            rows,
            counts.Facets,
            new BrowsePaging(window.Page, window.PageCount, request.PageSize, total, rows.Count, request.State),
            sorts,
            request.Filter,
            counts.FirstYear,
            counts.LastYear,
            request.Unknown,
            ExportQuery: request.ExportQuery)
        {
            CountsStale = countsStale,
        };
    }

    /// <summary>Every facet's counts under the other filters, the years' range and the total.</summary>
    private async Task<ListCounts> CountAsync(StudyListRequest request, CancellationToken ct)
    {
        var all = db.Studies.AsNoTracking();
        var facets = new List<FacetGroup>();

        var therapyCounts = await StudyFacetCounts.TherapiesAsync(request.Filter.Apply(all, db.TherapyTypes, StudyFacet.Therapy), ct);
        facets.Add(Group(StudyFacet.Therapy, "Therapy type", request.State, request.Taxonomy.Select(t => (t.Slug, t.Name, therapyCounts.GetValueOrDefault(t.Slug), request.Filter.Therapies.Contains(t.Slug)))));

        var levelCounts = await StudyFacetCounts.LevelsAsync(request.Filter.Apply(all, db.TherapyTypes, StudyFacet.Level), ct);
        facets.Add(Group(StudyFacet.Level, "Evidence level", request.State, Enum.GetValues<EvidenceLevel>()
            .Select(l => (Display.Slug(l), FacetDisplay.Label(l), levelCounts.GetValueOrDefault(l), request.Filter.Levels.Contains(l)))));

        var (phaseCounts, noPhase) = await StudyFacetCounts.PhasesAsync(request.Filter.Apply(all, db.TherapyTypes, StudyFacet.Phase), ct);
        facets.Add(Group(StudyFacet.Phase, "Phase", request.State, Enum.GetValues<TrialPhase>()
            .Select(p => (Display.Slug(p), Display.Label(p), phaseCounts.GetValueOrDefault(p), request.Filter.Phases.Contains(p)))
            .Append((StudyFacet.NotStated, "No phase", noPhase, request.Filter.PhaseNotStated))));

        var cellCounts = await StudyFacetCounts.CellsAsync(request.Filter.Apply(all, db.TherapyTypes, StudyFacet.Cells), ct);
        facets.Add(Group(StudyFacet.Cells, "Cell source", request.State, FacetParsing.Bits<CellSourceFacets>()
            .Select(c => (Display.Slug(c), FacetDisplay.Label(c), cellCounts.GetValueOrDefault(c), request.Filter.Cells.HasFlag(c)))));

        var routeCounts = await StudyFacetCounts.RoutesAsync(request.Filter.Apply(all, db.TherapyTypes, StudyFacet.Route), ct);
        facets.Add(Group(StudyFacet.Route, "Route", request.State, FacetParsing.Bits<RouteFacets>()
            .Select(r => (Display.Slug(r), FacetDisplay.Label(r), routeCounts.GetValueOrDefault(r), request.Filter.Routes.HasFlag(r)))));

        var kindCounts = await StudyFacetCounts.KindsAsync(request.Filter.Apply(all, db.TherapyTypes, StudyFacet.Kind), ct);
        facets.Add(Group(StudyFacet.Kind, "Kind of publication", request.State, Enum.GetValues<StudyKind>()
            .Select(k => (Display.Slug(k), Display.Label(k), kindCounts.GetValueOrDefault(k), request.Filter.Kinds.Contains(k)))));

        var claimsBase = request.Filter.Apply(all, db.TherapyTypes, StudyFacet.Claims);
        var withClaims = await claimsBase.CountAsync(s => s.EvidenceLinks.Any(), ct);
        var withoutClaims = await claimsBase.CountAsync(ct) - withClaims;
        facets.Add(Group(StudyFacet.Claims, "Claims relying on it", request.State,
        [
            (StudyFacet.WithClaims, "Some claims rely on it", withClaims, request.Filter.HasClaims == true),
            (StudyFacet.WithoutClaims, "No claims rely on it", withoutClaims, request.Filter.HasClaims == false),
        ], exclusive: true));

        var years = await all.Where(s => s.Year != null).GroupBy(_ => 1)
            .Select(g => new { Min = g.Min(s => s.Year), Max = g.Max(s => s.Year) })
            .FirstOrDefaultAsync(ct);

        return new ListCounts(facets, years?.Min, years?.Max, await request.Filter.Apply(all, db.TherapyTypes).CountAsync(ct));
    }

    private static string SortLabel(StudySort sort) => sort switch
    {
        StudySort.Newest => "Newest first",
        StudySort.Oldest => "Oldest first",
        StudySort.Title => "Title A–Z",
        StudySort.Claims => "Most claims relying on it",
        StudySort.Participants => "Most participants",
        _ => sort.ToString(),
    };

    private static IQueryable<Study> Sorted(IQueryable<Study> studies, StudySort sort) => sort switch
    {
        StudySort.Oldest => studies.OrderBy(s => s.Year == null).ThenBy(s => s.Year).ThenBy(s => s.Title).ThenBy(s => s.Id),
        StudySort.Title => studies.OrderBy(s => s.Title).ThenBy(s => s.Id),
        StudySort.Claims => studies.OrderByDescending(s => s.EvidenceLinks.Select(l => l.ClaimId).Distinct().Count()).ThenBy(s => s.Title).ThenBy(s => s.Id),
        StudySort.Participants => studies.OrderBy(s => s.Participants == null).ThenByDescending(s => s.Participants).ThenBy(s => s.Title).ThenBy(s => s.Id),
        _ => studies.OrderByDescending(s => s.Year ?? 0).ThenBy(s => s.Title).ThenBy(s => s.Id),
    };

    private static FacetGroup Group(string key, string title, BrowseState state, IEnumerable<(string Slug, string Label, int Count, bool Selected)> values, bool exclusive = false) =>
        FacetGroups.Build(key, title, "study", state, values, exclusive);
}
