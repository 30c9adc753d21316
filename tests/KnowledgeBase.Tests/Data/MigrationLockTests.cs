using KnowledgeBase.Data;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgeBase.Tests.Data;

/// <summary>A start-up killed while migrating leaves EF's lock row behind; the next start must still migrate.</summary>
public sealed class MigrationLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-lock-").FullName;

    public void Dispose()
    {
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

    [Fact]
    public async Task A_migration_lock_left_by_a_killed_start_is_removed_and_the_database_migrated()
    {
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "kb.db"), Pooling = false }.ToString());
        await using var db = DatabaseSetup.CreateContext(settings, new SystemActor("test"), TimeProvider.System);
        // What a process killed between taking EF's lock and releasing it leaves behind.
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); " +
            "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-12-01 10:00:00+00:00');");

        await DatabaseInitializer.MigrateAsync(db, NullLogger.Instance, CancellationToken.None, lockWait: TimeSpan.FromSeconds(1))
            .WaitAsync(TimeSpan.FromSeconds(120));

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsLock\"").SingleAsync()).Should().Be(0, "the lock is released after migrating");
    }
}
