using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Data;

public static class SqliteSetup
{
    /// <summary>The one place the SQLite provider is configured (app, commands, tests, design time).</summary>
    public static DbContextOptionsBuilder UseKnowledgeBaseSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
}
