using KnowledgeBase.Data;
using KnowledgeBase.Search.Postgres;
using KnowledgeBase.Search.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Search;

/// <summary>The search engine for the context's provider: FTS5 on SQLite, tsvector on PostgreSQL.</summary>
public static class SearchEngines
{
    public static ISearchEngine For(KnowledgeBaseDbContext db, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return db.Database.IsNpgsql()
            ? new PostgresSearchEngine(db, loggerFactory.CreateLogger<PostgresSearchEngine>())
            : new SqliteSearchEngine(db, loggerFactory.CreateLogger<SqliteSearchEngine>());
    }
}
