using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Studies;
using KnowledgeBase.Web.Features.Trials;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.EvidenceMap;

/// <summary>
/// The evidence map's numbers as a query: a view in, the page model out. Each view is one pair of GROUP BYs over the
/// therapy join table (reached through the <c>TherapyTypes</c> navigation, no join-table names as strings) and an
/// indexed facet column: records per (therapy type, column) and distinct claims per (therapy type, column, assessment).
/// The views differ only in which records and which column (<see cref="Cells"/>).
/// </summary>
public sealed class EvidenceMapQuery(KnowledgeBaseDbContext db)
{
    public const int SourceBars = 12;

    private const string NoPhase = TrialFacet.NotStated;

    /// <summary>A record under one of its therapy types, by its column's value (enums stored by name; null for "not stated").</summary>
    private sealed class MapItem<TColumn>
    {
        public int TypeId { get; init; }
        public TColumn Column { get; init; } = default!;
    }

    /// <summary>A claim's link to a record under one of the record's therapy types.</summary>
    private sealed class MapClaim<TColumn>
    {
        public int TypeId { get; init; }
        public TColumn Column { get; init; } = default!;
        public EvidenceAssessment? Assessment { get; init; }
        public int ClaimId { get; init; }
    }

    /// <summary>What a view counts: its records and links by column, the column's values, and the list (and key) a cell links to.</summary>
    private sealed record Cells<TColumn>(
        IQueryable<MapItem<TColumn>> Items, IQueryable<MapClaim<TColumn>> Claims, IReadOnlyList<EvidenceMapColumn> Columns, Func<TColumn, string> Slug, string List, string Key);

    private static string PhaseSlug(TrialPhase? phase) => phase is { } p ? Display.Slug(p) : NoPhase;

    private static EvidenceMapColumn[] PhaseColumns(string notStated) =>
        [.. Enum.GetValues<TrialPhase>().Select(p => new EvidenceMapColumn(Display.Slug(p), Display.Label(p))), new(NoPhase, notStated)];

    /// <summary>
    /// The map of <paramref name="mapView"/>; with <paramref name="onlyClaims"/> (the claims flagged against their record)
    /// the bars and the claims-per-source chart count only those claims, while the numbers still count every record.
    /// </summary>
    public Task<EvidenceMapViewModel> BuildAsync(EvidenceMapView mapView, CancellationToken ct, IReadOnlyCollection<int>? onlyClaims = null) => mapView switch
    {
        EvidenceMapView.Trials => BuildAsync(mapView, new Cells<TrialPhase?>(
            db.Trials.SelectMany(t => t.TherapyTypes, (t, tt) => new MapItem<TrialPhase?> { TypeId = tt.Id, Column = t.Phase }),
            db.EvidenceLinks.Where(l => l.TrialId != null).SelectMany(l => l.Trial!.TherapyTypes,
                (l, tt) => new MapClaim<TrialPhase?> { TypeId = tt.Id, Column = l.Trial!.Phase, Assessment = l.Assessment, ClaimId = l.ClaimId }),
            PhaseColumns("Phase not stated"), PhaseSlug, "/trials", TrialFacet.Phase), onlyClaims, ct),
        EvidenceMapView.Levels => BuildAsync(mapView, new Cells<EvidenceLevel>(
            db.Studies.SelectMany(s => s.TherapyTypes, (s, tt) => new MapItem<EvidenceLevel> { TypeId = tt.Id, Column = s.EvidenceLevel }),
            db.EvidenceLinks.Where(l => l.StudyId != null).SelectMany(l => l.Study!.TherapyTypes,
                (l, tt) => new MapClaim<EvidenceLevel> { TypeId = tt.Id, Column = l.Study!.EvidenceLevel, Assessment = l.Assessment, ClaimId = l.ClaimId }),
            [.. Enum.GetValues<EvidenceLevel>().Select(l => new EvidenceMapColumn(Display.Slug(l), FacetDisplay.Label(l)))],
            l => Display.Slug(l), "/studies", StudyFacet.Level), onlyClaims, ct),
        _ => BuildAsync(mapView, new Cells<TrialPhase?>(
            db.Studies.SelectMany(s => s.TherapyTypes, (s, tt) => new MapItem<TrialPhase?> { TypeId = tt.Id, Column = s.PhaseFacet }),
            db.EvidenceLinks.Where(l => l.StudyId != null).SelectMany(l => l.Study!.TherapyTypes,
                (l, tt) => new MapClaim<TrialPhase?> { TypeId = tt.Id, Column = l.Study!.PhaseFacet, Assessment = l.Assessment, ClaimId = l.ClaimId }),
            PhaseColumns("No phase"), PhaseSlug, "/studies", StudyFacet.Phase), onlyClaims, ct),
    };

    private async Task<EvidenceMapViewModel> BuildAsync<TColumn>(EvidenceMapView mapView, Cells<TColumn> view, IReadOnlyCollection<int>? onlyClaims, CancellationToken ct)
    {
        if (onlyClaims is not null) view = view with { Claims = view.Claims.Where(c => onlyClaims.Contains(c.ClaimId)) };
        var taxonomy = await db.TherapyTypes.AsNoTracking().InDisplayOrder()
            .Select(t => new { t.Id, Tag = new TherapyTag(t.Slug, t.Name) })
            .ToListAsync(ct);
        var rows = await view.Items.GroupBy(i => new { i.TypeId, i.Column })
            .Select(g => new { g.Key.TypeId, g.Key.Column, Count = g.Count() }).ToListAsync(ct);
        var counts = rows.Select(r => (r.TypeId, Column: view.Slug(r.Column), r.Count)).ToList();
        var claims = await view.Claims.GroupBy(c => new { c.TypeId, c.Column, c.Assessment })
            .Select(g => new { g.Key.TypeId, g.Key.Column, g.Key.Assessment, Count = g.Select(c => c.ClaimId).Distinct().Count() }).ToListAsync(ct);
        var assessed = claims.Select(r => (r.TypeId, Column: view.Slug(r.Column), r.Assessment, r.Count)).ToList();

        // Columns nobody falls in are left out, so the grid stays readable.
        var columns = view.Columns.Where(c => counts.Any(x => x.Column == c.Slug && x.Count > 0)).ToList();
        var noun = mapView == EvidenceMapView.Trials ? "trial" : "study";
        var mapRows = taxonomy.Select(t =>
        {
            var cells = columns.Select(c => new EvidenceMapCell(
                counts.Where(x => x.TypeId == t.Id && x.Column == c.Slug).Sum(x => x.Count),
                $"{view.List}?therapy={Uri.EscapeDataString(t.Tag.Slug)}&{view.Key}={c.Slug}",
                Tally(assessed.Where(a => a.TypeId == t.Id && a.Column == c.Slug).Select(a => (a.Assessment, a.Count))))).ToList();
            return new EvidenceMapRow(t.Tag, counts.Where(x => x.TypeId == t.Id).Sum(x => x.Count), $"{view.List}?therapy={Uri.EscapeDataString(t.Tag.Slug)}", cells);
        }).ToList();

        var (bars, hidden) = await SourceBarsAsync(onlyClaims, ct);
        return new EvidenceMapViewModel(mapView, noun, columns, mapRows, bars, hidden, null) { FlaggedOnly = onlyClaims is not null, FlaggedClaims = onlyClaims?.Count };
    }

    private static AssessmentTally Tally(IEnumerable<(EvidenceAssessment? Assessment, int Count)> parts)
    {
        var list = parts.ToList();
        return new AssessmentTally([.. AssessmentTally.Order.Select(a => (a, list.Where(p => p.Assessment == a).Sum(p => p.Count)))]);
    }

    /// <summary>Claims per assessment for the sources with the most claims: a claim counts under each assessment its links were given, or as not assessed.</summary>
    private async Task<(IReadOnlyList<SourceAssessmentBar> Bars, int Hidden)> SourceBarsAsync(IReadOnlyCollection<int>? onlyClaims, CancellationToken ct)
    {
        var claims = onlyClaims is null ? db.Claims.AsNoTracking() : db.Claims.AsNoTracking().Where(c => onlyClaims.Contains(c.Id));
        var links = onlyClaims is null ? db.EvidenceLinks.AsNoTracking() : db.EvidenceLinks.AsNoTracking().Where(l => onlyClaims.Contains(l.ClaimId));
        // Both read only the (SourceId, Start) index; only the top sources come back, not one row per source.
        var top = await claims.GroupBy(c => c.SourceId)
            .Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key)
            .Take(SourceBars)
            .Select(g => g.Key)
            .ToListAsync(ct);
        var sourcesWithClaims = top.Count < SourceBars ? top.Count : await claims.Select(c => c.SourceId).Distinct().CountAsync(ct);
        var titles = await db.Sources.AsNoTracking().Where(s => top.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title, ct);
        var assessed = await links
            .Where(l => l.Assessment != null && top.Contains(l.Claim!.SourceId))
            .GroupBy(l => new { l.Claim!.SourceId, l.Assessment })
            .Select(g => new { g.Key.SourceId, g.Key.Assessment, Count = g.Select(l => l.ClaimId).Distinct().Count() })
            .ToListAsync(ct);
        var notAssessed = await claims.Where(c => top.Contains(c.SourceId)).NotAssessed()
            .GroupBy(c => c.SourceId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var bars = top.Select(id => new SourceAssessmentBar(id, titles.GetValueOrDefault(id) ?? $"Source {id}", Tally(
            assessed.Where(a => a.SourceId == id).Select(a => (a.Assessment, a.Count))
                .Append(((EvidenceAssessment?)null, notAssessed.GetValueOrDefault(id)))))).ToList();
        return (bars, Math.Max(0, sourcesWithClaims - SourceBars));
    }
}
