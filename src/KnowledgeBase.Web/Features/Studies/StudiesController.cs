using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Studies;

[Route("studies")]
public sealed class StudiesController(KnowledgeBaseDbContext db) : Controller
{
    /// <summary>
    /// Studies, faceted: therapy type, kind, evidence level, phase, cell source, route (each repeatable,
    /// OR within a facet, AND across facets), year range, whether claims rely on them; sorted and paged.
    /// Unknown values are reported and ignored; the page never fails on a malformed query.
    /// </summary>
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromQuery(Name = StudyFacet.Therapy)] string[]? therapy,
        [FromQuery(Name = StudyFacet.Kind)] string[]? kind,
        [FromQuery(Name = StudyFacet.Level)] string[]? level,
        [FromQuery(Name = StudyFacet.Phase)] string[]? phase,
        [FromQuery(Name = StudyFacet.Cells)] string[]? cells,
        [FromQuery(Name = StudyFacet.Route)] string[]? route,
        [FromQuery(Name = StudyFacet.From)] string? from,
        [FromQuery(Name = StudyFacet.To)] string? to,
        [FromQuery(Name = StudyFacet.Claims)] string? claims,
        [FromQuery(Name = StudyFacet.Sort)] string? sort,
        [FromQuery(Name = StudyFacet.Size)] int? size,
        [FromQuery] int page = 1,
        CancellationToken cancellationToken = default)
    {
        var taxonomy = await db.TherapyTypes.AsNoTracking().InDisplayOrder()
            .Select(t => new TherapyTag(t.Slug, t.Name))
            .ToListAsync(cancellationToken);
        var unknown = new List<string>();
        var therapies = new List<string>();
        foreach (var wanted in (therapy ?? []).Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            var match = taxonomy.FirstOrDefault(t => string.Equals(t.Slug, wanted.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null) unknown.Add($"therapy type “{wanted.Trim()}”");
            else if (!therapies.Contains(match.Slug)) therapies.Add(match.Slug);
        }
        therapies = [.. taxonomy.Select(t => t.Slug).Where(therapies.Contains)];
        var kinds = Parse<StudyKind>(kind, "kind of publication", unknown);
        var levels = Parse<EvidenceLevel>(level, "evidence level", unknown);
        var phaseNotStated = (phase ?? []).Any(p => string.Equals(p?.Trim(), StudyFacet.NotStated, StringComparison.OrdinalIgnoreCase));
        var phases = Parse<TrialPhase>(phase?.Where(p => !string.Equals(p?.Trim(), StudyFacet.NotStated, StringComparison.OrdinalIgnoreCase)), "phase", unknown);
        var cellSources = Parse(cells, "cell source", unknown, CellSourceFacets.None).Aggregate(CellSourceFacets.None, (a, b) => a | b);
        var routes = Parse(route, "route", unknown, RouteFacets.None).Aggregate(RouteFacets.None, (a, b) => a | b);
        var badYears = new List<string>();
        var fromYear = FacetParsing.Year(from, badYears);
        var toYear = FacetParsing.Year(to, badYears);
        unknown.AddRange(badYears.Select(y => $"year “{y}”"));
        bool? hasClaims = claims?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            StudyFacet.WithClaims => true,
            StudyFacet.WithoutClaims => false,
            _ => null,
        };
        if (hasClaims is null && !string.IsNullOrWhiteSpace(claims)) unknown.Add($"claims filter “{claims.Trim()}” (use with or without)");
        var sortBy = Display.ParseSlug<StudySort>(sort);
        if (sortBy is null && !string.IsNullOrWhiteSpace(sort)) unknown.Add($"sort order “{sort.Trim()}”");
        var order = sortBy ?? StudySort.Newest;
        var pageSize = BrowsePaging.SizeOf(size);

        var filter = new StudyFilter(therapies, kinds, levels, phases, phaseNotStated, cellSources, routes, fromYear, toYear, hasClaims);
        var stateQuery = filter.ToQuery().ToList();
        if (order != StudySort.Newest) stateQuery.Add(new(StudyFacet.Sort, Display.Slug(order)));
        if (pageSize != BrowsePaging.DefaultSize) stateQuery.Add(new(StudyFacet.Size, pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var state = new BrowseState("/studies", stateQuery);

        var all = db.Studies.AsNoTracking();
        var facets = new List<FacetGroup>();

        var therapyCounts = await StudyFacetCounts.TherapiesAsync(filter.Apply(all, db.TherapyTypes, StudyFacet.Therapy), cancellationToken);
        facets.Add(Group(StudyFacet.Therapy, "Therapy type", state, taxonomy.Select(t => (t.Slug, t.Name, therapyCounts.GetValueOrDefault(t.Slug), therapies.Contains(t.Slug)))));

        var levelCounts = await StudyFacetCounts.LevelsAsync(filter.Apply(all, db.TherapyTypes, StudyFacet.Level), cancellationToken);
        facets.Add(Group(StudyFacet.Level, "Evidence level", state, Enum.GetValues<EvidenceLevel>()
            .Select(l => (Display.Slug(l), FacetDisplay.Label(l), levelCounts.GetValueOrDefault(l), levels.Contains(l)))));

        var (phaseCounts, noPhase) = await StudyFacetCounts.PhasesAsync(filter.Apply(all, db.TherapyTypes, StudyFacet.Phase), cancellationToken);
        facets.Add(Group(StudyFacet.Phase, "Phase", state, Enum.GetValues<TrialPhase>()
            .Select(p => (Display.Slug(p), Display.Label(p), phaseCounts.GetValueOrDefault(p), phases.Contains(p)))
            .Append((StudyFacet.NotStated, "No phase", noPhase, phaseNotStated))));

        var cellCounts = await StudyFacetCounts.CellsAsync(filter.Apply(all, db.TherapyTypes, StudyFacet.Cells), cancellationToken);
        facets.Add(Group(StudyFacet.Cells, "Cell source", state, FacetParsing.Bits<CellSourceFacets>()
            .Select(c => (Display.Slug(c), FacetDisplay.Label(c), cellCounts.GetValueOrDefault(c), cellSources.HasFlag(c)))));

        var routeCounts = await StudyFacetCounts.RoutesAsync(filter.Apply(all, db.TherapyTypes, StudyFacet.Route), cancellationToken);
        facets.Add(Group(StudyFacet.Route, "Route", state, FacetParsing.Bits<RouteFacets>()
            .Select(r => (Display.Slug(r), FacetDisplay.Label(r), routeCounts.GetValueOrDefault(r), routes.HasFlag(r)))));

        var kindCounts = await StudyFacetCounts.KindsAsync(filter.Apply(all, db.TherapyTypes, StudyFacet.Kind), cancellationToken);
        facets.Add(Group(StudyFacet.Kind, "Kind of publication", state, Enum.GetValues<StudyKind>()
            .Select(k => (Display.Slug(k), Display.Label(k), kindCounts.GetValueOrDefault(k), kinds.Contains(k)))));

        var claimsBase = filter.Apply(all, db.TherapyTypes, StudyFacet.Claims);
        var withClaims = await claimsBase.CountAsync(s => s.EvidenceLinks.Any(), cancellationToken);
        var withoutClaims = await claimsBase.CountAsync(cancellationToken) - withClaims;
        facets.Add(Group(StudyFacet.Claims, "Claims relying on it", state,
        [
            (StudyFacet.WithClaims, "Some claims rely on it", withClaims, hasClaims == true),
            (StudyFacet.WithoutClaims, "No claims rely on it", withoutClaims, hasClaims == false),
        ], exclusive: true));

        var years = await all.Where(s => s.Year != null).GroupBy(_ => 1)
            .Select(g => new { Min = g.Min(s => s.Year), Max = g.Max(s => s.Year) })
            .FirstOrDefaultAsync(cancellationToken);

        var filtered = filter.Apply(all, db.TherapyTypes);
        var total = await filtered.CountAsync(cancellationToken);
        var window = PageWindow.Of(total, page, pageSize);
        var rows = await Sorted(filtered, order)
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
            .ToListAsync(cancellationToken);

        var sorts = Enum.GetValues<StudySort>().Select(o => new SortOption(Display.Slug(o), SortLabel(o), o == order)).ToList();
        return View(new StudyListViewModel(
            rows,
            facets,
            new BrowsePaging(window.Page, window.PageCount, pageSize, total, rows.Count, state),
            sorts,
            filter,
            years?.Min,
            years?.Max,
            unknown,
            ExportQuery: ExportQuery(filter)));
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

    /// <summary>The download link's query when the export can select exactly these studies (one therapy type, one kind, nothing else); otherwise null.</summary>
    private static string? ExportQuery(StudyFilter filter)
    {
        var simple = filter with { Therapies = [], Kinds = [] };
        if (!simple.IsEmpty || filter.Therapies.Count > 1 || filter.Kinds.Count > 1) return null;
        var query = "what=studies";
        if (filter.Therapies.Count == 1) query += "&therapy=" + Uri.EscapeDataString(filter.Therapies[0]);
        if (filter.Kinds.Count == 1) query += "&kind=" + Display.Slug(filter.Kinds[0]);
        return query;
    }

    private static IReadOnlyList<TEnum> Parse<TEnum>(IEnumerable<string?>? slugs, string what, List<string> unknown, params TEnum[] excluded)
        where TEnum : struct, Enum => FacetParsing.Enums(slugs, what, unknown, excluded);

    private static FacetGroup Group(string key, string title, BrowseState state, IEnumerable<(string Slug, string Label, int Count, bool Selected)> values, bool exclusive = false) =>
        FacetGroups.Build(key, title, "study", state, values, exclusive);

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
