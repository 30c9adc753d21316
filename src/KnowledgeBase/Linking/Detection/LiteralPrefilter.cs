using System.Buffers;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Linking.Detection;

/// <summary>
/// A cheap proof that a cue's regex cannot match a sentence, so the regex is not run. Each regex is given the literals
/// that every one of its matches must contain (its anchors); one pass over the sentence finds which anchors occur, and
/// a regex none of whose alternatives is satisfied is skipped. The regex stays the definition: the prefilter only
/// ever skips a regex that could not have matched, so the detector's output is the same with or without it
/// (docs/decisions/0045-cue-prefilters.md; LiteralPrefilterTests guard every anchor list against its regex).
/// </summary>
/// <remarks>
/// <para>Anchor syntax: alternatives separated by <c>|</c>, each a list of terms separated by a space that must all occur.
/// A term is a literal, found case-insensitively anywhere in the sentence (inside words too), or <c>#</c> / <c>#N</c>: at
/// least one / N ASCII digits. <c>"fold | # of"</c>: "fold" occurs, or a digit and "of" both do.</para>
/// <para>Case: the regexes are IgnoreCase and CultureInvariant, and the regex engine also matches an ASCII letter
/// to a few other characters (the Kelvin sign for "k", the long s for "s", the dotted and dotless i). A sentence
/// holding one of those is never prefiltered: every regex runs.</para>
/// </remarks>
internal sealed class LiteralPrefilter
{
    /// <summary>Characters outside ASCII that an IgnoreCase, CultureInvariant regex may match to an ASCII letter.</summary>
    internal const string AsciiLetterLookalikes = "\u0130\u0131\u017F\u212A";

    private static readonly SearchValues<char> Lookalikes = SearchValues.Create(AsciiLetterLookalikes);

    private readonly Regex[] patterns;
    private readonly string[] literals;

    // The ASCII literals as one Aho-Corasick automaton over the lower-cased sentence: one table step a character finds
    // every literal ending there. Characters no literal holds share symbol 0 (back to the start). A literal of one
    // character outside ASCII ("©", "€") is looked up only at such characters.
    private readonly byte[] symbolOf = new byte[128];
    private readonly int symbols;
    private readonly ushort[] next;
    private readonly int[]?[] endingAt;
    private readonly Dictionary<char, int> singleOther = [];

    // Per pattern, its alternatives; per alternative, the literal indexes and the least count of digits it needs.
    private readonly (int[] Literals, int Digits)[]?[] alternatives;

    /// <summary>Builds the prefilter over <paramref name="entries"/>: each regex with its anchors, null for a regex that is always run (at most 64 entries).</summary>
    public LiteralPrefilter(IReadOnlyList<(Regex Pattern, string? Anchors)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count > 64) throw new ArgumentException("at most 64 patterns", nameof(entries));
        patterns = [.. entries.Select(e => e.Pattern)];
        Anchors = [.. entries.Select(e => e.Anchors)];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        alternatives = new (int[], int)[]?[entries.Count];
        for (var p = 0; p < entries.Count; p++)
        {
            if (entries[p].Anchors is null) continue;
            alternatives[p] = [.. entries[p].Anchors!.Split('|', StringSplitOptions.TrimEntries).Select(alternative =>
            {
                var terms = alternative.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (terms.Length == 0) throw new ArgumentException($"an empty alternative in \"{entries[p].Anchors}\"", nameof(entries));
                var digits = 0;
                var ids = new List<int>();
                foreach (var term in terms)
                {
                    if (term[0] == '#')
                    {
                        digits = Math.Max(digits, term.Length == 1 ? 1 : int.Parse(term.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture));
                        continue;
                    }
                    var literal = term.ToLowerInvariant();
                    if (!index.TryGetValue(literal, out var id)) index[literal] = id = index.Count;
                    ids.Add(id);
                }
                return (ids.ToArray(), digits);
            })];
        }
        literals = new string[index.Count];
        foreach (var (literal, id) in index) literals[id] = literal;
        (symbols, next, endingAt) = BuildAutomaton(entries);
    }

    private (int Symbols, ushort[] Next, int[]?[] EndingAt) BuildAutomaton(IReadOnlyList<(Regex Pattern, string? Anchors)> entries)
    {
        var symbolCount = 1;
        var trie = new List<Dictionary<int, int>> { new() };
        var outputs = new List<List<int>> { new() };
        for (var id = 0; id < literals.Length; id++)
        {
            var literal = literals[id];
            if (literal.Length == 1 && !char.IsAscii(literal[0]))
            {
                singleOther[literal[0]] = id;
                continue;
            }
            if (!literal.All(char.IsAscii) || literal.Any(char.IsWhiteSpace))
                throw new ArgumentException($"the anchor \"{literal}\" must be ASCII without white space (or one character)", nameof(entries));
            var state = 0;
            foreach (var c in literal)
            {
                if (symbolOf[c] == 0)
                {
                    symbolOf[c] = checked((byte)symbolCount++);
                    if (char.IsAsciiLetterLower(c)) symbolOf[char.ToUpperInvariant(c)] = symbolOf[c];
                }
                if (!trie[state].TryGetValue(symbolOf[c], out var child))
                {
                    child = trie.Count;
                    trie.Add([]);
                    outputs.Add([]);
                    trie[state][symbolOf[c]] = child;
                }
                state = child;
            }
            outputs[state].Add(id);
        }

        // Breadth first: each state's failure (its longest proper suffix that is a state) is complete before its children.
        var table = new ushort[checked(trie.Count * symbolCount)];
        var failure = new int[trie.Count];
        var queue = new Queue<int>();
        for (var symbol = 1; symbol < symbolCount; symbol++)
        {
            if (trie[0].TryGetValue(symbol, out var child))
            {
                table[symbol] = checked((ushort)child);
                queue.Enqueue(child);
            }
        }
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            outputs[state].AddRange(outputs[failure[state]]);
            for (var symbol = 1; symbol < symbolCount; symbol++)
            {
                if (trie[state].TryGetValue(symbol, out var child))
                {
                    failure[child] = table[failure[state] * symbolCount + symbol];
                    table[state * symbolCount + symbol] = checked((ushort)child);
                    queue.Enqueue(child);
                }
                else
                {
                    table[state * symbolCount + symbol] = table[failure[state] * symbolCount + symbol];
                }
            }
        }
        return (symbolCount, table, [.. outputs.Select(o => o.Count == 0 ? null : o.Distinct().ToArray())]);
    }

    /// <summary>The number of patterns.</summary>
    public int Count => patterns.Length;

    /// <summary>Each pattern's anchors as given.</summary>
    public IReadOnlyList<string?> Anchors { get; }

    /// <summary>The patterns.</summary>
    public IReadOnlyList<Regex> Patterns => patterns;

    /// <summary>Which patterns may match <paramref name="text"/>: bit k set when pattern k's anchors are satisfied (or the text cannot be prefiltered).</summary>
    public ulong Scan(ReadOnlySpan<char> text)
    {
        if (text.ContainsAny(Lookalikes)) return patterns.Length == 64 ? ulong.MaxValue : (1UL << patterns.Length) - 1;
        Span<ulong> found = stackalloc ulong[(literals.Length + 63) / 64];
        found.Clear();
        var digits = 0;
        var state = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c)) digits++;
            if (c >= 128)
            {
                state = 0;
                if (singleOther.Count > 0 && singleOther.TryGetValue(c, out var other)) found[other >> 6] |= 1UL << other;
                continue;
            }
            state = next[state * symbols + symbolOf[c]];
            if (endingAt[state] is { } ids)
            {
                foreach (var id in ids) found[id >> 6] |= 1UL << id;
            }
        }

        var mask = 0UL;
        for (var p = 0; p < alternatives.Length; p++)
        {
            if (alternatives[p] is not { } either)
            {
                mask |= 1UL << p;
                continue;
            }
            foreach (var (ids, needDigits) in either)
            {
                if (digits < needDigits) continue;
                var satisfied = true;
                foreach (var id in ids)
                {
                    if ((found[id >> 6] & (1UL << id)) == 0)
                    {
                        satisfied = false;
                        break;
                    }
                }
                if (satisfied)
                {
                    mask |= 1UL << p;
                    break;
                }
            }
        }
        return mask;
    }

    /// <summary>Whether pattern <paramref name="pattern"/> matches <paramref name="text"/>, given the text's <see cref="Scan"/> result.</summary>
    public bool IsMatch(int pattern, string text, ulong mask) => (mask & (1UL << pattern)) != 0 && patterns[pattern].IsMatch(text);
}
