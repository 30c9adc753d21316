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

    // The literals by their first two characters (ASCII, lower-cased, five bits of each: 1,024 slots that stay in the
    // cache), and the one-character literals by that character: a position of the sentence is looked up once, and only
    // the few literals filed under its slot are compared.
    private readonly int[]?[] byFirstTwo = new int[]?[1024];
    private readonly int[] singleAscii = [.. Enumerable.Repeat(-1, 128)];
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
        foreach (var (literal, id) in index)
        {
            literals[id] = literal;
            if (literal.Length == 1)
            {
                if (char.IsAscii(literal[0])) singleAscii[literal[0]] = id;
                else singleOther[literal[0]] = id;
                continue;
            }
            if (!char.IsAscii(literal[0]) || !char.IsAscii(literal[1]) || literal.Any(char.IsWhiteSpace))
                throw new ArgumentException($"the anchor \"{literal}\" must start with two ASCII characters and hold no white space", nameof(entries));
            var slot = Slot(literal[0], literal[1]);
            byFirstTwo[slot] = [.. byFirstTwo[slot] ?? [], id];
        }
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
        var next = text.Length > 0 ? Fold(text[0]) : '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = next;
            next = i + 1 < text.Length ? Fold(text[i + 1]) : '\0';
            if (char.IsAsciiDigit(c)) digits++;
            var one = c < 128 ? singleAscii[c] : singleOther.GetValueOrDefault(c, -1);
            if (one >= 0) found[one >> 6] |= 1UL << one;
            if (c >= 128 || next >= 128 || byFirstTwo[Slot(c, next)] is not { } candidates) continue;
            foreach (var id in candidates)
            {
                if ((found[id >> 6] & (1UL << id)) == 0 && StartsWith(text, i, literals[id])) found[id >> 6] |= 1UL << id;
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

    private static int Slot(char first, char second) => (first & 31) << 5 | (second & 31);

    /// <summary>ASCII letters in lower case; every other character as it is.</summary>
    private static char Fold(char c) => char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;

    /// <summary>Whether <paramref name="literal"/> (lower case) starts at <paramref name="at"/> in <paramref name="text"/>, ASCII letters in either case.</summary>
    private static bool StartsWith(ReadOnlySpan<char> text, int at, string literal)
    {
        if (at + literal.Length > text.Length) return false;
        for (var k = 0; k < literal.Length; k++)
        {
            if (Fold(text[at + k]) != literal[k]) return false;
        }
        return true;
    }

    /// <summary>Whether pattern <paramref name="pattern"/> matches <paramref name="text"/>, given the text's <see cref="Scan"/> result.</summary>
    public bool IsMatch(int pattern, string text, ulong mask) => (mask & (1UL << pattern)) != 0 && patterns[pattern].IsMatch(text);
}
