using System.Collections.Concurrent;
using KnowledgeBase.Data;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgeBase.Tests.Data;

/// <summary>
/// A normal first start logs no error: an operator reading "[ERR] Failed executing DbCommand" on a new PostgreSQL
/// database would think it broken (EF read the migration history before the table existed).
/// </summary>
public sealed class QuietStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-quiet-").FullName;

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
    public async Task Migrating_a_new_SQLite_database_logs_no_error() =>
        await MigrateAndCheckAsync(new DatabaseSettings(DatabaseProvider.Sqlite,
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "kb.db"), Pooling = false }.ToString()));

    [PostgresFact]
    public async Task Migrating_a_new_PostgreSQL_database_logs_no_error()
    {
        var connectionString = TestDatabases.CreatePostgresDatabase(migrated: false);
        try
        {
            await MigrateAndCheckAsync(new DatabaseSettings(DatabaseProvider.Postgres, connectionString));
        }
        finally
        {
            TestDatabases.DropPostgresDatabase(connectionString);
        }
    }

    [PostgresFact]
    public async Task A_PostgreSQL_database_that_does_not_exist_yet_is_created_and_migrated()
    {
        var existing = TestDatabases.CreatePostgresDatabase(migrated: false);
        TestDatabases.DropPostgresDatabase(existing);
        try
        {
            await MigrateAndCheckAsync(new DatabaseSettings(DatabaseProvider.Postgres, existing));
        }
        finally
        {
            TestDatabases.DropPostgresDatabase(existing);
        }
    }

    private static async Task MigrateAndCheckAsync(DatabaseSettings settings)
    {
        var errors = new ConcurrentQueue<string>();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new ErrorCollector(errors)));
        await using var db = DatabaseSetup.CreateContext(settings, new SystemActor("test"), TimeProvider.System, o => o.UseLoggerFactory(loggers));

        await DatabaseInitializer.MigrateAsync(db, NullLogger.Instance, CancellationToken.None);

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        errors.Should().BeEmpty("a normal first start must not alarm the operator");
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Collector(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error) errors.Enqueue($"{category}: {formatter(state, exception)}");
            }
        }
    }
}
