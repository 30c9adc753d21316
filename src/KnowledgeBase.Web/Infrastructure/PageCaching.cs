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
/// after any change renders afresh; a page built from counts of an older stamp (<see cref="StaleCounts"/>) is not
/// stored. Only anonymous GETs that set no cookie are cached (the default
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
    /// The newest change-history id, read straight from the database on every request that may be served
    /// from the cache: MAX of the integer primary key is one index lookup, whatever the size of the history.
    /// A pooled ADO.NET connection and one statement, not a DbContext: a cache hit then never
    /// builds a context or goes through EF's query pipeline.
    /// </summary>
    internal sealed class ChangeStamp(DatabaseSettings settings)
    {
        private readonly DbProviderFactory _factory = settings.Provider == DatabaseProvider.Postgres ? NpgsqlFactory.Instance : SqliteFactory.Instance;

        public async Task<long> ReadAsync(CancellationToken cancellation)
        {
            await using var connection = _factory.CreateConnection()!;
            connection.ConnectionString = settings.ConnectionString;
            await connection.OpenAsync(cancellation);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MAX(\"Id\") FROM \"ChangeRecords\"";
            return await command.ExecuteScalarAsync(cancellation) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
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
