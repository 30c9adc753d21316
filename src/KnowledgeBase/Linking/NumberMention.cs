using System.Globalization;
using System.Text.RegularExpressions;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Linking;

/// <summary>What a number in text counts.</summary>
public enum NumberKind
{
    /// <summary>A count of something: "67 patients", "6 clinical trials", "5 out of 9".</summary>
    Count,

    /// <summary>"70%", "25 percent".</summary>
    Percent,

    /// <summary>"26 days", "6-month"; <see cref="NumberMention.Unit"/> holds the unit.</summary>
    Duration,
}

/// <summary>
/// A number in text that could tie a claim to a study. Left out: numbers below
/// <see cref="SmallestCounted"/>, years, decimals, numbers inside identifiers, URLs and words ("SOD1", "IL10"),
/// powers ("10^6") and amounts in units (mg, cells, -fold).
/// </summary>
public sealed partial record NumberMention(int Value, NumberKind Kind, string? Unit, string Label, int Index, bool CountsPeople)
{
    /// <summary>1, 2 and 3 are everywhere ("two injections", "3 months") and say nothing about which study is meant.</summary>
    public const int SmallestCounted = 4;

    private static readonly Dictionary<string, string> DurationUnits = new(StringComparer.Ordinal)
    {
        ["day"] = "day", ["days"] = "day", ["week"] = "week", ["weeks"] = "week", ["month"] = "month", ["months"] = "month",
        ["year"] = "year", ["years"] = "year", ["hour"] = "hour", ["hours"] = "hour", ["minute"] = "minute", ["minutes"] = "minute",
    };

    private static readonly HashSet<string> IgnoredUnits = new(StringComparer.Ordinal)
    {
        "mg", "ml", "kg", "g", "mm", "cm", "cells", "cell", "million", "billion", "x", "times", "fold", "point", "points", "ng", "pg", "µg", "ug",
    };

    private static readonly HashSet<string> PeopleNouns = new(StringComparer.Ordinal)
    {
        "patients", "participants", "people", "subjects", "individuals", "volunteers", "persons", "cases", "men", "women", "adults",
        "children", "controls", "clinicians", "members",
    };

    private static readonly HashSet<string> OtherCountNouns = new(StringComparer.Ordinal)
    {
        "trials", "studies", "rcts", "centres", "centers", "sites", "injections", "treatments", "doses",
    };

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11,
        ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    /// <summary>
    /// The numbers in <paramref name="text"/>. With <paramref name="numberWords"/>, spelt-out numbers count
    /// too, but only before a noun of people ("nine patients").
    /// </summary>
    public static IReadOnlyList<NumberMention> FindAll(string? text, bool numberWords = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var cleaned = IgnoredSpanPattern().Replace(text, m => new string(' ', m.Length));
        var found = new List<NumberMention>();

        foreach (Match m in DigitsPattern().Matches(cleaned))
        {
            var digits = m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal);
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) continue;
            if (value < SmallestCounted) continue;

            var after = cleaned[(m.Index + m.Length)..];
            if (m.Groups["pct"].Success)
            {
                found.Add(new NumberMention(value, NumberKind.Percent, null, m.Value.Trim(), m.Index, false));
                continue;
            }

            var (words, noun, counted) = FollowingWords(after);
            var first = words.Count > 0 ? words[0] : "";
            if (DurationUnits.TryGetValue(first, out var unit))
            {
                found.Add(new NumberMention(value, NumberKind.Duration, unit, $"{m.Groups["n"].Value} {words[0]}", m.Index, false));
                continue;
            }

            if (IgnoredUnits.Contains(first)) continue;
            var isYear = digits.Length == 4 && value is >= 1900 and <= 2099;
            if (isYear && !string.Equals(first, noun, StringComparison.Ordinal)) continue;
            found.Add(new NumberMention(value, NumberKind.Count, null, LabelFor(m.Groups["n"].Value, after, noun), m.Index, counted));
        }

        if (numberWords)
        {
            foreach (Match m in NumberWordPattern().Matches(cleaned))
            {
                var after = cleaned[(m.Index + m.Length)..];
                var (_, noun, counted) = FollowingWords(after);
                if (!counted) continue;
                var value = NumberWords[m.Value.ToLowerInvariant()];
                found.Add(new NumberMention(value, NumberKind.Count, null, LabelFor(m.Value, after, noun), m.Index, true));
            }
        }

        return found.OrderBy(n => n.Index).ToList();
    }

    /// <summary>Up to three words after a number, the first count noun among them, and whether it counts people.</summary>
    private static (List<string> Words, string? Noun, bool People) FollowingWords(string after)
    {
        var words = new List<string>();
        foreach (Match w in FollowingWordPattern().Matches(after))
        {
            words.Add(w.Groups["w"].Value.ToLowerInvariant());
            if (words.Count == 3) break;
        }

        foreach (var word in words)
        {
            if (PeopleNouns.Contains(word)) return (words, word, true);
            if (OtherCountNouns.Contains(word)) return (words, word, false);
        }

        return (words, null, false);
    }

    private static string LabelFor(string number, string after, string? noun)
    {
        if (noun is null) return number;
        var end = after.IndexOf(noun, StringComparison.OrdinalIgnoreCase);
        var between = WhitespacePattern().Replace(after[..(end + noun.Length)], " ").Trim();
        return $"{number} {between}";
    }

    /// <summary>A short quotation of <paramref name="text"/> around <paramref name="index"/>, cut at clause punctuation.</summary>
    public static string Snippet(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        const int reach = 60;
        var start = index;
        while (start > 0 && index - start < reach && !IsClauseBreak(text[start - 1])) start--;
        var end = index;
        while (end < text.Length && end - index < reach && !IsClauseBreak(text[end])) end++;
        var snippet = WhitespacePattern().Replace(text[start..end], " ").Trim();
        return (start > 0 && !IsClauseBreak(text[start - 1]) ? "…" : "") + snippet + (end < text.Length && !IsClauseBreak(text[end]) ? "…" : "");
    }

    private static bool IsClauseBreak(char c) => c is ';' or ',' or '(' or ')' or '|' or ':' or '\n' or '.';

    /// <summary>Identifiers, addresses and powers whose digits are not quantities.</summary>
    [GeneratedRegex(@"\bNCT\s?[0-9]{8}\b|\bPMID\s*:?\s*[0-9]+|\bPMC\s?[0-9]+|\b10\.[0-9]{4,9}/\S+|https?://\S+|\bwww\.\S+|\b[0-9]+\s*\^\s*-?[0-9]+|\b[0-9]+(?:\.[0-9]+)?\s*[x×]\s*10\S*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IgnoredSpanPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}.,/^=<>±+\-−])(?<n>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?![.,][0-9]|\p{L}|[0-9])(?<pct>\s*(?:%|percent\b))?", RegexOptions.CultureInvariant)]
    private static partial Regex DigitsPattern();

    [GeneratedRegex(@"\b(?:four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberWordPattern();

    [GeneratedRegex(@"\G[\s\-–]*(?<w>\p{L}+)", RegexOptions.CultureInvariant)]
    private static partial Regex FollowingWordPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespacePattern();
}
