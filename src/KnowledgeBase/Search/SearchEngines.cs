using KnowledgeBase.Data;
using KnowledgeBase.Search.Postgres;
using KnowledgeBase.Search.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Search;

/// <summary>The search engine for the context's provider: FTS5 on SQLite, tsvector on PostgreSQL.</summary>
public static class SearchEngines
{
    /// <summary>The engine for <paramref name="db"/>'s provider; with <paramref name="cache"/> (the app's), rankings are reused while an index is unchanged.</summary>
    public static ISearchEngine For(KnowledgeBaseDbContext db, ILoggerFactory loggerFactory, SearchCandidateCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return db.Database.IsNpgsql()
            ? new PostgresSearchEngine(db, loggerFactory.CreateLogger<PostgresSearchEngine>(), cache)
            : new SqliteSearchEngine(db, loggerFactory.CreateLogger<SqliteSearchEngine>(), cache);
    }
}
