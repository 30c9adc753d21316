using KnowledgeBase.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Support;

/// <summary>An empty database with no migration applied yet, on the suite's provider: for tests of what a migration does to stored rows.</summary>
public sealed class UnmigratedDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-test-").FullName;
    private readonly DatabaseSettings _settings;

    public UnmigratedDatabase() =>
        _settings = TestDatabases.Provider == DatabaseProvider.Postgres
            ? new(DatabaseProvider.Postgres, TestDatabases.CreatePostgresDatabase(migrated: false))
            : new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "kb.db"), Pooling = false }.ToString());

    public KnowledgeBaseDbContext CreateContext() => DatabaseSetup.CreateContext(_settings, new SystemActor("test"), TimeProvider.System);

    /// <summary>Adds Studies.AuthorNames (a JSON column) to an old schema, so that today's model can insert rows into it.</summary>
    public static Task AddAuthorNamesColumnAsync(KnowledgeBaseDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = db.Database.IsSqlite()
            ? "ALTER TABLE \"Studies\" ADD COLUMN \"AuthorNames\" TEXT NULL"
            : "ALTER TABLE \"Studies\" ADD COLUMN \"AuthorNames\" jsonb NULL";
        return db.Database.ExecuteSqlRawAsync(sql);
    }

    public void Dispose()
    {
        if (_settings.Provider == DatabaseProvider.Postgres) TestDatabases.DropPostgresDatabase(_settings.ConnectionString);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
