using KnowledgeBase.Data;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// <c>backup &lt;file&gt; [--force]</c>: a consistent copy of the configured database, taken while the app
/// keeps serving; prints each table's rows and checksum. Exits 1 if the backup could not be made.
/// </summary>
internal sealed record BackupCommand(string? File, bool Force) : ICommand
{
    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var file = File;
        if (file is null)
        {
            await output.WriteLineAsync("usage: backup <file> [--force]   (--force replaces an existing file)");
            return 2;
        }
        if (ChecksumPrinter.SqliteConnectionString(services) is not { } connection)
        {
            await output.WriteLineAsync("backup and restore work on the embedded SQLite database; on PostgreSQL use pg_dump and pg_restore (docs/deploying.md)");
            return 2;
        }
        var target = ImportCommand.ResolveOutputPath(file);
        try
        {
            var checksums = await SqliteBackup.BackupAsync(connection, target, overwrite: Force);
            await output.WriteLineAsync($"Backed up to {target} (integrity check: ok).");
            await ChecksumPrinter.WriteAsync(output, checksums);
            return 0;
        }
        catch (BackupException ex)
        {
            await output.WriteLineAsync($"backup failed: {ex.Message}");
            return 1;
        }
    }
}

/// <summary>
/// <c>restore &lt;file&gt; [--force]</c>: replaces the configured database with a backup (stop the app first);
/// refuses to overwrite a database holding data without --force; compares every table's rows and
/// checksum with the backup and exits 1 on any difference.
/// </summary>
internal sealed record RestoreCommand(string? File, bool Force) : ICommand
{
    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var file = File;
        if (file is null)
        {
            await output.WriteLineAsync("usage: restore <file> [--force]   (stop the app first; --force replaces a database that holds data)");
            return 2;
        }
        if (ChecksumPrinter.SqliteConnectionString(services) is not { } connection)
        {
            await output.WriteLineAsync("backup and restore work on the embedded SQLite database; on PostgreSQL use pg_dump and pg_restore (docs/deploying.md)");
            return 2;
        }
        RestoreResult result;
        try
        {
            result = await SqliteBackup.RestoreAsync(ImportCommand.ResolveFromInvocationFolder(file), connection, overwrite: Force);
        }
        catch (BackupException ex)
        {
            await output.WriteLineAsync($"restore refused: {ex.Message}");
            return 1;
        }
        await ChecksumPrinter.WriteAsync(output, result.Actual, result.Expected);
        if (result.Identical)
        {
            await output.WriteLineAsync("Restored: every table's rows and checksum match the backup.");
            return 0;
        }
        await output.WriteLineAsync("restore failed verification: the tables marked DIFFERENT do not match the backup.");
        return 1;
    }
}

internal static class ChecksumPrinter
{
    /// <summary>The configured database's connection string when it is SQLite; null on PostgreSQL.</summary>
    public static string? SqliteConnectionString(IServiceProvider services) =>
        services.GetRequiredService<DatabaseSettings>() is { Provider: DatabaseProvider.Sqlite } settings ? settings.ConnectionString : null;

    public static async Task WriteAsync(TextWriter output, IReadOnlyList<TableChecksum> checksums, IReadOnlyList<TableChecksum>? expected = null)
    {
        await output.WriteLineAsync($"{"table",-28} {"rows",8}  checksum (sha-256, first 16)");
        foreach (var table in checksums)
        {
            var mark = expected is null ? "" : expected.Contains(table) ? "  same as backup" : "  DIFFERENT";
            await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{table.Table,-28} {table.Rows,8}  {table.ShortChecksum}{mark}"));
        }
    }
}
