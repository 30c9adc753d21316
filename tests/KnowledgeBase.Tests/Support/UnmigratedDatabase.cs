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

    /// <summary>
    /// Adds the Studies columns later migrations add (AuthorNames, PublicationForm, Publisher, PublisherPlace) to an old
    /// schema, so that today's model can insert rows into it; <see cref="DropLaterStudyColumnsAsync"/> takes them away.
    /// </summary>
    public static async Task AddLaterStudyColumnsAsync(KnowledgeBaseDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        // All text, as today's model stores them (AuthorNames is JSON text through a value converter) on both providers.
        var text = db.Database.IsSqlite() ? "TEXT" : "text";
        foreach (var column in new[] { "AuthorNames", "PublicationForm", "Publisher", "PublisherPlace" })
        {
            var sql = "ALTER TABLE \"Studies\" ADD COLUMN \"" + column + "\" " + text + " NULL";
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }

    public static async Task DropLaterStudyColumnsAsync(KnowledgeBaseDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var column in new[] { "AuthorNames", "PublicationForm", "Publisher", "PublisherPlace" })
        {
            var sql = "ALTER TABLE \"Studies\" DROP COLUMN \"" + column + "\"";
            await db.Database.ExecuteSqlRawAsync(sql);
        }
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
