using System.Data.Common;
using System.Globalization;
using KnowledgeBase.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Importing;

/// <summary>
/// The SQLite connection settings of a folder import, for its duration only (the connection is pooled and
/// the web app imports the seeds on its first run): statement and savepoint journals in memory instead of
/// a temporary file (every INSERT that fires a search trigger opens a statement journal, and each file is a
/// savepoint: with the default they cost two <c>pwrite</c> calls for every page they touch), and a page cache
/// that holds a commit group's pages. Nothing here changes what is stored.
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
