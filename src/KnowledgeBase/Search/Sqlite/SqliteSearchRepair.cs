using KnowledgeBase.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Search.Sqlite;

/// <summary>
/// Puts back search triggers that a later migration removed. EF Core rebuilds a SQLite table to
/// change a column (create a copy, drop the original, rename), and dropping the original drops its
/// triggers with it: the index would then silently stop following edits. Run after migrating; a
/// missing trigger is recreated and that index rebuilt from its table.
/// </summary>
public static class SqliteSearchRepair
{
    /// <summary>The search tables that had to be repaired (usually none).</summary>
    public static async Task<IReadOnlyList<string>> RepairAsync(KnowledgeBaseDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite()) return [];

        var existing = (await db.Database
            .SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type IN ('table', 'trigger', 'index')")
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var repaired = new List<string>();
        foreach (var index in SqliteSearchSchema.All)
        {
            // Not created yet (the search migration is not applied): nothing to repair.
            if (!existing.Contains(index.Table) || index.Triggers.All(existing.Contains)) continue;
            foreach (var sql in index.CreateTriggerSql.Append(index.RebuildSql))
                await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            repaired.Add(index.Table);
        }
        if (existing.Contains(SqliteSearchSchema.Studies.Table))
        {
            foreach (var (name, sql) in SqliteSearchSchema.LookupIndexes.Where(i => !existing.Contains(i.Name)))
            {
                await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
                repaired.Add(name);
            }
        }
        return repaired;
    }
}
