using System.Text;
using System.Text.RegularExpressions;
using KnowledgeBase.Domain;

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
            throw new ImportFormatException("the text is empty (only white space): there is no article to import", line: null);

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
            boilerplateTotal += body.RemovedBoilerplateLines;
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
                : (DeriveTitle(body.CleanedText), TitleOrigin.DerivedFromText);

            articles.Add(new ParsedArticle(
                partIndex,
                articleTitle,
                origin,
                FindPublisher(body.CleanedText),
                text[start..end],
                body.CleanedText,
                body.References,
                body.RemovedBoilerplateLines));
        }

        if (articles.Count == 0)
            throw new ImportFormatException(
                $"no article text found: the {boilerplateTotal + referenceTotal} non-blank line(s) are all web boilerplate " +
                $"({boilerplateTotal}: newsletter or information-packet forms, contact details, calls to action, share buttons, tag clouds) " +
                $"or reference entries ({referenceTotal})", line: null);

        return articles;
    }

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
        && collapsed.Any(char.IsLetter)
        && !collapsed.EndsWith('.')
        && BoilerplateRules.Match(line) is null
        && ReferenceLines.TryParse(line, 1) is null;

    private sealed record CleanBody(string CleanedText, IReadOnlyList<ParsedReference> References, int RemovedBoilerplateLines);

    private static CleanBody Clean(List<SourceLine> lines, int fromLine, int toLine, DoubledTitle? title)
    {
        var kept = new StringBuilder();
        var references = new List<ParsedReference>();
        var removed = 0;
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
                if (BoilerplateRules.Match(line) is not null)
                {
                    removed++;
                    continue;
                }
            }
            kept.Append(line).Append('\n');
        }

        var cleaned = BlankLineRun().Replace(kept.ToString(), "\n\n").Trim();
        return new CleanBody(cleaned, references, removed);
    }

    /// <summary>
    /// The first sentence of the first paragraph that is prose (not a heading), cut on a word boundary
    /// to <see cref="MaxDerivedTitleLength"/> characters with an ellipsis; inline footnote markers dropped.
    /// </summary>
    internal static string DeriveTitle(string cleanedText)
    {
        var paragraphs = cleanedText.Split('\n')
            .Select(CollapseWhitespace)
            .Where(l => l.Length > 0)
            .ToList();
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
        foreach (var pattern in new[] { TeamAt(), AtNameWe(), NameHasBeenProviding() })
        {
            foreach (Match m in pattern.Matches(cleanedText))
            {
                var name = m.Groups["name"].Value.Trim();
                var firstWord = name.Split(' ')[0];
                if (!NotAPublisher.Contains(firstWord)) return name;
            }
        }
        return null;
    }

    private static string CollapseWhitespace(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>Any run of white space, non-breaking spaces included (.NET's \s covers \p{Z}).</summary>
    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n(?:[ \t]*\n)+", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLineRun();

    [GeneratedRegex(@"^\s*(?:[-•*·▪●–]|[0-9]{1,2}[.)])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"\[[0-9]{1,3}\]", RegexOptions.CultureInvariant)]
    private static partial Regex InlineFootnoteMarker();

    [GeneratedRegex(@"\b(?:[Tt]he|[Oo]ur) team at (?<name>\p{Lu}[\p{L}\p{N}&'’-]*(?: \p{Lu}[\p{L}\p{N}&'’-]*){0,3})", RegexOptions.CultureInvariant)]
    private static partial Regex TeamAt();

    [GeneratedRegex(@"\bAt (?<name>\p{Lu}[\p{L}\p{N}&'’-]*(?: \p{Lu}[\p{L}\p{N}&'’-]*){0,3}), (?:we|our)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AtNameWe();

    [GeneratedRegex(@"(?<![\p{L}\p{N}] )\b(?<name>\p{Lu}[\p{L}\p{N}&'’-]*(?: \p{Lu}[\p{L}\p{N}&'’-]*){0,3}) ha(?:s|ve) been [^.!?\n]{0,100}?\b(?:providing|offering|delivering)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NameHasBeenProviding();
}
