namespace KnowledgeBase.Linking.Detection;

/// <summary>
/// A list of words and short phrases looked up in a sentence's lower-cased words: "heal*" matches every word
/// starting with "heal", "no cure" two words in a row. A dictionary lookup per word instead of a regex with dozens of
/// alternatives per character: the detector runs on every sentence of every import.
/// </summary>
internal sealed class WordCues
{
    internal const int KeyLength = 3;
    private readonly Dictionary<string, List<string[]>> byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string[]>> byPrefixKey = new(StringComparer.Ordinal);

    public WordCues(string entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = entry.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (key, isPrefix) = KeyOf(words);
            Add(isPrefix ? byPrefixKey : byWord, key, words);
        }
    }

    /// <summary>Every entry, split into its words ("heal*", "no cure" as ["no", "cure"]).</summary>
    internal IEnumerable<string[]> Entries => byWord.Values.Concat(byPrefixKey.Values).SelectMany(list => list);

    /// <summary>An entry's lookup key: its first word, or the first <see cref="KeyLength"/> letters of a stem ("heal*").</summary>
    internal static (string Key, bool IsPrefix) KeyOf(string[] words)
    {
        var first = words[0];
        if (!first.EndsWith('*')) return (first, false);
        var stem = first[..^1];
        if (stem.Length < KeyLength) throw new ArgumentException($"the stem \"{first}\" is shorter than {KeyLength} letters", nameof(words));
        return (stem[..KeyLength], true);
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

    internal static bool Rest(string[] entry, IReadOnlyList<string> words, int at)
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

/// <summary>
/// Several <see cref="WordCues"/> looked up in one pass over a sentence's words: two dictionary lookups a word for all of
/// them, instead of two a word for each. <see cref="Match"/>'s bit k is exactly <c>cues[k].Matches(words)</c>.
/// </summary>
internal sealed class WordCueSet
{
    private readonly Dictionary<string, (int Cue, string[] Entry)[]> byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Cue, string[] Entry)[]> byPrefixKey = new(StringComparer.Ordinal);
    private readonly WordCues[] cues;

    /// <summary>The set of <paramref name="cues"/> (at most 64).</summary>
    public WordCueSet(params WordCues[] cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        if (cues.Length > 64) throw new ArgumentException("at most 64 cues", nameof(cues));
        this.cues = cues;
        var words = new Dictionary<string, List<(int, string[])>>(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, List<(int, string[])>>(StringComparer.Ordinal);
        for (var c = 0; c < cues.Length; c++)
        {
            foreach (var entry in cues[c].Entries)
            {
                var (key, isPrefix) = WordCues.KeyOf(entry);
                var index = isPrefix ? prefixes : words;
                if (!index.TryGetValue(key, out var list)) index[key] = list = [];
                list.Add((c, entry));
            }
        }
        foreach (var (key, list) in words) byWord[key] = [.. list];
        foreach (var (key, list) in prefixes) byPrefixKey[key] = [.. list];
    }

    /// <summary>The bit of <paramref name="cue"/> in <see cref="Match"/>'s result.</summary>
    public int IndexOf(WordCues cue) => Array.IndexOf(cues, cue);

    /// <summary>Bit k set when cue k occurs in <paramref name="words"/> (lower-cased, in order).</summary>
    public ulong Match(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var prefixes = byPrefixKey.GetAlternateLookup<ReadOnlySpan<char>>();
        var found = 0UL;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (byWord.TryGetValue(word, out var exact)) found = Add(found, exact, words, i);
            if (word.Length >= WordCues.KeyLength && prefixes.TryGetValue(word.AsSpan(0, WordCues.KeyLength), out var stems)) found = Add(found, stems, words, i);
        }
        return found;
    }

    private static ulong Add(ulong found, (int Cue, string[] Entry)[] entries, IReadOnlyList<string> words, int at)
    {
        foreach (var (cue, entry) in entries)
        {
            if ((found & (1UL << cue)) == 0 && WordCues.Rest(entry, words, at)) found |= 1UL << cue;
        }
        return found;
    }
}
