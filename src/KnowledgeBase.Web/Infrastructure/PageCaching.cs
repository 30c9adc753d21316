using System.Data.Common;
using System.Globalization;
using KnowledgeBase.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Data.Sqlite;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Output caching for read-only pages, never stale: a cached page is keyed by the knowledge base's
/// change stamp (the newest change-history row; every save of a claim, link, tag, source, study or
/// trial writes one, by this app or any other process on the same database), so the first request
/// after any change renders afresh (a change by another process once its file event, on SQLite, or its notification,
/// on PostgreSQL, has arrived, milliseconds after its commit: see <see cref="ChangeStamp"/>); a page built from counts of an older
/// stamp (<see cref="StaleCounts"/>) is not stored. Only anonymous GETs that set no cookie are cached (the default
/// policy); editors always get a rendered page. Put <c>[OutputCache(PolicyName = PageCaching.Policy)]</c>
/// on an action whose page depends only on its URL and the database.
/// </summary>
internal static class PageCaching
{
    public const string Policy = "Pages";

    public static IServiceCollection AddKnowledgeBasePageCache(this IServiceCollection services) =>
        services.AddSingleton<ChangeStamp>()
            .AddSingleton(sp => new ChangeStampedCache(
                sp.GetRequiredService<ChangeStamp>(),
                sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetRequiredService<IHttpContextAccessor>(),
                sp.GetRequiredService<ILogger<ChangeStampedCache>>(),
                sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping))
            .AddOutputCache(o =>
        {
            o.SizeLimit = 32L * 1024 * 1024;
            o.DefaultExpirationTimeSpan = TimeSpan.FromMinutes(10);
            // One variant per Accept-Encoding: the compression inside the cache makes a brotli, gzip or plain body of it.
            o.AddPolicy(Policy, b => b.SetVaryByQuery("*").SetVaryByHeader(HeaderNames.AcceptEncoding).AddPolicy<ChangeStampPolicy>());
        });

    /// <summary>
    /// The newest change-history id, answered from memory while that is known to be current, else read from the database.
    /// On PostgreSQL (docs/decisions/0038-postgres-change-stamp-in-memory.md) <see cref="ChangeStampListener"/> LISTENs
    /// for the notification a trigger on "ChangeRecords" sends at every commit that writes history. On SQLite
    /// (docs/decisions/0053-sqlite-change-stamp-in-memory.md) <see cref="SqliteChangeWatcher"/> watches the database's
    /// files: every write by any process counts as a possible change, and requests read the id again until one read has
    /// begun after the writes had settled (<see cref="WriteSettling"/>). On both, this app's own commits re-read the id
    /// before they return (<see cref="ChangeStampCommits"/>): never stale for this app's own changes, the request after
    /// an edit sees it. A change by another process (the import command, a second web instance) shows once its
    /// notification or file event has arrived, milliseconds after its commit. While neither is running (at start-up,
    /// after a failure, an in-memory SQLite database) every request reads the id.
    /// That read on SQLite is one execution of a statement prepared once on a connection held open for it (decision
    /// 0044), not a DbContext: a cache hit never builds a context, goes through EF's query pipeline or compiles SQL.
    /// </summary>
    internal sealed class ChangeStamp(DatabaseSettings settings) : IDisposable
    {
        private readonly DbProviderFactory _factory = settings.Provider == DatabaseProvider.Postgres ? NpgsqlFactory.Instance : SqliteFactory.Instance;
        private readonly bool _onPostgres = settings.Provider == DatabaseProvider.Postgres;

        // SQLite: open connections, each with the stamp query prepared once (decision 0044). Compiling the statement
        // was most of what a pooled open-command-read cost per request. A slot holds an idle command; a request takes
        // one (or opens another when all are in use) and puts it back, or disposes it when every slot is full.
        private readonly SqliteCommand?[] _prepared = new SqliteCommand?[Math.Max(4, 2 * Environment.ProcessorCount)];
        private volatile bool _disposed;

        // The newest id seen: raised by notifications, re-reads and commits, never lowered (ids only grow).
        private long _known;

        // Whether _known is kept current by the listener; written after _known, so a reader that sees true sees the value.
        private volatile bool _listening;

        // SQLite: writes to the database's files seen by the watcher, the newest of them covered by a read of the id
        // (one begun at least WriteSettling after the write event), and when the newest write event came (TickCount64).
        private long _writes;
        private long _writesRead;
        private long _lastWriteAt;

        // Whether the watcher runs; set after it counted a write, so the first requests read the id.
        private volatile bool _watching;

        /// <summary>
        /// How long after a write event a read of the id may still miss that write's commit: SQLite writes the commit's
        /// pages to the file (the event) a moment before it publishes the commit to readers. A read begun this long after
        /// the newest write event is taken to see every commit; reads before that count for the stamp but are repeated.
        /// </summary>
        internal static TimeSpan WriteSettling { get; } = TimeSpan.FromSeconds(1);

        /// <summary>Whether the stamp is answered from memory (PostgreSQL, listener connected and caught up).</summary>
        internal bool IsListening => _listening;

        /// <summary>Whether the SQLite watcher runs, so the stamp is answered from memory once writes have settled.</summary>
        internal bool IsWatching => _watching;

        /// <summary>How many times the stamp has been read from the SQLite database (tests look whether a request read it).</summary>
        internal long DatabaseReads => Interlocked.Read(ref _databaseReads);

        private long _databaseReads;

        public async Task<long> ReadAsync(CancellationToken cancellation)
        {
            if (_listening) return Interlocked.Read(ref _known);
            // Microsoft.Data.Sqlite runs its async methods synchronously: the prepared read is as asynchronous as theirs.
            if (!_onPostgres) return _watching ? ReadWatched() : ReadPrepared();
            return await ReadFromDatabaseAsync(cancellation);
        }

        // SQLite with the watcher running: from memory unless a write came since the last settled read.
        private long ReadWatched()
        {
            var writes = Interlocked.Read(ref _writes);
            if (writes == Interlocked.Read(ref _writesRead)) return Interlocked.Read(ref _known);
            // Read after _writes: the event that raised it came no later than this, so "settled" covers it.
            var settled = Environment.TickCount64 - Interlocked.Read(ref _lastWriteAt) >= (long)WriteSettling.TotalMilliseconds;
            Advance(ReadPrepared());
            if (settled) RaiseTo(ref _writesRead, writes);
            return Interlocked.Read(ref _known);
        }

        /// <summary>The watcher saw a write to the database's files (by any process): the next requests read the id again.</summary>
        internal void WriteObserved()
        {
            Interlocked.Exchange(ref _lastWriteAt, Environment.TickCount64);
            Interlocked.Increment(ref _writes);
        }

        /// <summary>The watcher runs from now on (its events enabled): the stamp comes from memory once writes have settled.</summary>
        internal void StartWatching()
        {
            // Writes made before the events were enabled are unseen: count one, so requests read until a settled read.
            WriteObserved();
            _watching = true;
        }

        /// <summary>File events may be missed from now on (the watcher failed or stopped): back to reading per request.</summary>
        internal void StopWatching() => _watching = false;

        private static void RaiseTo(ref long field, long value)
        {
            var current = Interlocked.Read(ref field);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref field, value, current);
                if (seen == current) return;
                current = seen;
            }
        }

        /// <summary>MAX("Id") of the history on SQLite, read now through a prepared statement on a held connection.</summary>
        internal long ReadPrepared()
        {
            var command = TakePrepared() ?? OpenPrepared();
            long stamp;
            try
            {
                // Each execution is its own read transaction: it sees every commit made before it began, by any process.
                stamp = ToStamp(command.ExecuteScalar());
                Interlocked.Increment(ref _databaseReads);
            }
            catch
            {
                DisposePrepared(command);
                throw;
            }
            ReturnPrepared(command);
            return stamp;
        }

        private SqliteCommand? TakePrepared()
        {
            for (var i = 0; i < _prepared.Length; i++)
            {
                if (Volatile.Read(ref _prepared[i]) is not null && Interlocked.Exchange(ref _prepared[i], null) is { } command) return command;
            }
            return null;
        }

        private void ReturnPrepared(SqliteCommand command)
        {
            if (!_disposed)
            {
                for (var i = 0; i < _prepared.Length; i++)
                {
                    if (Interlocked.CompareExchange(ref _prepared[i], command, null) is null)
                    {
                        // Disposed meanwhile: the slots may already have been emptied, so empty them again.
                        if (_disposed) DisposeSlots();
                        return;
                    }
                }
            }
            DisposePrepared(command);
        }

        private SqliteCommand OpenPrepared()
        {
            var connection = new SqliteConnection(settings.ConnectionString);
            try
            {
                connection.Open();
                var command = connection.CreateCommand();
                command.CommandText = NewestIdSql;
                command.Prepare();
                return command;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        private static void DisposePrepared(SqliteCommand command)
        {
            var connection = command.Connection;
            command.Dispose();
            connection?.Dispose();
        }

        private void DisposeSlots()
        {
            for (var i = 0; i < _prepared.Length; i++)
            {
                if (Interlocked.Exchange(ref _prepared[i], null) is { } command) DisposePrepared(command);
            }
        }

        /// <summary>Closes the held SQLite connections (the app is stopping).</summary>
        public void Dispose()
        {
            _disposed = true;
            DisposeSlots();
        }

        /// <summary>MAX("Id") of the history, read now on a pooled connection.</summary>
        internal async Task<long> ReadFromDatabaseAsync(CancellationToken cancellation)
        {
            await using var connection = _factory.CreateConnection()!;
            connection.ConnectionString = settings.ConnectionString;
            await connection.OpenAsync(cancellation);
            await using var command = connection.CreateCommand();
            command.CommandText = NewestIdSql;
            return ToStamp(await command.ExecuteScalarAsync(cancellation));
        }

        private long ReadFromDatabase()
        {
            using var connection = _factory.CreateConnection()!;
            connection.ConnectionString = settings.ConnectionString;
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = NewestIdSql;
            return ToStamp(command.ExecuteScalar());
        }

        internal const string NewestIdSql = "SELECT MAX(\"Id\") FROM \"ChangeRecords\"";

        internal static long ToStamp(object? value) => value is { } and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;

        /// <summary>A history id known to be committed (a notification's payload, a fresh read): the stamp moves up to it.</summary>
        internal void Advance(long id) => RaiseTo(ref _known, id);

        /// <summary>
        /// The listener LISTENs and has read <paramref name="newest"/> since: from now on the stamp comes from memory.
        /// </summary>
        internal void StartListening(long newest)
        {
            Advance(newest);
            _listening = true;
        }

        /// <summary>Notifications may be missed from now on (the listener's connection failed): back to reading per request.</summary>
        internal void StopListening() => _listening = false;

        /// <summary>
        /// After a commit of this app: the stamp moves to the newest id before the request that committed goes on, so the
        /// next request sees the change whenever the notification (PostgreSQL) or the file event (SQLite) arrives. On
        /// PostgreSQL also while the listener is not listening: a catch-up read it started before this commit must not
        /// leave the stamp behind it. If the read fails, the stamp is read per request again (PostgreSQL, until the
        /// listener has read it) or at the next request (SQLite, as after any write).
        /// </summary>
        internal async Task RefreshAfterCommitAsync(CancellationToken cancellation)
        {
            if (!_onPostgres)
            {
                RefreshAfterCommit();
                return;
            }
            try
            {
                Advance(await ReadFromDatabaseAsync(cancellation));
            }
#pragma warning disable CA1031 // the commit has succeeded: whatever the read's failure, fall back rather than fail the request
            catch (Exception)
#pragma warning restore CA1031
            {
                StopListening();
            }
        }

        /// <inheritdoc cref="RefreshAfterCommitAsync"/>
        internal void RefreshAfterCommit()
        {
            if (!_onPostgres && !_watching) return;
            try
            {
                Advance(_onPostgres ? ReadFromDatabase() : ReadPrepared());
            }
#pragma warning disable CA1031 // the commit has succeeded: whatever the read's failure, fall back rather than fail the request
            catch (Exception)
#pragma warning restore CA1031
            {
                if (_onPostgres) StopListening();
                else WriteObserved();
            }
        }

        /// <summary>The SQLite database's file as SQLite opens it (full path), or null for an in-memory or temporary database.</summary>
        internal string? DatabaseFile()
        {
            using var connection = new SqliteConnection(settings.ConnectionString);
            connection.Open();
            return string.IsNullOrEmpty(connection.DataSource) ? null : connection.DataSource;
        }
    }

    /// <summary>Adds the change stamp to the cache key.</summary>
    private sealed class ChangeStampPolicy : IOutputCachePolicy
    {
        public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (!context.EnableOutputCaching || !context.AllowCacheLookup) return;
            var http = context.HttpContext;
            if (http.Request.Cookies.ContainsKey(TempDataCookie))
            {
                // A flash message waits to be shown ("Saved."): render this one afresh, and do not keep it.
                context.AllowCacheLookup = false;
                context.AllowCacheStorage = false;
                return;
            }
            // MVC's cookie TempData provider answers every page that can show a flash message with a
            // deletion of its cookie, even when the request had none; for this reader the header says
            // nothing, but a Set-Cookie makes the page uncacheable. Dropped once the provider has added it
            // (start-of-response callbacks run last-registered first, so this one runs after the provider's).
            http.Response.OnStarting(() =>
            {
                var cookies = http.Response.Headers.SetCookie;
                if (cookies.Count > 0 && cookies.All(IsTempDataDeletion)) http.Response.Headers.Remove(HeaderNames.SetCookie);
                return Task.CompletedTask;
            });
            var stamp = await http.RequestServices.GetRequiredService<ChangeStamp>().ReadAsync(cancellation);
            context.CacheVaryByRules.VaryByValues["kb-change"] = stamp.ToString(CultureInfo.InvariantCulture);
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            // Counts from before the latest change, served while they are recounted (ChangeStampedCache): kept under the
            // current stamp, such a page would stay wrong until the next change. The next reader renders it afresh.
            if (StaleCounts.IsMarked(context.HttpContext)) context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }

        private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

        private static bool IsTempDataDeletion(string? cookie) =>
            cookie is not null
            && cookie.StartsWith(TempDataCookie + "=;", StringComparison.Ordinal)
            && cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal);
    }
}
