namespace KnowledgeBase.Linking.Detection;

/// <summary>
/// A list of words and short phrases looked up in a sentence's lower-cased words: "heal*" matches every word
/// starting with "heal", "no cure" two words in a row. A dictionary lookup per word instead of a regex with dozens of
/// alternatives per character: the detector runs on every sentence of every import.
/// </summary>
internal sealed class WordCues
{
    private const int KeyLength = 3;
    private readonly Dictionary<string, List<string[]>> byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string[]>> byPrefixKey = new(StringComparer.Ordinal);

    public WordCues(string entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = entry.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var first = words[0];
            if (first.EndsWith('*'))
            {
                var stem = first[..^1];
                if (stem.Length < KeyLength) throw new ArgumentException($"the stem \"{first}\" is shorter than {KeyLength} letters", nameof(entries));
                Add(byPrefixKey, stem[..KeyLength], words);
            }
            else
            {
                Add(byWord, first, words);
            }
        }
    }

    /// <summary>Whether any entry occurs in <paramref name="words"/> (lower-cased, in order).</summary>
    public bool Matches(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        // Looked up by span: no substring and no closure per word (this runs for every word of every unit).
        var prefixes = byPrefixKey.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (byWord.TryGetValue(word, out var exact) && AnyRest(exact, words, i)) return true;
            if (word.Length >= KeyLength && prefixes.TryGetValue(word.AsSpan(0, KeyLength), out var stems) && AnyRest(stems, words, i)) return true;
        }
        return false;
    }

    /// <summary>The index of the first word at or after <paramref name="from"/> where an entry starts, or -1.</summary>
    public int IndexOfMatch(IReadOnlyList<string> words, int from = 0)
    {
        ArgumentNullException.ThrowIfNull(words);
        var prefixes = byPrefixKey.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = Math.Max(0, from); i < words.Count; i++)
        {
            var word = words[i];
            if (byWord.TryGetValue(word, out var exact) && AnyRest(exact, words, i)) return i;
            if (word.Length >= KeyLength && prefixes.TryGetValue(word.AsSpan(0, KeyLength), out var stems) && AnyRest(stems, words, i)) return i;
        }
        return -1;
    }

    private static bool AnyRest(List<string[]> entries, IReadOnlyList<string> words, int at)
    {
        foreach (var entry in entries)
        {
            if (Rest(entry, words, at)) return true;
        }
        return false;
    }

    private static bool Rest(string[] entry, IReadOnlyList<string> words, int at)
    {
        if (at + entry.Length > words.Count) return false;
        for (var k = 0; k < entry.Length; k++)
        {
            if (!WordMatches(entry[k], words[at + k])) return false;
        }
        return true;
    }

    private static bool WordMatches(string pattern, string word) =>
        pattern.EndsWith('*') ? word.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal) : pattern == word;

    private static void Add(Dictionary<string, List<string[]>> index, string key, string[] words)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(words);
    }
}
