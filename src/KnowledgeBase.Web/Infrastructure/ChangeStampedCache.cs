using System.Collections.Concurrent;
using KnowledgeBase.Data;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>A value from <see cref="ChangeStampedCache"/>: <paramref name="Stale"/> when it was computed before the latest change and a recount is under way.</summary>
public readonly record struct Shared<T>(T Value, bool Stale);

/// <summary>
/// Results that are costly to compute and depend only on the database (the lists' counts, the evidence map's numbers),
/// shared by every request, readers and editors alike: each entry is kept with the change stamp read before it was
/// computed (see <see cref="PageCaching.ChangeStamp"/>). A request that finds its key under the current stamp gets it;
/// one that finds it under an older stamp starts one recount in the background (never two at once for a key; a failed
/// one is logged and the next request starts another) and waits for it up to <see cref="FreshWithin"/>, then takes the
/// older value, marked <see cref="Shared{T}.Stale"/>; one that finds nothing computes synchronously (decision 0039). A stale value also marks the
/// request (<see cref="StaleCounts"/>) so that the page cache never stores a page built from it.
/// At most <see cref="Capacity"/> entries are kept: past it, the entries of the oldest stamps go first. An entry under
/// an older stamp stays until its own replacement is stored (it is what the next request after a change is served).
/// </summary>
public sealed partial class ChangeStampedCache
{
    /// <summary>Entries kept; past it, the entries of the oldest stamps are dropped (never the one just stored).</summary>
    public const int Capacity = 256;

    private readonly PageCaching.ChangeStamp _stamp;
    private readonly IServiceScopeFactory _scopes;
    private readonly IHttpContextAccessor _http;
    private readonly ILogger<ChangeStampedCache> _logger;
    private readonly CancellationToken _stopping;
    private readonly ConcurrentDictionary<string, (long Stamp, object Value)> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _recounts = new(StringComparer.Ordinal);

    internal ChangeStampedCache(
        PageCaching.ChangeStamp stamp, IServiceScopeFactory scopes, IHttpContextAccessor http, ILogger<ChangeStampedCache> logger, CancellationToken stopping)
    {
        _stamp = stamp;
        _scopes = scopes;
        _http = http;
        _logger = logger;
        _stopping = stopping;
    }

    /// <summary>
    /// The value of <paramref name="key"/> for the current stamp, or the one of an older stamp (marked stale) while
    /// it is recounted. <paramref name="compute"/> must read the database only through the context it is given: the
    /// request's (<paramref name="db"/>) when computed now, a context of its own when recounted after the response.
    /// With <paramref name="staleAllowed"/> false (a value that selects rows, not one that counts them), an older
    /// value is never returned: it is computed now, as when there is none.
    /// </summary>
    /// <param name="update">
    /// How a recount may bring the older value up to date instead of computing it anew (given the context and the older
    /// value); <paramref name="compute"/> when null.
    /// </param>
    public async Task<Shared<T>> GetAsync<T>(
        string key, KnowledgeBaseDbContext db, Func<KnowledgeBaseDbContext, CancellationToken, Task<T>> compute, CancellationToken cancellationToken, bool staleAllowed = true,
        Func<KnowledgeBaseDbContext, T, CancellationToken, Task<T>>? update = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        var stamp = await _stamp.ReadAsync(cancellationToken);
        if (_entries.TryGetValue(key, out var entry) && entry.Value is T held)
        {
            // A value stored under a newer stamp than this request read is at least as fresh as it asked for.
            if (entry.Stamp >= stamp) return new(held, false);
            if (staleAllowed)
            {
                // A recount that ends within FreshWithin (any at the seeds' size, most up to a few 100,000 claims) gives
                // exact counts: an editor sees the effect of the change just made. Past it, the older value.
                var recount = StartRecount(key, stamp, update is null ? compute : (context, ct) => update(context, held, ct));
                if (FreshWithin > TimeSpan.Zero && await Task.WhenAny(recount, Task.Delay(FreshWithin, cancellationToken)) == recount
                    && _entries.TryGetValue(key, out var recounted) && recounted.Stamp >= stamp && recounted.Value is T fresh)
                {
                    return new(fresh, false);
                }
                if (_http.HttpContext is { } http) StaleCounts.Mark(http);
                return new(held, true);
            }
        }
        var value = await compute(db, cancellationToken);
        Store(key, stamp, value);
        return new(value, false);
    }

    /// <summary>Completes when no recount is running (each one started before or while waiting): what tests and the warm-up wait for.</summary>
    public async Task RecountsFinishedAsync(CancellationToken cancellationToken = default)
    {
        while (_recounts.Values.ToList() is { Count: > 0 } running)
            await Task.WhenAll(running).WaitAsync(cancellationToken);
    }

    /// <summary>Whether a recount of <paramref name="key"/> is running.</summary>
    public bool IsRecounting(string key) => _recounts.ContainsKey(key);

    /// <summary>
    /// How long a request that found an older value waits for its recount before taking the older value (tests of the
    /// stale path set it to zero).
    /// </summary>
    internal TimeSpan FreshWithin { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The key's recount: the one running, or a new one started now in the background.</summary>
    private Task StartRecount<T>(string key, long stamp, Func<KnowledgeBaseDbContext, CancellationToken, Task<T>> compute)
        where T : class
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_recounts.TryAdd(key, done.Task)) return _recounts.TryGetValue(key, out var running) ? running : Task.CompletedTask;
        Run();
        return done.Task;

        // Not in the request's context: its DbContext, HttpContext and cancellation are gone once it has answered.
        void Run()
        {
            using var noFlow = ExecutionContext.SuppressFlow();
            _ = Task.Run(async () =>
            {
                try
                {
                    await using var scope = _scopes.CreateAsyncScope();
                    var value = await compute(scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>(), _stopping);
                    Store(key, stamp, value);
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                }
                catch (Exception ex)
                {
                    // The older entry stays (still marked stale); the next request for the key starts another recount.
                    LogRecountFailed(_logger, key, ex);
                }
                finally
                {
                    _recounts.TryRemove(key, out _);
                    done.TrySetResult();
                }
            }, CancellationToken.None);
        }
    }

    private void Store(string key, long stamp, object value)
    {
        // Never over a newer value (a slow computation that finishes after a quicker, later one).
        _entries.AddOrUpdate(key, (stamp, value), (_, held) => held.Stamp > stamp ? held : (stamp, value));
        var excess = _entries.Count - Capacity;
        if (excess <= 0) return;
        foreach (var old in _entries.Where(e => e.Key != key).OrderBy(e => e.Value.Stamp).Take(excess).ToList())
            _entries.TryRemove(old);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recounting {Key} after a change failed; the next request tries again")]
    private static partial void LogRecountFailed(ILogger logger, string key, Exception exception);
}

/// <summary>Marks a request served counts from before the latest change, so that its page is not kept in the page cache.</summary>
public static class StaleCounts
{
    private static readonly object Key = new();

    public static void Mark(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[Key] = true;
    }

    public static bool IsMarked(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.ContainsKey(Key);
    }
}

public static class ChangeStampedCacheExtensions
{
    /// <summary>Through <paramref name="cache"/> when there is one (the web app), computed afresh on <paramref name="db"/> when there is none (a query used alone).</summary>
    public static async Task<Shared<T>> SharedOrComputeAsync<T>(
        this ChangeStampedCache? cache, string key, KnowledgeBaseDbContext db, Func<KnowledgeBaseDbContext, CancellationToken, Task<T>> compute,
        CancellationToken cancellationToken, bool staleAllowed = true, Func<KnowledgeBaseDbContext, T, CancellationToken, Task<T>>? update = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        return cache is null ? new(await compute(db, cancellationToken), false) : await cache.GetAsync(key, db, compute, cancellationToken, staleAllowed, update);
    }
}
