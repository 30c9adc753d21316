using KnowledgeBase.Browsing;
using KnowledgeBase.Data;
using KnowledgeBase.Importing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Web.Infrastructure;

internal static partial class DatabaseInitializer
{
    /// <summary>Applies pending migrations, turns on WAL, and imports the seeds into an empty knowledge base.</summary>
    public static async Task InitializeKnowledgeBaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var db = provider.GetRequiredService<KnowledgeBaseDbContext>();
        await MigrateAsync(db, logger, cancellationToken);
        var derived = await FacetBackfill.RunAsync(db, cancellationToken);
        if (derived > 0) LogFacetsDerived(logger, derived);
        var classified = await SourceClassificationBackfill.RunAsync(db, new ClassificationProgress(Console.Out), cancellationToken);
        if (classified > 0) LogSourcesClassified(logger, classified);

        var options = provider.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value;
        if (!options.ImportSeedsOnFirstRun || await db.Sources.AnyAsync(cancellationToken)) return;

        var seeds = SeedsLocator.Find(options.SeedsPath, provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
        if (seeds is null)
        {
            LogNoSeeds(logger);
            return;
        }
        LogFirstRun(logger, seeds);
        var report = await provider.GetRequiredService<Importer>().ImportPathAsync(seeds, ConsoleProgress.Create(Console.Out), cancellationToken);
        foreach (var error in report.Errors) LogSeedError(logger, error);
    }

    /// <summary>How long a start-up waits for another one's migration lock before treating it as left behind.</summary>
    public static readonly TimeSpan MigrationLockWait = TimeSpan.FromSeconds(30);

    public static async Task MigrateAsync(KnowledgeBaseDbContext db, ILogger logger, CancellationToken cancellationToken, TimeSpan? lockWait = null)
    {
        // A PostgreSQL database that does not exist yet is created (empty), as EF's own migration would before its first
        // command; the role needs CREATEDB. SQLite creates its file when it is first opened.
        if (!db.Database.IsSqlite() && db.GetService<IRelationalDatabaseCreator>() is { } creator && !await creator.ExistsAsync(cancellationToken))
            await creator.CreateAsync(cancellationToken);
        // On a new PostgreSQL database, asking which migrations are applied reads a history table that does not exist
        // yet, and EF logs that failed command as an error although nothing is wrong: create the (empty) table first.
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            if (db.Database.IsSqlite()) await ClearStaleMigrationLockAsync(db, logger, lockWait ?? MigrationLockWait, cancellationToken);
            LogMigrating(logger, pending.Count, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers continue while an import writes; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            // A migration that rebuilt a table dropped its search triggers with it: put them back.
            foreach (var repaired in await KnowledgeBase.Search.Sqlite.SqliteSearchRepair.RepairAsync(db, cancellationToken))
                LogSearchRepaired(logger, repaired);
        }
    }

    /// <summary>
    /// EF's SQLite migration lock is a row in <c>__EFMigrationsLock</c>, inserted before migrating and deleted after.
    /// A process killed in between leaves the row, and every later start waited for it for ever without opening its
    /// port. A row still there after <paramref name="wait"/> is taken as left behind and removed: a SQLite database
    /// is migrated by the one app that owns the file, and migrations on a fresh or small database take seconds.
    /// </summary>
    private static async Task ClearStaleMigrationLockAsync(KnowledgeBaseDbContext db, ILogger logger, TimeSpan wait, CancellationToken cancellationToken)
    {
        var hasTable = await db.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync(cancellationToken) > 0;
        if (!hasTable) return;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var logged = false;
        while (true)
        {
            var held = await db.Database.SqlQueryRaw<string>("SELECT CAST(\"Timestamp\" AS TEXT) AS \"Value\" FROM \"__EFMigrationsLock\"")
                .FirstOrDefaultAsync(cancellationToken);
            if (held is null) return;
            if (waited.Elapsed >= wait)
            {
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken);
                LogStaleMigrationLockRemoved(logger, held, wait.TotalSeconds);
                return;
            }
            if (!logged) LogWaitingForMigrationLock(logger, held, wait.TotalSeconds);
            logged = true;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, Math.Max(50, wait.TotalMilliseconds / 10))), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database's migration lock is held (since {Since}); waiting up to {Seconds} s for it")]
    private static partial void LogWaitingForMigrationLock(ILogger logger, string since, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed a migration lock taken at {Since} and still held after {Seconds} s: a start-up was stopped while migrating")]
    private static partial void LogStaleMigrationLockRemoved(ILogger logger, string since, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index {Name} had lost its triggers or lookup index; recreated it and rebuilt the index")]
    private static partial void LogSearchRepaired(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Derived the browsing facets of {Count} studies and trials")]
    private static partial void LogFacetsDerived(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Classified {Count} sources by therapy kind and condition")]
    private static partial void LogSourcesClassified(ILogger logger, int count);

    /// <summary>A console line per batch of sources classified at start-up (a large knowledge base takes a while).</summary>
    private sealed class ClassificationProgress(TextWriter output) : IProgress<int>
    {
        public void Report(int value) =>
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"classifying sources by therapy kind and condition: {value:N0} done"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s): {Migrations}")]
    private static partial void LogMigrating(ILogger logger, int count, IReadOnlyList<string> migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty knowledge base: importing the seeds from {Path}")]
    private static partial void LogFirstRun(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Empty knowledge base and no seeds folder found; set KnowledgeBase:SeedsPath to import them")]
    private static partial void LogNoSeeds(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seed import: {Error}")]
    private static partial void LogSeedError(ILogger logger, string error);
}

internal static class SeedsLocator
{
    /// <summary>The configured seeds folder, or the nearest "seeds" folder above the content root or the app.</summary>
    public static string? Find(string configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Directory.Exists(configured) || File.Exists(configured) ? Path.GetFullPath(configured) : null;
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "seeds");
                if (File.Exists(Path.Combine(candidate, "reference-library.json"))) return candidate;
            }
        }
        return null;
    }
}
