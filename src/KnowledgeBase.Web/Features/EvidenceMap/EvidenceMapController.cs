using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.EvidenceMap;

/// <summary>
/// The evidence map: therapy type × phase (or evidence level), how many studies or trials sit in each
/// cell and how the claims relying on them were assessed; each cell links to the list it counts.
/// Every number is a GROUP BY over the therapy join table and an indexed facet column.
/// </summary>
[Route("evidence-map")]
public sealed class EvidenceMapController(KnowledgeBaseDbContext db, ChangeStampedCache cache) : Controller
{
    public const int SourceBars = 12;

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
        var model = await cache.GetOrComputeAsync("evidence-map:" + Display.Slug(mapView), ct => BuildAsync(mapView, ct), cancellationToken);
        return View(model with { UnknownView = chosen is null && !string.IsNullOrWhiteSpace(view) ? view.Trim() : null });
    }

    private async Task<EvidenceMapViewModel> BuildAsync(EvidenceMapView mapView, CancellationToken cancellationToken)
    {
        var taxonomy = await db.TherapyTypes.AsNoTracking().InDisplayOrder()
            .Select(t => new { t.Id, Tag = new TherapyTag(t.Slug, t.Name) })
            .ToListAsync(cancellationToken);

        var studyTypes = db.Set<Dictionary<string, object>>("StudyTherapyTypes");
        var trialTypes = db.Set<Dictionary<string, object>>("TrialTherapyTypes");
        List<(int TypeId, string Column, int Count)> counts;
        List<(int TypeId, string Column, EvidenceAssessment? Assessment, int Count)> assessed;
        IReadOnlyList<EvidenceMapColumn> columns;
        string list;
        string key;
        const string noPhase = "not-stated";

        switch (mapView)
        {
            case EvidenceMapView.Trials:
            {
                list = "/trials";
                key = "phase";
                columns = [.. Enum.GetValues<TrialPhase>().Select(p => new EvidenceMapColumn(Display.Slug(p), Display.Label(p))), new(noPhase, "Phase not stated")];
                var rows = await (
                    from j in trialTypes
                    join t in db.Trials on EF.Property<int>(j, "TrialsId") equals t.Id
                    group t by new { TypeId = EF.Property<int>(j, "TherapyTypesId"), t.Phase } into g
                    select new { g.Key.TypeId, g.Key.Phase, Count = g.Count() }).ToListAsync(cancellationToken);
                counts = [.. rows.Select(r => (r.TypeId, r.Phase is { } p ? Display.Slug(p) : noPhase, r.Count))];
                var claims = await (
                    from j in trialTypes
                    join t in db.Trials on EF.Property<int>(j, "TrialsId") equals t.Id
                    join l in db.EvidenceLinks on (int?)t.Id equals l.TrialId
                    group l by new { TypeId = EF.Property<int>(j, "TherapyTypesId"), t.Phase, l.Assessment } into g
                    select new { g.Key.TypeId, g.Key.Phase, g.Key.Assessment, Count = g.Select(l => l.ClaimId).Distinct().Count() }).ToListAsync(cancellationToken);
                assessed = [.. claims.Select(r => (r.TypeId, r.Phase is { } p ? Display.Slug(p) : noPhase, r.Assessment, r.Count))];
                break;
            }
            case EvidenceMapView.Levels:
            {
                list = "/studies";
                key = "level";
                columns = [.. Enum.GetValues<EvidenceLevel>().Select(l => new EvidenceMapColumn(Display.Slug(l), FacetDisplay.Label(l)))];
                var rows = await (
                    from j in studyTypes
                    join s in db.Studies on EF.Property<int>(j, "StudiesId") equals s.Id
                    group s by new { TypeId = EF.Property<int>(j, "TherapyTypesId"), s.EvidenceLevel } into g
                    select new { g.Key.TypeId, g.Key.EvidenceLevel, Count = g.Count() }).ToListAsync(cancellationToken);
                counts = [.. rows.Select(r => (r.TypeId, Display.Slug(r.EvidenceLevel), r.Count))];
                var claims = await (
                    from j in studyTypes
                    join s in db.Studies on EF.Property<int>(j, "StudiesId") equals s.Id
                    join l in db.EvidenceLinks on (int?)s.Id equals l.StudyId
                    group l by new { TypeId = EF.Property<int>(j, "TherapyTypesId"), s.EvidenceLevel, l.Assessment } into g
                    select new { g.Key.TypeId, g.Key.EvidenceLevel, g.Key.Assessment, Count = g.Select(l => l.ClaimId).Distinct().Count() }).ToListAsync(cancellationToken);
                assessed = [.. claims.Select(r => (r.TypeId, Display.Slug(r.EvidenceLevel), r.Assessment, r.Count))];
                break;
            }
            default:
            {
                list = "/studies";
                key = "phase";
                columns = [.. Enum.GetValues<TrialPhase>().Select(p => new EvidenceMapColumn(Display.Slug(p), Display.Label(p))), new(noPhase, "No phase")];
                var rows = await (
                    from j in studyTypes
                    join s in db.Studies on EF.Property<int>(j, "StudiesId") equals s.Id
                    group s by new { TypeId = EF.Property<int>(j, "TherapyTypesId"), s.PhaseFacet } into g
                    select new { g.Key.TypeId, g.Key.PhaseFacet, Count = g.Count() }).ToListAsync(cancellationToken);
                counts = [.. rows.Select(r => (r.TypeId, r.PhaseFacet is { } p ? Display.Slug(p) : noPhase, r.Count))];
                var claims = await (
                    from j in studyTypes
                    join s in db.Studies on EF.Property<int>(j, "StudiesId") equals s.Id
                    join l in db.EvidenceLinks on (int?)s.Id equals l.StudyId
                    group l by new { TypeId = EF.Property<int>(j, "TherapyTypesId"), s.PhaseFacet, l.Assessment } into g
                    select new { g.Key.TypeId, g.Key.PhaseFacet, g.Key.Assessment, Count = g.Select(l => l.ClaimId).Distinct().Count() }).ToListAsync(cancellationToken);
                assessed = [.. claims.Select(r => (r.TypeId, r.PhaseFacet is { } p ? Display.Slug(p) : noPhase, r.Assessment, r.Count))];
                break;
            }
        }

        // Columns nobody falls in are left out, so the grid stays readable.
        columns = [.. columns.Where(c => counts.Any(x => x.Column == c.Slug && x.Count > 0))];
        var noun = mapView == EvidenceMapView.Trials ? "trial" : "study";
        var mapRows = taxonomy.Select(t =>
        {
            var cells = columns.Select(c => new EvidenceMapCell(
                counts.Where(x => x.TypeId == t.Id && x.Column == c.Slug).Sum(x => x.Count),
                $"{list}?therapy={Uri.EscapeDataString(t.Tag.Slug)}&{key}={c.Slug}",
                Tally(assessed.Where(a => a.TypeId == t.Id && a.Column == c.Slug).Select(a => (a.Assessment, a.Count))))).ToList();
            return new EvidenceMapRow(t.Tag, counts.Where(x => x.TypeId == t.Id).Sum(x => x.Count), $"{list}?therapy={Uri.EscapeDataString(t.Tag.Slug)}", cells);
        }).ToList();

        var (bars, hidden) = await SourceBarsAsync(cancellationToken);
        return new EvidenceMapViewModel(mapView, noun, columns, mapRows, bars, hidden, null);
    }

    private static AssessmentTally Tally(IEnumerable<(EvidenceAssessment? Assessment, int Count)> parts)
    {
        var list = parts.ToList();
        return new AssessmentTally([.. AssessmentTally.Order.Select(a => (a, list.Where(p => p.Assessment == a).Sum(p => p.Count)))]);
    }

    /// <summary>Claims per assessment for the sources with the most claims: a claim counts under each assessment its links were given, or as not assessed.</summary>
    private async Task<(IReadOnlyList<SourceAssessmentBar> Bars, int Hidden)> SourceBarsAsync(CancellationToken ct)
    {
        // Both read only the (SourceId, Start) index; only the top sources come back, not one row per source.
        var top = await db.Claims.AsNoTracking().GroupBy(c => c.SourceId)
            .Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key)
            .Take(SourceBars)
            .Select(g => g.Key)
            .ToListAsync(ct);
        var sourcesWithClaims = top.Count < SourceBars ? top.Count : await db.Claims.AsNoTracking().Select(c => c.SourceId).Distinct().CountAsync(ct);
        var titles = await db.Sources.AsNoTracking().Where(s => top.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title, ct);
        var assessed = await db.EvidenceLinks.AsNoTracking()
            .Where(l => l.Assessment != null && top.Contains(l.Claim!.SourceId))
            .GroupBy(l => new { l.Claim!.SourceId, l.Assessment })
            .Select(g => new { g.Key.SourceId, g.Key.Assessment, Count = g.Select(l => l.ClaimId).Distinct().Count() })
            .ToListAsync(ct);
        var notAssessed = await db.Claims.AsNoTracking().Where(c => top.Contains(c.SourceId)).NotAssessed()
            .GroupBy(c => c.SourceId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var bars = top.Select(id => new SourceAssessmentBar(id, titles.GetValueOrDefault(id) ?? $"Source {id}", Tally(
            assessed.Where(a => a.SourceId == id).Select(a => (a.Assessment, a.Count))
                .Append(((EvidenceAssessment?)null, notAssessed.GetValueOrDefault(id)))))).ToList();
        return (bars, Math.Max(0, sourcesWithClaims - SourceBars));
    }
}
