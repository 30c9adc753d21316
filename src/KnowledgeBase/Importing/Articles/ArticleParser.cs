using System.Text;
using System.Text.RegularExpressions;
using KnowledgeBase.Domain;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing.Articles;

/// <summary>
/// Turns the plain-text scrape of a web page into articles: splits pages holding several articles,
/// finds or derives each title, strips web boilerplate and the article's own reference list. Pure: no I/O.
/// </summary>
/// <remarks>
/// <para>Splitting: scrapes print an article's title twice (title, blank line, same title). Such a doubled line
/// starts a new article; text before the first one belongs to the first article, so the
/// <see cref="ParsedArticle.OriginalText"/> slices put together give back the whole input.</para>
/// <para>Cleaned text keeps the characters as printed, curly quotes and non-breaking spaces included, so any
/// line of it can be found verbatim in the original text (claims quote it exactly). Only line ends are
/// normalised: CRLF/CR to LF, trailing white space trimmed, runs of blank lines collapsed to one.</para>
/// </remarks>
public static partial class ArticleParser
{
    /// <summary>Longest derived title, the ellipsis included.</summary>
    public const int MaxDerivedTitleLength = 90;

    /// <summary>A doubled line longer than this is a duplicated paragraph, not a title.</summary>
    private const int MaxPrintedTitleLength = 200;

    /// <summary>A line of at most this many words that does not end a sentence is a heading, never a derived title.</summary>
    private const int MaxHeadingWords = 12;

    private const string Ellipsis = "…";

    /// <summary>Words that end in a period without ending the sentence.</summary>
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "al", "vs", "dr", "prof", "fig", "figs", "no", "st", "mr", "mrs", "ms", "approx", "ca", "cf", "vol", "ed", "eds",
    };

    /// <summary>Words that start "X has been providing ..." without naming a provider.</summary>
    private static readonly HashSet<string> NotAPublisher = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "this", "these", "those", "that", "it", "they", "we", "our", "there", "scientists", "researchers",
        "doctors", "physicians", "clinicians", "studies", "trials", "patients", "stem", "cells", "companies", "hospitals",
    };

    /// <summary>The longest line (paragraph) an article may have.</summary>
    public const int MaxLineLength = 20_000;

    /// <summary>Splits <paramref name="text"/> into articles.</summary>
    /// <exception cref="ImportFormatException">The text holds no article content (only white space, boilerplate or references).</exception>
    public static IReadOnlyList<ParsedArticle> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            throw new ImportFormatException("the file is empty (only white space): there is no article to import", line: null);

        var lines = SourceLine.Split(text);
        // Found by the importer fuzzing: a single line of a few hundred thousand characters took minutes to
        // split into sentences. Real paragraphs are far shorter; such a file is not an article.
        if (lines.Find(l => l.Text.Length > MaxLineLength) is { } tooLong)
            throw new ImportFormatException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"line {tooLong.Index + 1} is {tooLong.Text.Length:N0} characters long; an article's lines (paragraphs) have at most {MaxLineLength:N0} characters, so this does not look like an article"), tooLong.Index + 1);
        var titles = FindDoubledTitles(lines);

        // Article i runs from its first title line to the next article's first title line; the first article from the top.
        var segments = new List<(int FromLine, int ToLine, DoubledTitle? Title)>();
        if (titles.Count == 0)
        {
            segments.Add((0, lines.Count, null));
        }
        else
        {
            for (var i = 0; i < titles.Count; i++)
            {
                var from = i == 0 ? 0 : titles[i].FirstLine;
                var to = i + 1 < titles.Count ? titles[i + 1].FirstLine : lines.Count;
                segments.Add((from, to, titles[i]));
            }
        }

        var articles = new List<ParsedArticle>(segments.Count);
        var boilerplateTotal = 0;
        var referenceTotal = 0;
        foreach (var (fromLine, toLine, title) in segments)
        {
            var start = fromLine == 0 ? 0 : lines[fromLine].Start;
            var end = toLine < lines.Count ? lines[toLine].Start : text.Length;
            var body = Clean(lines, fromLine, toLine, title);
            boilerplateTotal += body.Stripped.Count;
            referenceTotal += body.References.Count;

            var partIndex = articles.Count;
            if (body.CleanedText.Length == 0)
            {
                if (title is null) continue; // the whole-text check below reports it
                throw new ImportFormatException(
                    $"article {partIndex + 1} (\"{title.Text}\") has a title but no text",
                    title.FirstLine + 1, $"article {partIndex + 1}");
            }

            var (articleTitle, origin) = title is not null
                ? (title.Text, TitleOrigin.Printed)
                : FrontMatterTitle(lines, fromLine, toLine) is { } fromFrontMatter
                    ? (fromFrontMatter, TitleOrigin.Printed)
                    : HeadingAtTop(lines, fromLine, toLine, body.CleanedText) is { } heading
                        ? (heading, TitleOrigin.Printed)
                        : (DeriveTitle(body.CleanedText), TitleOrigin.DerivedFromText);

            articles.Add(new ParsedArticle(
                partIndex,
                articleTitle,
                origin,
                FindPublisher(body.CleanedText),
                text[start..end],
                body.CleanedText,
                body.References,
                body.Stripped));
        }

        if (articles.Count == 0)
            throw new ImportFormatException(
                $"no article text found: the {boilerplateTotal + referenceTotal} non-blank line(s) are all web boilerplate " +
                $"({boilerplateTotal}: newsletter or information-packet forms, contact details, calls to action, share buttons, tag clouds) " +
                $"or reference entries ({referenceTotal}), from line {FirstTextLine(lines)}", line: FirstTextLine(lines));

        return articles;
    }

    /// <summary>The 1-based number of the first line that is not blank (1 for an empty input).</summary>
    private static int FirstTextLine(List<SourceLine> lines) => (lines.Find(l => !l.IsBlank)?.Index ?? 0) + 1;

    /// <summary>One line of the input: its text without the line break, where it starts, and its 0-based index.</summary>
    private sealed record SourceLine(int Index, int Start, string Text)
    {
        public bool IsBlank => string.IsNullOrWhiteSpace(Text);

        /// <summary>Lines broken at CRLF, LF or a lone CR.</summary>
        public static List<SourceLine> Split(string text)
        {
            var lines = new List<SourceLine>();
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] is not ('\n' or '\r')) continue;
                lines.Add(new SourceLine(lines.Count, start, text[start..i]));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                start = i + 1;
            }
            if (start < text.Length) lines.Add(new SourceLine(lines.Count, start, text[start..]));
            return lines;
        }
    }

    /// <summary>A title printed twice in a row (only blank lines between), as the scrapes print each article's title.</summary>
    private sealed record DoubledTitle(int FirstLine, int SecondLine, string Text);

    private static List<DoubledTitle> FindDoubledTitles(List<SourceLine> lines)
    {
        var found = new List<DoubledTitle>();
        for (var i = 0; i < lines.Count; i++)
        {
            var candidate = CollapseWhitespace(lines[i].Text);
            if (!CouldBeTitle(lines[i].Text, candidate)) continue;

            var next = i + 1;
            while (next < lines.Count && lines[next].IsBlank) next++;
            if (next < lines.Count && string.Equals(CollapseWhitespace(lines[next].Text), candidate, StringComparison.Ordinal))
            {
                found.Add(new DoubledTitle(i, next, candidate));
                i = next;
            }
        }
        return found;
    }

    /// <summary>A title is a short line that is not boilerplate (the newsletter heading is doubled too), not a reference, and not a sentence.</summary>
    private static bool CouldBeTitle(string line, string collapsed) =>
        collapsed.Length is > 0 and <= MaxPrintedTitleLength
        && !collapsed.EndsWith('.')
        && StripMarkup(collapsed).Any(char.IsLetter) // "</div>" printed twice is markup, not a title
        && BoilerplateRules.Match(line) is null
        && ReferenceLines.TryParse(line, 1) is null;

    private sealed record CleanBody(string CleanedText, IReadOnlyList<ParsedReference> References, IReadOnlyList<StrippedLine> Stripped);

    private static CleanBody Clean(List<SourceLine> lines, int fromLine, int toLine, DoubledTitle? title)
    {
        var kept = new StringBuilder();
        var references = new List<ParsedReference>();
        var removed = new List<StrippedLine>();
        for (var i = fromLine; i < toLine; i++)
        {
            if (title is not null && (i == title.FirstLine || i == title.SecondLine)) continue;

            var line = lines[i].Text.TrimEnd();
            if (line.Length > 0)
            {
                if (ReferenceLines.TryParse(line, references.Count + 1) is { } reference)
                {
                    references.Add(reference);
                    continue;
                }
                if (BoilerplateRules.Match(line) is { } reason)
                {
                    removed.Add(new StrippedLine(i + 1, line, reason));
                    continue;
                }
            }
            kept.Append(line).Append('\n');
        }

        var cleaned = BlankLineRun().Replace(kept.ToString(), "\n\n").Trim();
        return new CleanBody(cleaned, references, removed);
    }

    /// <summary>A heading title has at most this many words (a longer line is a sentence of prose).</summary>
    private const int MaxHeadingTitleWords = 20;

    /// <summary>How many heading-like lines at the top are considered before giving up on a printed title.</summary>
    private const int MaxLeadingHeadings = 6;

    /// <summary>
    /// The <c>title</c> of YAML (<c>---</c>) or TOML (<c>+++</c>) front matter opening the article: a top-level key only
    /// (not one inside a TOML table or an indented YAML map), quotes removed. Null when there is none.
    /// </summary>
    private static string? FrontMatterTitle(List<SourceLine> lines, int fromLine, int toLine)
    {
        var first = fromLine;
        while (first < toLine && lines[first].IsBlank) first++;
        if (first >= toLine) return null;
        var fence = lines[first].Text.Trim();
        if (fence is not ("---" or "+++")) return null;
        for (var i = first + 1; i < toLine; i++)
        {
            var line = lines[i].Text;
            if (line.Trim() == fence) return null;
            if (fence == "+++" && line.TrimStart().StartsWith('[')) return null; // keys below belong to a table
            var match = (fence == "---" ? YamlTitle() : TomlTitle()).Match(line);
            if (!match.Success) continue;
            var value = CollapseWhitespace(Unquote(match.Groups["value"].Value.Trim()));
            return value.Length > 0 && value.Any(char.IsLetter) ? value : null;
        }
        return null;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
            value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal);
        return value;
    }

    /// <summary>
    /// A heading printed once at the top, before the first paragraph of prose: a short line (markup such as
    /// <c>#</c>, <c>&gt;</c>, <c>**</c> and HTML tags removed) that does not end a sentence, is not boilerplate
    /// (buttons, phone numbers, banners), not a byline, date, reading time or image label. Of several such lines
    /// the first whose words recur in the article wins (a tagline such as "Unique and Comprehensive" does not);
    /// lines broken mid-heading ("Stem Cell Therapy" / "for Cerebral Palsy") are joined. Null when the page opens with prose.
    /// </summary>
    private static string? HeadingAtTop(List<SourceLine> lines, int fromLine, int toLine, string cleanedText)
    {
        var candidates = new List<string>();
        var i = SkipFrontMatter(lines, fromLine, toLine);
        for (; i < toLine && candidates.Count < MaxLeadingHeadings; i++)
        {
            var text = CollapseWhitespace(StripMarkup(lines[i].Text));
            if (text.Length == 0 || !text.Any(char.IsLetter)) continue;
            if (BoilerplateRules.Match(lines[i].Text) is not null || ReferenceLines.TryParse(lines[i].Text, 1) is not null) continue;
            if (IsPageMetadata(text)) continue;

            // A heading broken over lines continues on a line that starts in lower case.
            while (i + 1 < toLine && !lines[i + 1].IsBlank && StripMarkup(lines[i + 1].Text).TrimStart() is { Length: > 0 } next && char.IsLower(next[0]))
            {
                text = CollapseWhitespace(text + " " + StripMarkup(lines[i + 1].Text));
                i++;
            }

            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            var endsSentence = text.TrimEnd('"', '”', '’', ')', '*').EndsWith('.');
            if (endsSentence || words > MaxHeadingTitleWords || text.Length > MaxPrintedTitleLength) break; // prose starts
            if (words < 2 || IsBullet(lines[i].Text)) continue;
            candidates.Add(text.TrimEnd(':'));
        }
        if (candidates.Count == 0) return null;
        return candidates.FirstOrDefault(c => IsOnTopic(c, cleanedText)) ?? candidates[0];
    }

    private static int SkipFrontMatter(List<SourceLine> lines, int fromLine, int toLine)
    {
        var first = fromLine;
        while (first < toLine && lines[first].IsBlank) first++;
        if (first >= toLine || lines[first].Text.Trim() is not ("---" or "+++")) return fromLine;
        var fence = lines[first].Text.Trim();
        for (var i = first + 1; i < toLine; i++)
        {
            if (lines[i].Text.Trim() == fence) return i + 1;
        }
        return fromLine;
    }

    /// <summary>At least half of a heading's longer words (four letters or more) occur again in the article.</summary>
    private static bool IsOnTopic(string heading, string cleanedText)
    {
        var words = TitleWord().Matches(heading).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (words.Count == 0) return false;
        var recurring = words.Count(w => CountOccurrences(cleanedText, w) >= 2);
        return recurring * 2 >= words.Count;
    }

    private static int CountOccurrences(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0 && count < 2; at = text.IndexOf(word, at + word.Length, StringComparison.OrdinalIgnoreCase))
            count++;
        return count;
    }

    /// <summary>Markdown heading, quote and emphasis markers, HTML tags and a JavaScript template opening.</summary>
    internal static string StripMarkup(string line)
    {
        var text = HtmlTag().Replace(line, " ");
        text = TemplateOpening().Replace(text, "");
        text = LeadingMarkdown().Replace(text, "");
        return text.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Trim();
    }

    /// <summary>Bylines ("By Dr. ...", "Ross Hauser, MD, ..."), dates, reading times, "Updated on", image labels.</summary>
    private static bool IsPageMetadata(string text) =>
        PageMetadata().IsMatch(text) || (Byline().IsMatch(text) && text.Split(' ').Length <= 16);

    /// <summary>
    /// The first sentence of the first paragraph that is prose (not a heading), cut on a word boundary
    /// to <see cref="MaxDerivedTitleLength"/> characters with an ellipsis; inline footnote markers dropped.
    /// </summary>
    internal static string DeriveTitle(string cleanedText)
    {
        var paragraphs = JoinWrappedLines(cleanedText.Split('\n')
            .Select(CollapseWhitespace)
            .Where(l => l.Length > 0));
        var chosen = paragraphs.FirstOrDefault(l => IsProse(l) && !IsBullet(l))
            ?? paragraphs.FirstOrDefault(IsProse)
            ?? paragraphs[0];

        var sentence = InlineFootnoteMarker().Replace(FirstSentence(StripBullet(chosen)), "").Trim();
        if (sentence.Length <= MaxDerivedTitleLength)
            return sentence.EndsWith('.') && !sentence.EndsWith("..", StringComparison.Ordinal) ? sentence[..^1] : sentence;

        var limit = MaxDerivedTitleLength - Ellipsis.Length;
        var cut = sentence.LastIndexOf(' ', limit);
        var head = cut > 0 ? sentence[..cut] : sentence[..limit];
        return head.TrimEnd(' ', ',', ';', ':', '-', '–', '—', '(') + Ellipsis;
    }

    /// <summary>Hard-wrapped prose: a line that starts in lower case continues the line before it.</summary>
    private static List<string> JoinWrappedLines(IEnumerable<string> lines)
    {
        var joined = new List<string>();
        foreach (var line in lines)
        {
            if (joined.Count > 0 && char.IsLower(line[0])) joined[^1] += " " + line;
            else joined.Add(line);
        }
        return joined;
    }

    /// <summary>A paragraph that ends a sentence, or is too long to be a heading.</summary>
    private static bool IsProse(string line) =>
        line.TrimEnd('"', '”', '’', ')').EndsWith('.')
        || line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxHeadingWords;

    private static bool IsBullet(string line) => BulletMarker().IsMatch(line);

    private static string StripBullet(string line) => BulletMarker().Replace(line, "");

    /// <summary>Text up to the first '.', '!' or '?' followed by a space and a capital (or the end), skipping abbreviations.</summary>
    private static string FirstSentence(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?')) continue;
            var end = i + 1;
            while (end < text.Length && text[end] is '"' or '”' or '’' or ')') end++;
            if (end == text.Length) return text;
            if (text[end] != ' ' || end + 1 == text.Length) continue;
            var next = text[end + 1];
            if (text[i] == '.' && IsAbbreviation(text, i)) continue;
            if (char.IsUpper(next) || char.IsDigit(next) || next is '"' or '“' or '‘' or '(') return text[..end];
        }
        return text;
    }

    /// <summary>"et al.", "e.g.", "U.S." and single letters: a period that does not end the sentence.</summary>
    private static bool IsAbbreviation(string text, int period)
    {
        var start = period;
        while (start > 0 && (char.IsLetter(text[start - 1]) || text[start - 1] == '.')) start--;
        var word = text[start..period];
        return word.Length == 1 || word.Contains('.', StringComparison.Ordinal) || Abbreviations.Contains(word);
    }

    /// <summary>
    /// The provider, only when the article names itself: "The team at X", "At X, we ...", or
    /// "X has/have been ... providing/offering/delivering ...". Null otherwise: never guessed.
    /// </summary>
    internal static string? FindPublisher(string cleanedText)
    {
        foreach (var (pattern, literals) in PublisherPatterns)
        {
            // Each regex is case-sensitive and every match holds one of its literals: most texts hold none, and
            // looking for them is one vectorised search where the regex would try every capitalised word.
            if (!literals.Any(l => cleanedText.Contains(l, StringComparison.Ordinal))) continue;
            foreach (Match m in pattern.Matches(cleanedText))
            {
                var name = m.Groups["name"].Value.Trim();
                var firstWord = name.Split(' ')[0];
                if (!NotAPublisher.Contains(firstWord)) return name;
            }
        }
        return null;
    }

    /// <summary>The publisher patterns in the order tried, each with the literals (case-sensitive) one of which every match contains.</summary>
    private static readonly (Regex Pattern, string[] Literals)[] PublisherPatterns =
    [
        (TeamAt(), [" team at "]),
        (AtNameWe(), ["At "]),
        (NameHasBeenProviding(), [" has been ", " have been "]),
    ];

    /// <summary>
    /// Runs of white space (<c>\s+</c>, which is <see cref="char.IsWhiteSpace"/>) as one space, trimmed. A text that is
    /// already so (most lines) is returned as it is, without a copy.
    /// </summary>
    internal static string CollapseWhitespace(string text)
    {
        var collapsed = text.Length == 0
            || (text[0] != ' ' && text[^1] != ' ' && !text.AsSpan().ContainsAny(WhiteSpaceButSpace) && !text.Contains("  ", StringComparison.Ordinal));
        return collapsed ? text : Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>Every white-space character but the space (vectorised search).</summary>
    private static readonly System.Buffers.SearchValues<char> WhiteSpaceButSpace = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => c != ' ' && char.IsWhiteSpace(c))]);

    /// <summary>Any run of white space, non-breaking spaces included (.NET's \s covers \p{Z}).</summary>
    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n(?:[ \t]*\n)+", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLineRun();

    [GeneratedRegex(@"^\s*(?:[-•*·▪●–]|[0-9]{1,2}[.)])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"^[ \t]*title[ \t]*:[ \t]*(?<value>\S.*?)[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlTitle();

    [GeneratedRegex(@"^[ \t]*title[ \t]*=[ \t]*(?<value>\S.*?)[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TomlTitle();

    [GeneratedRegex(@"<[^<>]{0,500}>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"^\s*(?:export\s+)?(?:const|let|var)\s+\w+\s*=\s*`", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateOpening();

    [GeneratedRegex(@"^(?:\s*(?:>|#{1,6}(?=\s)|[-*+•](?=\s)))+\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMarkdown();

    [GeneratedRegex(@"\p{L}{4,}", RegexOptions.CultureInvariant)]
    private static partial Regex TitleWord();

    [GeneratedRegex(@"^(?:(?:updated|posted|published|last updated|post published)(?: on)?:?.*|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}|\d{4}|\d+(?:-\d+)? ?(?:min|mins|minutes?)(?: read)?|(?:\d+ )?minutes? read|logo|image|icon|photo|menu|home|skip to (?:main )?content)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageMetadata();

    /// <summary>"By Name", or a name followed by a degree (MD, ND, N.D., PhD, PA-C...) or a date after a bullet.</summary>
    [GeneratedRegex(@"^by\s+\p{Lu}|^(?:dr\.?\s+)?\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3},?\s+(?:MD|M\.D\.|ND|N\.D\.|PhD|Ph\.D\.|DO|D\.O\.|DC|RN|NP|PA-C|MMS|MBBS|FRCS)\b|^\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3}\s*[•|·]\s*(?:\p{Lu}[a-z]+ \d{1,2}, \d{4}|\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Byline();

    [GeneratedRegex(@"\[[0-9]{1,3}\]", RegexOptions.CultureInvariant)]
    private static partial Regex InlineFootnoteMarker();

    [GeneratedRegex(@"\b(?:[Tt]he|[Oo]ur) team at (?<name>\p{Lu}[\p{L}\p{N}&'’-]*(?: \p{Lu}[\p{L}\p{N}&'’-]*){0,3})", RegexOptions.CultureInvariant)]
    private static partial Regex TeamAt();

    [GeneratedRegex(@"\bAt (?<name>\p{Lu}[\p{L}\p{N}&'’-]*(?: \p{Lu}[\p{L}\p{N}&'’-]*){0,3}), (?:we|our)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AtNameWe();

    [GeneratedRegex(@"(?<![\p{L}\p{N}] )\b(?<name>\p{Lu}[\p{L}\p{N}&'’-]*(?: \p{Lu}[\p{L}\p{N}&'’-]*){0,3}) ha(?:s|ve) been [^.!?\n]{0,100}?\b(?:providing|offering|delivering)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NameHasBeenProviding();
}
