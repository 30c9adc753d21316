using System.Collections.Concurrent;

namespace KnowledgeBase.Search;

/// <summary>
/// One search's ranking window per index, kept while that index is unchanged: for a query expression, the
/// expression the engine ran against the index (prefixes expanded into its own words) and the newest matches with
/// their scores (at most <see cref="SearchRequest.CountCap"/> + 1). Ranking those matches is most of a search's
/// cost on a large corpus (bm25 reads every matched word's whole list to weigh it), and it depends only on the
/// index: the same query, its next page or its tab of one kind then costs the shown hits' snippets alone. An entry
/// is used only under the version it was computed at (<see cref="RankedSearchEngine"/> asks the provider for the
/// index's version on each search), so a change by any writer is seen by the next search. One per app (a
/// singleton); entries are small (16 bytes a match, 16 KB at the cap) and at most <see cref="Capacity"/> are held.
/// </summary>
public sealed class SearchCandidateCache
{
    /// <summary>Entries held; past it, others than the one just stored are dropped.</summary>
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    internal sealed record Entry(string Version, string Expression, IReadOnlyList<RankedSearchEngine.Candidate> Candidates);

    private long _reused;

    /// <summary>Entries held now (for tests).</summary>
    public int Count => _entries.Count;

    /// <summary>Rankings answered from a kept entry so far (for tests).</summary>
    public long Reused => Interlocked.Read(ref _reused);

    internal Entry? Find(string key, string version)
    {
        if (!_entries.TryGetValue(key, out var entry) || !string.Equals(entry.Version, version, StringComparison.Ordinal)) return null;
        Interlocked.Increment(ref _reused);
        return entry;
    }

    internal void Store(string key, Entry entry)
    {
        _entries[key] = entry;
        if (_entries.Count <= Capacity) return;
        foreach (var extra in _entries.Keys.Where(k => k != key).Take(_entries.Count - Capacity).ToList())
            _entries.TryRemove(extra, out _);
    }
}
