using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Browsing;

/// <summary>
/// Classifies the sources stored before classification existed, by older rules (<see cref="SourceClassifier.Version"/>),
/// or by a bulk insert that bypassed the importer. Runs at start-up like <see cref="FacetBackfill"/>; when every source is
/// current it costs one indexed lookup. A classification an editor corrected is never re-derived. Derived values are
/// not written to the change history.
/// </summary>
public static class SourceClassificationBackfill
{
    /// <summary>Sources carry their whole text: batches are smaller than the facet backfill's.</summary>
    private const int BatchSize = 500;

    /// <summary>Brings every source's classification up to date; returns how many sources were classified.</summary>
    public static async Task<int> RunAsync(KnowledgeBaseDbContext db, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changed = 0;
        while (true)
        {
            var batch = await db.Sources.AsNoTracking()
                .Where(s => s.ClassificationVersion != SourceClassifier.Version && !s.ClassificationCorrected)
                .OrderBy(s => s.Id)
                .Take(BatchSize)
                .Select(s => new { s.Id, s.Title, s.CleanedText })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0) break;

            var ids = batch.Select(s => s.Id).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SourceTherapyKinds.Where(k => ids.Contains(k.SourceId)).ExecuteDeleteAsync(cancellationToken);
            await db.SourceConditions.Where(c => ids.Contains(c.SourceId)).ExecuteDeleteAsync(cancellationToken);
            foreach (var source in batch)
            {
                var result = SourceClassifier.Classify(source.Title, source.CleanedText);
                db.SourceTherapyKinds.AddRange(result.TherapyKinds.Select(slug => new SourceTherapyKind { SourceId = source.Id, Slug = slug }));
                db.SourceConditions.AddRange(result.Conditions.Select(slug => new SourceCondition { SourceId = source.Id, Slug = slug }));
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await db.Sources.Where(s => ids.Contains(s.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ClassificationVersion, SourceClassifier.Version), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            changed += batch.Count;
            progress?.Report(changed);
        }
        return changed;
    }
}
