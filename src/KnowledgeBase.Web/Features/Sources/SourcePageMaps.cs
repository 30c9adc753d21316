using System.Collections.Concurrent;

namespace KnowledgeBase.Web.Features.Sources;

/// <summary>The pages of one version of a long source's text, and where each starts in code points (what SQL's substring counts).</summary>
public sealed record SourcePageMap(int TextLength, IReadOnlyList<TextPage> Pages, IReadOnlyList<int> CodePointStarts, IReadOnlyList<int> CodePointLengths)
{
    public static SourcePageMap Of(string text, int pageChars = SourcePages.PageChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pages = SourcePages.Split(text, pageChars);
        var starts = new int[pages.Count];
        var lengths = new int[pages.Count];
        var codePoints = 0;
        var at = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            // Claims' offsets count UTF-16 units; SQLite's substr and PostgreSQL's substring count characters.
            for (; at < pages[i].Start; at++) if (!IsSecondHalf(text, at)) codePoints++;
            starts[i] = codePoints;
        }
        for (var i = 0; i < pages.Count; i++)
        {
            var end = i + 1 < pages.Count ? starts[i + 1] : starts[i] + CountCodePoints(text, pages[i].Start, pages[i].End);
            lengths[i] = end - starts[i];
        }
        return new(text.Length, pages, starts, lengths);
    }

    private static bool IsSecondHalf(string text, int at) => at > 0 && char.IsLowSurrogate(text[at]) && char.IsHighSurrogate(text[at - 1]);

    private static int CountCodePoints(string text, int from, int to)
    {
        var count = 0;
        for (var at = from; at < to; at++) if (!IsSecondHalf(text, at)) count++;
        return count;
    }
}

/// <summary>
/// Page maps of long sources, so that showing a page reads only that page's text from the database:
/// the whole text is read once per version of a source (concurrent first requests share the read).
/// Keyed by the source and its text's length and hash; at most <see cref="MaxEntries"/> are kept.
/// </summary>
public sealed class SourcePageMaps
{
    public const int MaxEntries = 64;

    private readonly ConcurrentDictionary<(int Id, string Hash, int Length), Lazy<Task<SourcePageMap>>> _maps = new();

    public async Task<SourcePageMap> GetAsync(int sourceId, string contentHash, int codePointLength, Func<Task<string>> readText)
    {
        ArgumentNullException.ThrowIfNull(readText);
        if (_maps.Count >= MaxEntries) _maps.Clear();
        var key = (sourceId, contentHash, codePointLength);
        var entry = _maps.GetOrAdd(key, _ => new Lazy<Task<SourcePageMap>>(async () => SourcePageMap.Of(await readText())));
        try
        {
            return await entry.Value;
        }
        catch
        {
            _maps.TryRemove(key, out _); // a failed read (a cancelled request) is not kept
            throw;
        }
    }
}
