using System.Collections.Concurrent;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Results that are costly to compute and depend only on the database (the evidence map's counts),
/// shared by every request, readers and editors alike, until the next change: each entry is kept with
/// the change stamp read before it was computed (see <see cref="PageCaching.ChangeStamp"/>), and a
/// request that finds another stamp computes afresh. A change made while a result was computed leaves
/// it under the older stamp, so the next request recomputes: never stale. Keys may carry a page's filter (the
/// claims list's counts per filter): at most <see cref="Capacity"/> entries are kept, and entries of an older
/// stamp go as soon as a newer one is stored.
/// </summary>
public sealed class ChangeStampedCache
{
    /// <summary>Entries kept under the current stamp; past it, others than the one just stored are dropped.</summary>
    public const int Capacity = 256;

    private readonly PageCaching.ChangeStamp _stamp;
    private readonly ConcurrentDictionary<string, (long Stamp, object Value)> _entries = new(StringComparer.Ordinal);

    internal ChangeStampedCache(PageCaching.ChangeStamp stamp) => _stamp = stamp;

    public async Task<T> GetOrComputeAsync<T>(string key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        var stamp = await _stamp.ReadAsync(cancellationToken);
        if (_entries.TryGetValue(key, out var entry) && entry.Stamp == stamp && entry.Value is T cached) return cached;
        var value = await compute(cancellationToken);
        foreach (var held in _entries)
        {
            if (held.Value.Stamp != stamp) _entries.TryRemove(held);
        }
        _entries[key] = (stamp, value);
        if (_entries.Count > Capacity)
        {
            foreach (var extra in _entries.Keys.Where(k => k != key).Take(_entries.Count - Capacity).ToList()) _entries.TryRemove(extra, out _);
        }
        return value;
    }
}

public static class ChangeStampedCacheExtensions
{
    /// <summary>Through <paramref name="cache"/> when there is one (the web app), computed afresh when there is none (a query used alone).</summary>
    public static Task<T> SharedOrComputeAsync<T>(this ChangeStampedCache? cache, string key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        return cache is null ? compute(cancellationToken) : cache.GetOrComputeAsync(key, compute, cancellationToken);
    }
}
