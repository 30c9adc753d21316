using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Interchange.Writing;

/// <summary>
/// The CSL processing rules <see cref="CitationFormatter"/> shares between its styles, written after what the CSL
/// specification says and citeproc-js does: page ranges (<c>page-range-format</c>), years before 500 and before
/// Christ, numeric values (<c>is-numeric</c>), title case, and the inline markup CSL allows in titles.
/// </summary>
internal static partial class CslText
{
    /// <summary>
    /// A given name as citeproc-js initialises it for a style with <c>initialize-with=""</c> and
    /// <c>initialize-with-hyphen="false"</c> (both the Vancouver and the AMA files): each word gives its first letter, and
    /// a capital run after it when the word goes on in lower case ("MEmre" gives "Me"); a word abbreviated with a period
    /// is kept ("Yu." gives "Yu"); hyphens part words ("Jean-Pierre" gives "JP"); a word that starts with no capital
    /// ("van", "1", "(William") is kept whole after a space; a name that does not start with a Latin, Greek, Cyrillic,
    /// Hebrew, Arabic or Thai letter is printed as it is. Ported from citeproc-js's <c>initializeWith</c> and
    /// <c>doInitialize</c>, and checked against it by <c>check-styles</c>.
    /// </summary>
    public static string Initialize(string given)
    {
        ArgumentNullException.ThrowIfNull(given);
        if (given is "Lord" or "Lady" || !StartsRomanesque().IsMatch(given)) return given;
        var name = MultipleSpaces().Replace(given.Replace('-', ' '), " ");
        // "E.B." is read as "E. B.": a period not followed by a space gets one.
        var spaced = new StringBuilder(name);
        for (var i = spaced.Length - 2; i >= 0; i--)
        {
            if (spaced[i] == '.' && spaced[i + 1] != ' ') spaced.Insert(i + 1, ' ');
        }

        var words = NameSeparator().Split(spaced.ToString());
        var separators = NameSeparator().Matches(spaced.ToString()).Select(m => m.Value).ToList();
        if (words.Length == 1)
        {
            var tail = words[0][(words[0].LastIndexOf('.') + 1)..];
            if (tail.Length == 1 && char.ToLowerInvariant(tail[0]) != tail[0]) words[0] += ".";
        }

        var output = new StringBuilder();
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var separator = i < separators.Count ? separators[i] : "";
            var m = NameInitial().Match(word);
            if (word.Length > 0 && m.Success && char.ToUpperInvariant(m.Groups[1].Value[0]) == m.Groups[1].Value[0])
            {
                var first = m.Groups[1].Value;
                var rest = m.Groups[2].Value;
                if (rest.Length > 0 && m.Groups[3].Success)
                {
                    first += rest;
                    rest = "";
                }

                var capitals = new string(rest.TakeWhile(c => char.ToUpperInvariant(c) == c).ToArray());
                output.Append(first).Append(capitals.Length < rest.Length ? capitals.ToLowerInvariant() : "");
                // The terminator ("") replaces the separator after an initial.
                continue;
            }

            output.Append(word.Length > 0 && Romanesque().IsMatch(word) && !(m.Success && m.Groups[3].Success) ? " " + word : word).Append(separator);
        }

        return MultipleSpaces().Replace(output.ToString().Trim(), " ");
    }

    private const string Letters = "a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e";

    [GeneratedRegex("^[&" + Letters + "]", RegexOptions.CultureInvariant)]
    private static partial Regex StartsRomanesque();

    [GeneratedRegex("[-0-9" + Letters + "]", RegexOptions.CultureInvariant)]
    private static partial Regex Romanesque();

    [GeneratedRegex("^([A-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u042f\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff\u0370\u0372\u0376\u0386\u0388-\u03ab\u03e2\u03e4\u03e6\u03e8\u03ea\u03ec\u03ee\u03f4\u03f7\u03fd-\u03ff])([a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff\u1f00-\u1fff]*|)(\\.)*", RegexOptions.CultureInvariant)]
    private static partial Regex NameInitial();

    [GeneratedRegex("[-\\s]+", RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparator();

    [GeneratedRegex("\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex MultipleSpaces();

    /// <summary>
    /// A page value as CSL prints it (checked against citeproc-js). Each range of the value ("411-436, 701-723" has
    /// two) whose ends are numbers, both with the same letter before them or neither ("S723-S726", "337-44", "12a-15a"),
    /// is joined by <paramref name="delimiter"/>; a second number shorter than the first is completed from it
    /// ("2345-9" is 2345 to 2349). With <paramref name="minimal"/> the second number keeps only the characters that
    /// change and drops the repeated letter ("S723–6", "337–44", "98–102", "12a–5a"); otherwise it is written in full
    /// ("2345-2349", "K201-K204"). A range that does not rise ("512-512") is kept in full with the delimiter; anything
    /// else ("e2294", "C1-4", "S723-726", "Not-Given", "17-29,151-152", "215--230") is printed as it is. A value
    /// with no letter or digit ("-") prints nothing.
    /// </summary>
    public static string? PageRange(string? pages, bool minimal, string delimiter)
    {
        var text = WriterText.Clean(pages);
        if (text is null || !text.Any(char.IsLetterOrDigit)) return null;
        var parts = ListSeparator().Split(text);
        for (var i = 0; i < parts.Length; i += 2) parts[i] = Range(parts[i], minimal, delimiter);
        return string.Concat(parts);
    }

    private static string Range(string segment, bool minimal, string delimiter)
    {
        var m = SimpleRange().Match(segment);
        if (!m.Success) return segment;
        var (prefix, first, endPrefix, last) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value);
        // citeproc-js leaves a range alone unless both ends carry the same letter or neither does ("C1-4" stays).
        if (endPrefix != prefix) return segment;
        var unchanged = prefix + first + delimiter + endPrefix + last;
        var full = last.Length < first.Length ? first[..(first.Length - last.Length)] + last : last;
        if (!(LeadingNumber(first) < LeadingNumber(full))) return unchanged;
        if (!minimal) return prefix + first + delimiter + prefix + full;
        var same = 0;
        if (first.Length == full.Length)
            while (same < full.Length && first[same] == full[same]) same++;
        return prefix + first + delimiter + full[same..];
    }

    private static decimal LeadingNumber(string text) =>
        decimal.Parse(text.AsSpan(0, text.TakeWhile(char.IsAsciiDigit).Count()), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(,\s+|\s+&\s+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"^([A-Za-z]?)([0-9]{1,18}[a-z]*)\s*[-–]\s*([A-Za-z]?)([0-9]{1,18}[a-z]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleRange();

    /// <summary>A year as CSL dates print it: "2016", "42 AD" (years 1 to 499), "250 BC" (before year 1).</summary>
    public static string Year(int year) => year switch
    {
        < 0 => (-year).ToString(CultureInfo.InvariantCulture) + " BC",
        > 0 and < 500 => year.ToString(CultureInfo.InvariantCulture) + " AD",
        _ => year.ToString(CultureInfo.InvariantCulture),
    };

    private static readonly string[] LongMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>The en-US "text" date form: "March 3, 2016", "March 2016", "2016"; null without a year.</summary>
    public static string? TextDate(BibRecord record)
    {
        if (record.Year is not { } year) return null;
        if (record.Month is not (>= 1 and <= 12)) return Year(year);
        var month = LongMonths[record.Month.Value - 1];
        return record.Day is >= 1 and <= 31
            ? month + " " + record.Day.Value.ToString(CultureInfo.InvariantCulture) + ", " + Year(year)
            : month + " " + Year(year);
    }

    /// <summary>
    /// CSL's <c>is-numeric</c>: numbers, each optionally with letters before or after ("12", "S2", "12a"), alone or
    /// as a range or list ("1-2", "3, 5", "4 &amp; 6"). "I", "Spring" and "WXYZ-12-3" are not numeric.
    /// </summary>
    public static bool IsNumeric(string? value)
    {
        var text = WriterText.Clean(value);
        return text is not null && NumericValue().IsMatch(text);
    }

    [GeneratedRegex(@"^[A-Za-z]?[0-9]+[A-Za-z]*(\s*([-–,&]|and)\s*[A-Za-z]?[0-9]+[A-Za-z]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericValue();

    /// <summary>
    /// CSL's <c>text-case="title"</c> for English: a word written all in lower case gets a capital first letter,
    /// unless it is a short function word ("of", "and", "the"...) that is neither the first word nor the first after
    /// a colon, nor the last word; words already holding a capital ("mRNA", "NCT", "McDonald") are left alone. As
    /// citeproc-js does, a lower-case letter after a period, question mark or closing parenthesis inside a word starts
    /// a word too ("Merriam-Webster.Com", "(Re)Imagining").
    /// </summary>
    public static string TitleCase(string text) => TitleCase(text, startsTitle: true);

    /// <summary>
    /// <see cref="TitleCase(string)"/> of a value that may hold inline markup, the markup dropped afterwards: text inside
    /// <c>&lt;span class="nocase"&gt;</c> keeps its case, as citeproc-js keeps it.
    /// </summary>
    public static string TitleCaseMarkup(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = NoCase().Split(text);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < pieces.Length; i++)
            builder.Append(i % 2 == 1 ? pieces[i] : TitleCase(StripMarkup(pieces[i]), startsTitle: i == 0));
        return StripMarkup(builder.ToString());
    }

    [GeneratedRegex(@"<span\s+class=""nocase"">(.*?)</span>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NoCase();

    private static string TitleCase(string text, bool startsTitle)
    {
        var builder = new StringBuilder(text.Length);
        var sentenceStart = startsTitle;
        var tokens = WordOrSpace().Matches(text).Select(m => m.Value).ToList();
        var lastWord = tokens.FindLastIndex(t => !char.IsWhiteSpace(t[0]));
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (char.IsWhiteSpace(token[0]))
            {
                builder.Append(token);
                continue;
            }

            // Each part of a hyphenated word counts as a word ("Low-Intensity", "Counsellor-Delivered").
            var parts = token.Split('-');
            for (var p = 0; p < parts.Length; p++)
            {
                if (p > 0) builder.Append('-');
                var word = TitleCaseWord(parts[p], (sentenceStart && p == 0) || (t == lastWord && p == parts.Length - 1));
                builder.Append(InnerWordStart().Replace(word, m => m.Value[..^1] + char.ToUpperInvariant(m.Value[^1])));
            }

            sentenceStart = token.EndsWith(':') || token.EndsWith('?') || token.EndsWith('!');
        }

        return builder.ToString();
    }

    private static string TitleCaseWord(string word, bool first)
    {
        var letters = word.TrimStart('(', '[', '"', '\'', '“', '‘', ':', '–', '—');
        var lead = word[..(word.Length - letters.Length)];
        first |= lead.Contains(':', StringComparison.Ordinal);
        // A word of one letter ("i") or holding a digit ("g1") keeps its case, as citeproc-js leaves it.
        var allLower = letters.Length > 0 && char.IsLower(letters[0]) && !letters.Any(char.IsUpper) && !letters.Any(char.IsDigit)
            && (first || letters.TrimEnd(',', '.', ':', ';', '?', '!', ')', ']').Length > 1);
        var bare = letters.TrimEnd(',', '.', ':', ';', '?', '!', ')', ']', '"', '\'', '”', '’');
        var skip = !first && SkipWords.Contains(bare);
        return allLower && !skip ? lead + char.ToUpperInvariant(letters[0]) + letters[1..] : word;
    }

    [GeneratedRegex(@"\s+|\S+", RegexOptions.CultureInvariant)]
    private static partial Regex WordOrSpace();

    [GeneratedRegex(@"(?<=\p{L})[.?)]\p{Ll}", RegexOptions.CultureInvariant)]
    private static partial Regex InnerWordStart();

    /// <summary>The single-word "skip words" citeproc-js leaves in lower case in title case (prepositions, articles, conjunctions).</summary>
    private static readonly HashSet<string> SkipWords = new(
    [
        "about", "above", "across", "afore", "after", "against", "al", "along", "alongside", "amid", "amidst", "among", "amongst",
        "anenst", "apropos", "apud", "around", "as", "aside", "astride", "at", "athwart", "atop", "barring", "before", "behind",
        "below", "beneath", "beside", "besides", "between", "beyond", "but", "by", "circa", "despite", "down", "during", "et",
        "except", "for", "forenenst", "from", "given", "in", "inside", "into", "lest", "like", "modulo", "near", "next",
        "notwithstanding", "of", "off", "on", "onto", "out", "over", "per", "plus", "pro", "qua", "sans", "since", "than",
        "through", "thru", "throughout", "thruout", "till", "to", "toward", "towards", "under", "underneath", "until", "unto",
        "up", "upon", "versus", "vs.", "v.", "vs", "v", "via", "vis-à-vis", "with", "within", "without", "or", "yet", "so",
        "and", "nor", "a", "an", "the", "de", "d'", "von", "van", "c", "ca",
    ], StringComparer.Ordinal);

    /// <summary>
    /// Plain text of a value holding the inline markup CSL-JSON allows (&lt;i&gt;, &lt;b&gt;, &lt;sub&gt;, &lt;sup&gt;,
    /// &lt;span class="nocase"&gt;, small caps), as citeproc-js prints it in text output: the tags dropped.
    /// </summary>
    public static string StripMarkup(string text) =>
        text.Contains('<', StringComparison.Ordinal) ? InlineMarkup().Replace(text, "") : text;

    [GeneratedRegex(@"</?(?:i|b|sub|sup|sc)>|<span\s+(?:class=""nocase""|style=""font-variant:\s*small-caps;?"")>|</span>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex InlineMarkup();
}
