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
/// after any change renders afresh (on PostgreSQL, a change by another process once its notification
/// has arrived, milliseconds after its commit: see <see cref="ChangeStamp"/>); a page built from counts of an older
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
    /// The newest change-history id. On SQLite it is read straight from the database on every request that may be
    /// served from the cache: MAX of the integer primary key is one index lookup in-process, whatever the size of the
    /// history. On PostgreSQL that read is a round trip to the server, so the stamp is kept in memory instead
    /// (docs/decisions/0038-postgres-change-stamp-in-memory.md): <see cref="ChangeStampListener"/> LISTENs for the
    /// notification a trigger on "ChangeRecords" sends at every commit that writes history, and this app's own commits
    /// re-read the id before they return (<see cref="ChangeStampCommits"/>). Never stale for this app's own changes:
    /// the request after an edit sees it. A change by another process (the import command, a second web instance)
    /// shows once its notification has arrived, milliseconds after its commit. While the listener is not connected
    /// (at start-up, after its connection dropped) every read goes to the database, as on SQLite.
    /// The per-request read on SQLite is one execution of a statement prepared once on a connection held open for it
    /// (decision 0044), not a DbContext: a cache hit never builds a context, goes through EF's query pipeline or
    /// compiles SQL.
    /// </summary>
    internal sealed class ChangeStamp(DatabaseSettings settings) : IDisposable
    {
        private readonly DbProviderFactory _factory = settings.Provider == DatabaseProvider.Postgres ? NpgsqlFactory.Instance : SqliteFactory.Instance;
        private readonly bool _heldInMemory = settings.Provider == DatabaseProvider.Postgres;

        // SQLite: open connections, each with the stamp query prepared once (decision 0044). Compiling the statement
        // was most of what a pooled open-command-read cost per request. A slot holds an idle command; a request takes
        // one (or opens another when all are in use) and puts it back, or disposes it when every slot is full.
        private readonly SqliteCommand?[] _prepared = new SqliteCommand?[Math.Max(4, 2 * Environment.ProcessorCount)];
        private volatile bool _disposed;

        // The newest id seen: raised by notifications, re-reads and commits, never lowered (ids only grow).
        private long _known;

        // Whether _known is kept current by the listener; written after _known, so a reader that sees true sees the value.
        private volatile bool _listening;

        /// <summary>Whether the stamp is answered from memory (PostgreSQL, listener connected and caught up).</summary>
        internal bool IsListening => _listening;

        public async Task<long> ReadAsync(CancellationToken cancellation)
        {
            if (_listening) return Interlocked.Read(ref _known);
            // Microsoft.Data.Sqlite runs its async methods synchronously: the prepared read is as asynchronous as theirs.
            if (!_heldInMemory) return ReadPrepared();
            return await ReadFromDatabaseAsync(cancellation);
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
        internal void Advance(long id)
        {
            var known = Interlocked.Read(ref _known);
            while (id > known)
            {
                var seen = Interlocked.CompareExchange(ref _known, id, known);
                if (seen == known) return;
                known = seen;
            }
        }

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
        /// After a commit of this app (PostgreSQL): the stamp moves to the newest id before the request that committed goes
        /// on, so the next request sees the change whenever the notification arrives. Also while the listener is not
        /// listening: a catch-up read it started before this commit must not leave the stamp behind it. If the read fails,
        /// the stamp falls back to per-request reads until the listener has read it again.
        /// </summary>
        internal async Task RefreshAfterCommitAsync(CancellationToken cancellation)
        {
            if (!_heldInMemory) return;
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
            if (!_heldInMemory) return;
            try
            {
                Advance(ReadFromDatabase());
            }
#pragma warning disable CA1031 // the commit has succeeded: whatever the read's failure, fall back rather than fail the request
            catch (Exception)
#pragma warning restore CA1031
            {
                StopListening();
            }
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
