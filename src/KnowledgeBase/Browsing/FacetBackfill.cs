using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Classification;
namespace KnowledgeBase.Browsing;

/// <summary>
/// Derives the browsing facets of rows stored before the facet columns existed, by older rules
/// (<see cref="FacetClassifier.Version"/>), or by a bulk insert that bypassed the DbContext.
/// Runs at start-up; when every row is current it costs one indexed lookup per table.
/// Writes with set-based updates (no history: the facets are derived, not edited).
/// </summary>
public static class FacetBackfill
{
    private const int BatchSize = 5_000;

    /// <summary>Brings every study's and trial's facets up to date; returns how many rows changed.</summary>
    public static async Task<int> RunAsync(KnowledgeBaseDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changed = 0;
        while (true)
        {
            var studies = await db.Studies.AsNoTracking()
                .Where(s => s.FacetsVersion != FacetClassifier.Version)
                .OrderBy(s => s.Id)
                .Take(BatchSize)
                .Select(s => new Study
                {
                    Id = s.Id, Title = "", Kind = s.Kind, CellSource = s.CellSource, Route = s.Route, Design = s.Design, PhaseText = s.PhaseText,
                })
                .ToListAsync(cancellationToken);
            if (studies.Count == 0) break;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var study in studies) FacetClassifier.Apply(study);
            foreach (var group in studies.GroupBy(s => (s.CellSourceFacet, s.RouteFacet, s.EvidenceLevel, s.PhaseFacet)))
            {
                var ids = group.Select(s => s.Id).ToList();
                var (cells, routes, level, phase) = group.Key;
                await db.Studies.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.CellSourceFacet, cells)
                    .SetProperty(s => s.RouteFacet, routes)
                    .SetProperty(s => s.EvidenceLevel, level)
                    .SetProperty(s => s.PhaseFacet, phase)
                    .SetProperty(s => s.FacetsVersion, FacetClassifier.Version), cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            changed += studies.Count;
        }

        while (true)
        {
            var trials = await db.Trials.AsNoTracking()
                .Where(t => t.FacetsVersion != FacetClassifier.Version)
                .OrderBy(t => t.Id)
                .Take(BatchSize)
                .Select(t => new Trial { Id = t.Id, NctId = t.NctId, Intervention = t.Intervention, Design = t.Design, Status = t.Status })
                .ToListAsync(cancellationToken);
            if (trials.Count == 0) break;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var trial in trials) FacetClassifier.Apply(trial);
            foreach (var group in trials.GroupBy(t => (t.CellSourceFacet, t.RouteFacet, t.EvidenceLevel, t.StatusFacet)))
            {
                var ids = group.Select(t => t.Id).ToList();
                var (cells, routes, level, status) = group.Key;
                await db.Trials.Where(t => ids.Contains(t.Id)).ExecuteUpdateAsync(u => u
                    .SetProperty(t => t.CellSourceFacet, cells)
                    .SetProperty(t => t.RouteFacet, routes)
                    .SetProperty(t => t.EvidenceLevel, level)
                    .SetProperty(t => t.StatusFacet, status)
                    .SetProperty(t => t.FacetsVersion, FacetClassifier.Version), cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            changed += trials.Count;
        }

        return changed;
    }
}
