using System.Data.Common;
using System.Globalization;
using KnowledgeBase.Data;
using KnowledgeBase.Search.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KnowledgeBase.Importing;

/// <summary>
/// What a folder import does differently on SQLite; nothing here changes what is stored or found.
/// <list type="bullet">
/// <item>Connection settings for the import's duration only (the connection is pooled, and the web app imports the
/// seeds on its first run): statement and savepoint journals in memory instead of a temporary file (every INSERT that
/// fires a search trigger opens a statement journal, and each file is a savepoint: on disk they cost two <c>pwrite</c>
/// calls for every page they touch), and a page cache that holds a commit group's pages.</item>
/// <item>Search indexing once per commit group (decision 0037): FTS5 writes its pending terms out as a new segment at
/// every savepoint, so with a savepoint per file the claim and source indexes grew by a segment per file and spent
/// their time merging them. While files of new articles are written, the insert triggers of those two indexes are
/// dropped inside the group's transaction, and before the group commits (or before any other kind of file, which may
/// update or delete rows) the rows added since are indexed in id order, exactly as the triggers would have, and the
/// triggers are created again from their own stored SQL. Schema changes are transactional in SQLite: other
/// connections never see the triggers missing, and a crash or a rollback brings them back with the rows.</item>
/// </list>
/// </summary>
internal sealed class SqliteFolderImport : IAsyncDisposable
{
    /// <summary>The page cache while importing, in KiB (SQLite's default is 2,000 KiB).</summary>
    private const int CacheKibibytes = 32 * 1024;

    private readonly KnowledgeBaseDbContext _db;
    private readonly DbConnection _connection;
    private readonly long _tempStore;
    private readonly long _cacheSize;

    private SqliteFolderImport(KnowledgeBaseDbContext db, DbConnection connection, long tempStore, long cacheSize)
    {
        _db = db;
        _connection = connection;
        _tempStore = tempStore;
        _cacheSize = cacheSize;
    }

    /// <summary>Opens the context's connection for the import and applies the settings; null on other providers.</summary>
    public static async Task<SqliteFolderImport?> StartAsync(KnowledgeBaseDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var tempStore = await ScalarAsync(connection, "PRAGMA temp_store;", ct);
        var cacheSize = await ScalarAsync(connection, "PRAGMA cache_size;", ct);
        await ExecuteAsync(connection, $"PRAGMA temp_store = MEMORY; PRAGMA cache_size = {-CacheKibibytes};", ct);
        return new SqliteFolderImport(db, connection, tempStore, cacheSize);
    }

    /// <summary>The claim and source indexes (the ones a file of new articles adds rows to) whose insert triggers are dropped, with the SQL that re-creates each and the highest id indexed.</summary>
    private readonly List<(SqliteSearchIndex Index, string TriggerSql, long IndexedUpTo)> _paused = [];

    private static readonly SqliteSearchIndex[] Deferred = [SqliteSearchSchema.Claims, SqliteSearchSchema.Sources];

    /// <summary>
    /// Before a file whose articles only add rows (new sources, their claims): drops the claim and source insert triggers,
    /// if not already dropped. Call it inside the group's transaction and outside the file's savepoint, so that rolling the
    /// file back leaves the triggers as they are.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Names come from the search schema; the trigger's SQL is the database's own.")]
    public async Task PauseIndexingAsync(CancellationToken ct)
    {
        if (_paused.Count > 0) return;
        foreach (var index in Deferred)
        {
            await using var read = Command($"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{index.InsertTrigger}'");
            // No trigger (a database the repair has not seen): nothing indexes these rows now, so nothing is deferred.
            if (await read.ExecuteScalarAsync(ct) is not string triggerSql) continue;
            await using var max = Command($"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{index.ContentTable}\"");
            var indexedUpTo = Convert.ToInt64(await max.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            await using var drop = Command($"DROP TRIGGER \"{index.InsertTrigger}\"");
            await drop.ExecuteNonQueryAsync(ct);
            _paused.Add((index, triggerSql, indexedUpTo));
        }
    }

    /// <summary>
    /// Indexes the rows added since the triggers were dropped and re-creates them. Call it before the group commits and
    /// before any file that may update or delete rows (a changed article, the library, a reference file).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Names come from the search schema; the trigger's SQL is the database's own.")]
    public async Task CatchUpAsync(CancellationToken ct)
    {
        foreach (var (index, triggerSql, indexedUpTo) in _paused)
        {
            await using var add = Command(index.IndexRowsAfterSql("@after"));
            var after = add.CreateParameter();
            after.ParameterName = "@after";
            after.Value = indexedUpTo;
            add.Parameters.Add(after);
            await add.ExecuteNonQueryAsync(ct);
            await using var create = Command(triggerSql);
            await create.ExecuteNonQueryAsync(ct);
        }
        _paused.Clear();
    }

    /// <summary>After the group's transaction ended without committing: its rollback brought the triggers back.</summary>
    public void RolledBack() => _paused.Clear();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Callers pass names from the search schema or the database's own SQL.")]
    private DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await ExecuteAsync(_connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA temp_store = {_tempStore}; PRAGMA cache_size = {_cacheSize};"), CancellationToken.None);
        await _db.Database.CloseConnectionAsync();
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Fixed PRAGMAs with numbers read from the connection.")]
    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
