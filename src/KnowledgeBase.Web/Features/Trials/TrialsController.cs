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
    /// <summary>The <c>?phase=</c> value for trials whose phase is not stated.</summary>
    public const string PhaseNotStated = "not-stated";

    /// <summary>
    /// Trials, faceted: therapy type, phase, design, status, cell source, route (each repeatable, OR within
    /// a facet, AND across facets) and whether claims rely on them; sorted and paged. Unknown values are
    /// reported and ignored.
    /// </summary>
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromQuery(Name = TrialFacet.Therapy)] string[]? therapy,
        [FromQuery(Name = TrialFacet.Phase)] string[]? phase,
        [FromQuery(Name = TrialFacet.Design)] string[]? design,
        [FromQuery(Name = TrialFacet.Status)] string[]? status,
        [FromQuery(Name = TrialFacet.Cells)] string[]? cells,
        [FromQuery(Name = TrialFacet.Route)] string[]? route,
        [FromQuery(Name = TrialFacet.Claims)] string? claims,
        [FromQuery(Name = TrialFacet.Sort)] string? sort,
        [FromQuery(Name = TrialFacet.Size)] int? size,
        [FromQuery] int page = 1,
        CancellationToken cancellationToken = default)
    {
        var taxonomy = await db.TherapyTypes.AsNoTracking().InDisplayOrder()
            .Select(t => new TherapyTag(t.Slug, t.Name))
            .ToListAsync(cancellationToken);
        var unknown = new List<string>();
        var therapies = FacetParsing.Therapies(therapy, taxonomy, unknown);
        bool IsNotStated(string? p) => string.Equals(p?.Trim(), PhaseNotStated, StringComparison.OrdinalIgnoreCase);
        var phaseNotStated = (phase ?? []).Any(IsNotStated);
        var phases = FacetParsing.Enums<TrialPhase>(phase?.Where(p => !IsNotStated(p)), "phase", unknown);
        var designs = FacetParsing.Enums(design, "design", unknown,
            EvidenceLevel.CaseReportOrSeries, EvidenceLevel.Review, EvidenceLevel.RegistryRecord, EvidenceLevel.PressReleaseOrOther);
        var statuses = FacetParsing.Enums<TrialStatusFacet>(status, "status", unknown);
        var cellSources = FacetParsing.Enums(cells, "cell source", unknown, CellSourceFacets.None).Aggregate(CellSourceFacets.None, (a, b) => a | b);
        var routes = FacetParsing.Enums(route, "route", unknown, RouteFacets.None).Aggregate(RouteFacets.None, (a, b) => a | b);
        bool? hasClaims = claims?.Trim().ToLowerInvariant() switch
        {
            "with" => true,
            "without" => false,
            _ => null,
        };
        if (hasClaims is null && !string.IsNullOrWhiteSpace(claims)) unknown.Add($"claims filter “{claims.Trim()}” (use with or without)");
        var sortBy = Display.ParseSlug<TrialSort>(sort);
        if (sortBy is null && !string.IsNullOrWhiteSpace(sort)) unknown.Add($"sort order “{sort.Trim()}”");
        var order = sortBy ?? TrialSort.Nct;
        var pageSize = BrowsePaging.SizeOf(size);

        var filter = new TrialFilter(therapies, phases, phaseNotStated, designs, statuses, cellSources, routes, hasClaims);
        var stateQuery = filter.ToQuery().ToList();
        if (order != TrialSort.Nct) stateQuery.Add(new(TrialFacet.Sort, Display.Slug(order)));
        if (pageSize != BrowsePaging.DefaultSize) stateQuery.Add(new(TrialFacet.Size, pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var state = new BrowseState("/trials", stateQuery);

        var all = db.Trials.AsNoTracking();
        var facets = new List<FacetGroup>();

        var therapyCounts = await filter.Apply(all, db.TherapyTypes, TrialFacet.Therapy).SelectMany(t => t.TherapyTypes).GroupBy(tt => tt.Slug)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        facets.Add(Group(TrialFacet.Therapy, "Therapy type", state, taxonomy.Select(t => (t.Slug, t.Name, therapyCounts.GetValueOrDefault(t.Slug), therapies.Contains(t.Slug)))));

        var phaseRows = await filter.Apply(all, db.TherapyTypes, TrialFacet.Phase).GroupBy(t => t.Phase).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Group(TrialFacet.Phase, "Phase", state, Enum.GetValues<TrialPhase>()
            .Select(p => (Display.Slug(p), Display.Label(p), phaseRows.Where(r => r.Key == p).Sum(r => r.Count), phases.Contains(p)))
            .Append((PhaseNotStated, Display.Label((TrialPhase?)null), phaseRows.Where(r => r.Key == null).Sum(r => r.Count), phaseNotStated))));

        var designCounts = await filter.Apply(all, db.TherapyTypes, TrialFacet.Design).GroupBy(t => t.EvidenceLevel).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        facets.Add(Group(TrialFacet.Design, "Design", state, new[] { EvidenceLevel.RandomisedControlled, EvidenceLevel.NonRandomised, EvidenceLevel.NotStated }
            .Select(d => (Display.Slug(d), FacetDisplay.Label(d), designCounts.GetValueOrDefault(d), designs.Contains(d)))));

        var statusCounts = await filter.Apply(all, db.TherapyTypes, TrialFacet.Status).GroupBy(t => t.StatusFacet).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        facets.Add(Group(TrialFacet.Status, "Status", state, Enum.GetValues<TrialStatusFacet>()
            .Select(st => (Display.Slug(st), FacetDisplay.Label(st), statusCounts.GetValueOrDefault(st), statuses.Contains(st)))));

        var cellRows = await filter.Apply(all, db.TherapyTypes, TrialFacet.Cells).GroupBy(t => t.CellSourceFacet).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var cellCounts = FacetParsing.CountBits(cellRows.Select(r => (r.Key, r.Count)));
        facets.Add(Group(TrialFacet.Cells, "Cell source", state, FacetParsing.Bits<CellSourceFacets>()
            .Select(c => (Display.Slug(c), FacetDisplay.Label(c), cellCounts.GetValueOrDefault(c), cellSources.HasFlag(c)))));

        var routeRows = await filter.Apply(all, db.TherapyTypes, TrialFacet.Route).GroupBy(t => t.RouteFacet).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var routeCounts = FacetParsing.CountBits(routeRows.Select(r => (r.Key, r.Count)));
        facets.Add(Group(TrialFacet.Route, "Route", state, FacetParsing.Bits<RouteFacets>()
            .Select(r => (Display.Slug(r), FacetDisplay.Label(r), routeCounts.GetValueOrDefault(r), routes.HasFlag(r)))));

        var claimsBase = filter.Apply(all, db.TherapyTypes, TrialFacet.Claims);
        var withClaims = await claimsBase.CountAsync(t => t.EvidenceLinks.Any(), cancellationToken);
        var withoutClaims = await claimsBase.CountAsync(cancellationToken) - withClaims;
        facets.Add(Group(TrialFacet.Claims, "Claims relying on it", state,
        [
            ("with", "Some claims rely on it", withClaims, hasClaims == true),
            ("without", "No claims rely on it", withoutClaims, hasClaims == false),
        ], exclusive: true));

        var filtered = filter.Apply(all, db.TherapyTypes);
        var total = await filtered.CountAsync(cancellationToken);
        var window = PageWindow.Of(total, page, pageSize);
        var rows = await Sorted(filtered, order)
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
            .ToListAsync(cancellationToken);

        var sorts = Enum.GetValues<TrialSort>().Select(o => new SortOption(Display.Slug(o), SortLabel(o), o == order)).ToList();
        string? exportQuery = null;
        if ((filter with { Therapies = [], Phases = [] }).IsEmpty && therapies.Count <= 1 && phases.Count <= 1)
        {
            exportQuery = "what=trials";
            if (therapies.Count == 1) exportQuery += "&therapy=" + Uri.EscapeDataString(therapies[0]);
            if (phases.Count == 1) exportQuery += "&phase=" + Display.Slug(phases[0]);
        }
        return View(new TrialListViewModel(
            rows, facets, new BrowsePaging(window.Page, window.PageCount, pageSize, total, rows.Count, state), sorts, filter, unknown, exportQuery));
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
