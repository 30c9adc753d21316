using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    // The alternatives inverted, for the scan: per literal, the alternatives that hold it; per alternative (numbered
    // across patterns), its pattern, how many distinct literals it holds and the digits it needs. A sentence finds a
    // few literals of hundreds, so the scan counts only the alternatives its literals are in.
    private readonly int[][] alternativesOf;
    private readonly int[] alternativePattern;
    private readonly byte[] alternativeLiterals;
    private readonly int[] alternativeDigits;
    private readonly (int Pattern, int Digits)[] digitsOnly;
    private readonly ulong unanchored;

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

        var holding = Enumerable.Range(0, literals.Length).Select(_ => new List<int>()).ToArray();
        var patternOf = new List<int>();
        var literalCounts = new List<byte>();
        var digitCounts = new List<int>();
        var onlyDigits = new List<(int, int)>();
        for (var p = 0; p < alternatives.Length; p++)
        {
            if (alternatives[p] is not { } either)
            {
                unanchored |= 1UL << p;
                continue;
            }
            foreach (var (ids, digits) in either)
            {
                var distinct = ids.Distinct().ToArray();
                if (distinct.Length == 0)
                {
                    onlyDigits.Add((p, digits));
                    continue;
                }
                foreach (var id in distinct) holding[id].Add(patternOf.Count);
                patternOf.Add(p);
                literalCounts.Add(checked((byte)distinct.Length));
                digitCounts.Add(digits);
            }
        }
        alternativesOf = [.. holding.Select(h => h.ToArray())];
        alternativePattern = [.. patternOf];
        alternativeLiterals = [.. literalCounts];
        alternativeDigits = [.. digitCounts];
        digitsOnly = [.. onlyDigits];
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
        // Each literal found, once, in the order found.
        Span<int> foundIds = stackalloc int[literals.Length];
        var foundCount = 0;
        var digits = 0;
        var state = 0;
        // The automaton's tables read without bounds checks: a state is always one of the table's (every entry of next
        // is a state), and a character below 128 always has a symbol, so every index below is in range by construction.
        ref var table = ref MemoryMarshal.GetArrayDataReference(next);
        ref var symbolTable = ref MemoryMarshal.GetArrayDataReference(symbolOf);
        ref var outputs = ref MemoryMarshal.GetArrayDataReference(endingAt);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            digits += char.IsAsciiDigit(c) ? 1 : 0;
            if (c >= 128)
            {
                state = 0;
                if (singleOther.Count > 0 && singleOther.TryGetValue(c, out var other)) Found(found, foundIds, ref foundCount, other);
                continue;
            }
            state = Unsafe.Add(ref table, state * symbols + Unsafe.Add(ref symbolTable, c));
            if (Unsafe.Add(ref outputs, state) is { } ids)
            {
                foreach (var id in ids) Found(found, foundIds, ref foundCount, id);
            }
        }

        // A pattern may match when one of its alternatives has all its literals and digits: count, per alternative,
        // the literals found that it holds.
        var mask = unanchored;
        foreach (var (pattern, needDigits) in digitsOnly)
        {
            if (digits >= needDigits) mask |= 1UL << pattern;
        }
        if (foundCount == 0) return mask;
        Span<byte> counts = stackalloc byte[alternativePattern.Length];
        counts.Clear();
        foreach (var id in foundIds[..foundCount])
        {
            foreach (var alternative in alternativesOf[id])
            {
                if (++counts[alternative] == alternativeLiterals[alternative] && digits >= alternativeDigits[alternative]) mask |= 1UL << alternativePattern[alternative];
            }
        }
        return mask;
    }

    private static void Found(Span<ulong> found, Span<int> foundIds, ref int foundCount, int id)
    {
        var bit = 1UL << id;
        if ((found[id >> 6] & bit) != 0) return;
        found[id >> 6] |= bit;
        foundIds[foundCount++] = id;
    }

    /// <summary>Whether pattern <paramref name="pattern"/> matches <paramref name="text"/>, given the text's <see cref="Scan"/> result.</summary>
    public bool IsMatch(int pattern, string text, ulong mask) => (mask & (1UL << pattern)) != 0 && patterns[pattern].IsMatch(text);
}
