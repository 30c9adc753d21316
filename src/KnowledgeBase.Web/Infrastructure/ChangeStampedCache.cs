using System.Collections.Concurrent;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Results that are costly to compute and depend only on the database (the evidence map's counts),
/// shared by every request, readers and editors alike, until the next change: each entry is kept with
/// the change stamp read before it was computed (see <see cref="PageCaching.ChangeStamp"/>), and a
/// request that finds another stamp computes afresh. A change made while a result was computed leaves
/// it under the older stamp, so the next request recomputes: never stale. Use a small, fixed set of keys.
/// </summary>
public sealed class ChangeStampedCache
{
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
        _entries[key] = (stamp, value);
        return value;
    }
}
