using System.Globalization;
using KnowledgeBase.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Output caching for read-only pages, never stale: a cached page is keyed by the knowledge base's
/// change stamp (the newest change-history row; every save of a claim, link, tag, source, study or
/// trial writes one, by this app or any other process on the same database), so the first request
/// after any change renders afresh. Only anonymous GETs that set no cookie are cached (the default
/// policy); editors always get a rendered page. Put <c>[OutputCache(PolicyName = PageCaching.Policy)]</c>
/// on an action whose page depends only on its URL and the database.
/// </summary>
internal static class PageCaching
{
    public const string Policy = "Pages";

    public static IServiceCollection AddKnowledgeBasePageCache(this IServiceCollection services) =>
        services.AddOutputCache(o =>
        {
            o.SizeLimit = 32L * 1024 * 1024;
            o.DefaultExpirationTimeSpan = TimeSpan.FromMinutes(10);
            o.AddPolicy(Policy, b => b.SetVaryByQuery("*").AddPolicy<ChangeStampPolicy>());
        });

    /// <summary>Adds the change stamp to the cache key.</summary>
    private sealed class ChangeStampPolicy : IOutputCachePolicy
    {
        public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (!context.EnableOutputCaching || !context.AllowCacheLookup) return;
            var db = context.HttpContext.RequestServices.GetRequiredService<KnowledgeBaseDbContext>();
            // MAX of the integer primary key: one index lookup, whatever the size of the history.
            var stamp = await db.ChangeRecords.MaxAsync(c => (long?)c.Id, cancellation) ?? 0;
            context.CacheVaryByRules.VaryByValues["kb-change"] = stamp.ToString(CultureInfo.InvariantCulture);
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
