using Microsoft.Data.Sqlite;

namespace KnowledgeBase.Data;

/// <summary>
/// Copies a knowledge base with SQLite's online backup API: a consistent snapshot taken while the
/// app keeps serving and writing (in WAL mode writers are not blocked by the copy), and a restore
/// verified table by table.
/// </summary>
public static class SqliteBackup
{
    /// <summary>
    /// Writes a snapshot of the database at <paramref name="connectionString"/> to <paramref name="backupPath"/>
    /// (through a temporary file, so an interrupted backup never leaves a half file under the final name),
    /// checks its integrity and returns its table checksums.
    /// </summary>
    public static async Task<IReadOnlyList<TableChecksum>> BackupAsync(string connectionString, string backupPath, bool overwrite, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(backupPath);
        if (File.Exists(target) && !overwrite)
            throw new BackupException($"{target} already exists; choose another file or pass --force to replace it");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await using (var source = new SqliteConnection(connectionString))
            await using (var destination = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                await source.OpenAsync(cancellationToken);
                // Microsoft.Data.Sqlite retries busy commands itself, but not the backup API: let SQLite wait for a writer's commit.
                await ExecuteAsync(source, "PRAGMA busy_timeout = 30000;", cancellationToken);
                source.BackupDatabase(destination);
                // A backup is one self-contained file: no -wal beside it.
                await ExecuteAsync(destination, "PRAGMA journal_mode=DELETE;", cancellationToken);
            }
            var checksums = await VerifyAsync(partial, cancellationToken);
            SqliteConnection.ClearAllPools();
            File.Move(partial, target, overwrite);
            return checksums;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces the database at <paramref name="connectionString"/> with the backup at <paramref name="backupPath"/>,
    /// refusing to overwrite a database that holds data unless <paramref name="overwrite"/>, then compares
    /// row counts and checksums of every table in the backup and the restored database.
    /// </summary>
    public static async Task<RestoreResult> RestoreAsync(string backupPath, string connectionString, bool overwrite, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(backupPath);
        if (!File.Exists(source)) throw new BackupException($"{source}: no such file");
        var expected = await VerifyAsync(source, cancellationToken);

        var targetPath = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!overwrite && File.Exists(targetPath) && await HoldsDataAsync(connectionString, cancellationToken))
            throw new BackupException($"{targetPath} already holds a knowledge base; stop the app and pass --force to replace it with the backup");

        await using (var backup = Open(source, SqliteOpenMode.ReadOnly))
        await using (var target = new SqliteConnection(connectionString))
        {
            await target.OpenAsync(cancellationToken);
            await ExecuteAsync(target, $"PRAGMA busy_timeout = {(int)InUseWait.TotalMilliseconds};", cancellationToken);
            try
            {
                // The backup API cannot change the page size of a WAL database: leave WAL for the copy, return to it after.
                // Both need the database to itself; a connection held open elsewhere (a running app) keeps it busy.
                await ExecuteAsync(target, "PRAGMA journal_mode=DELETE;", cancellationToken);
                backup.BackupDatabase(target);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
            {
                throw new BackupException(
                    $"{targetPath} is in use (the app, or another command, has it open): stop the app and run restore again; " +
                    "nothing was restored and the database's data is as it was", ex);
            }
            await ExecuteAsync(target, "PRAGMA journal_mode=WAL;", cancellationToken);
        }
        SqliteConnection.ClearAllPools();

        var actual = await ChecksumsAsync(connectionString, cancellationToken);
        SqliteConnection.ClearAllPools();
        return new RestoreResult(expected, actual);
    }

    /// <summary>Integrity check and checksums of a database file (opened read-only).</summary>
    public static async Task<IReadOnlyList<TableChecksum>> VerifyAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = Open(path, SqliteOpenMode.ReadOnly);
            await using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA integrity_check;";
                var verdict = (string?)await check.ExecuteScalarAsync(cancellationToken);
                if (verdict != "ok") throw new BackupException($"{path} is damaged: integrity check says \"{verdict}\"");
            }
            await using (var history = connection.CreateCommand())
            {
                history.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';";
                if (Convert.ToInt64(await history.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                    throw new BackupException($"{path} is not a KnowledgeBase database (it has no migrations history)");
            }
            return await ChecksumsAsync(connection.ConnectionString, cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new BackupException($"{path} cannot be read as a KnowledgeBase database ({ex.Message})", ex);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<IReadOnlyList<TableChecksum>> ChecksumsAsync(string connectionString, CancellationToken ct)
    {
        await using var db = DatabaseSetup.CreateContext(new(DatabaseProvider.Sqlite, connectionString), new SystemActor("backup"), TimeProvider.System);
        return await TableChecksums.ComputeAsync(db, ct);
    }

    private static async Task<bool> HoldsDataAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>How long a restore waits for the database to be free before saying it is in use.</summary>
    public static readonly TimeSpan InUseWait = TimeSpan.FromSeconds(5);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        // Microsoft.Data.Sqlite retries a busy statement until the command's timeout, on top of SQLite's busy_timeout.
        command.CommandTimeout = (int)InUseWait.TotalSeconds;
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>What the backup held and what the restored database holds, table by table.</summary>
public sealed record RestoreResult(IReadOnlyList<TableChecksum> Expected, IReadOnlyList<TableChecksum> Actual)
{
    public bool Identical => Expected.SequenceEqual(Actual);
}

/// <summary>A backup or restore that cannot be done, with the reason in words a person can act on.</summary>
public sealed class BackupException : Exception
{
    public BackupException() { }

    public BackupException(string message) : base(message) { }

    public BackupException(string message, Exception innerException) : base(message, innerException) { }
}
