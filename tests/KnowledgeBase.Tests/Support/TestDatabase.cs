using KnowledgeBase.Data;
using KnowledgeBase.Importing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgeBase.Tests.Support;

/// <summary>
/// A real, migrated, empty database, deleted afterwards: a SQLite file in a temporary folder, or a
/// fresh PostgreSQL database when the suite runs on PostgreSQL (<see cref="TestDatabases"/>).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-test-").FullName;

    public TestDatabase()
    {
        if (TestDatabases.Provider == DatabaseProvider.Postgres)
        {
            Settings = new(DatabaseProvider.Postgres, TestDatabases.CreatePostgresDatabase());
            return;
        }
        var path = System.IO.Path.Combine(_folder, "knowledgebase.db");
        Settings = new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public DatabaseSettings Settings { get; }

    public string ConnectionString => Settings.ConnectionString;

    public KnowledgeBaseDbContext CreateContext() =>
        DatabaseSetup.CreateContext(Settings, new SystemActor("test"), TimeProvider.System);

    public static Importer CreateImporter(KnowledgeBaseDbContext db) => new(db, NullLogger<Importer>.Instance, TimeProvider.System, KnowledgeBase.Linking.ClaimDetector.Default);

    /// <summary>Every row of every table (count and checksum per table): equal snapshots mean nothing was written.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = CreateContext();
        var tables = await TableChecksums.ComputeAsync(db);
        return string.Join('\n', tables.Select(t => $"{t.Table} {t.Rows} {t.Checksum}"));
    }

    /// <summary>A scratch folder beside the database for files a test writes.</summary>
    public string Folder => _folder;

    public void Dispose()
    {
        if (Settings.Provider == DatabaseProvider.Postgres) TestDatabases.DropPostgresDatabase(Settings.ConnectionString);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
