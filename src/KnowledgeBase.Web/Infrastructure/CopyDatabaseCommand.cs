using System.Globalization;
using KnowledgeBase.Data;
using KnowledgeBase.Data.Copying;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// <c>copy-database --to-provider Postgres --to "Host=...;Database=...;Username=..."</c>: copies the configured
/// knowledge base (or <c>--from-provider</c>/<c>--from</c>) into an empty database of either provider,
/// verifies every table's row count and checksum, and prints them. Exits 1 (writing nothing) if the target
/// is not empty or the copy does not match.
/// </summary>
internal sealed record CopyDatabaseCommand(string? From, string? FromProvider, string? To, string? ToProvider) : ICommand
{
    private const string Usage =
        "usage: copy-database --to-provider Sqlite|Postgres --to \"<connection string>\" [--from-provider Sqlite|Postgres --from \"<connection string>\"]\n" +
        "       the source defaults to the configured database (Database:Provider, ConnectionStrings:KnowledgeBase); the target must be empty";

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        DatabaseSettings from, to;
        try
        {
            from = From is { } fromConnection
                ? Settings(FromProvider, fromConnection)
                : services.GetRequiredService<DatabaseSettings>();
            to = To is { } toConnection ? Settings(ToProvider, toConnection) : throw new InvalidOperationException("--to is required.");
        }
        catch (InvalidOperationException ex)
        {
            await output.WriteLineAsync(ex.Message);
            await output.WriteLineAsync(Usage);
            return 2;
        }
        if (from == to)
        {
            await output.WriteLineAsync("The source and the target are the same database.");
            return 2;
        }

        var actor = new SystemActor("copy-database");
        await using var source = DatabaseSetup.CreateContext(from, actor, TimeProvider.System);
        await using var target = DatabaseSetup.CreateContext(to, actor, TimeProvider.System);
        await output.WriteLineAsync($"Copying {from.Provider} -> {to.Provider}");
        try
        {
            var report = await new DatabaseCopier(source, target).CopyAsync(new Progress(output));
            await ChecksumPrinter.WriteAsync(output, report.Tables);
            await output.WriteLineAsync($"Copied {report.Tables.Sum(t => t.Rows).ToString(CultureInfo.InvariantCulture)} rows in {report.Tables.Count} tables; every count and checksum matches.");
            return 0;
        }
        catch (DatabaseCopyException ex)
        {
            await output.WriteLineAsync("error: " + ex.Message);
            return 1;
        }
        catch (System.Data.Common.DbException ex)
        {
            // Whatever else a database refuses: the target's transaction is rolled back, so nothing was written.
            await output.WriteLineAsync($"error: the copy stopped, nothing was written: {ex.Message}");
            return 1;
        }
    }

    private static DatabaseSettings Settings(string? provider, string connectionString)
    {
        var parsed = DatabaseSettings.ParseProvider(provider ?? throw new InvalidOperationException("Name the provider of each connection string given (--to-provider, --from-provider)."));
        // A relative SQLite file is relative to the folder the command was typed in.
        return parsed == DatabaseProvider.Sqlite
            ? new(parsed, DataSetup.ResolveSqliteConnectionString(connectionString, Environment.GetEnvironmentVariable("PWD") ?? Directory.GetCurrentDirectory()))
            : new(parsed, connectionString);
    }

    private sealed class Progress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine("  " + value);
    }
}
