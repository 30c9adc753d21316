using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange.Parsing;

/// <summary>Text helpers the bibliographic parsers share: lines, whitespace, titles, dates, pages.</summary>
internal static partial class BibText
{
    /// <summary>After this many broken records a parser stops and says so, so hostile input cannot produce unbounded error lists.</summary>
    public const int MaxErrors = 200;

    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static string StripBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;

    /// <summary>Splits on CRLF, LF or a lone CR.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\r' && c != '\n') continue;
            lines.Add(text[start..i]);
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    /// <summary>Whitespace (including no-break spaces and line breaks) collapsed to single spaces and trimmed; null when nothing is left.</summary>
    public static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var sb = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>A title cleaned, without MEDLINE's trailing period or its brackets around translated titles.</summary>
    public static string? CleanTitle(string? value)
    {
        var title = Clean(value);
        if (title is null) return null;
        if (title.EndsWith('.') && !title.EndsWith("..", StringComparison.Ordinal)) title = title[..^1].TrimEnd();
        if (title.Length > 2 && title[0] == '[' && title[^1] == ']' && title.IndexOf(']', StringComparison.Ordinal) == title.Length - 1)
            title = title[1..^1].Trim();
        return title.Length == 0 ? null : title;
    }

    /// <summary>Text kept as written (line breaks included) but trimmed, each line's spaces collapsed; null when blank.</summary>
    public static string? CleanMultiline(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var lines = SplitLines(value).Select(Clean).Where(l => l is not null);
        var joined = string.Join('\n', lines);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>
    /// Prose kept in paragraphs (an abstract, a registry summary): each line trimmed with its spaces collapsed,
    /// lines of a paragraph kept apart, and one blank line between paragraphs however many the source had.
    /// </summary>
    public static string? CleanParagraphs(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in SplitLines(value).Select(Clean))
        {
            if (line is not null)
            {
                current.Add(line);
                continue;
            }
            if (current.Count > 0) paragraphs.Add(string.Join('\n', current));
            current.Clear();
        }
        if (current.Count > 0) paragraphs.Add(string.Join('\n', current));
        return paragraphs.Count == 0 ? null : string.Join("\n\n", paragraphs);
    }

    public static string? FirstNonEmpty(params string?[] values) => values.Select(Clean).FirstOrDefault(v => v is not null);

    /// <summary>The first plausible four-digit year (1000–2999) standing alone in <paramref name="value"/>.</summary>
    public static int? FindYear(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var m = YearPattern().Match(value);
        return m.Success ? int.Parse(m.Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>1–12 from a month number or an English month name or abbreviation; null for seasons and anything else.</summary>
    public static int? ParseMonth(string? token)
    {
        var t = Clean(token)?.TrimEnd('.');
        if (t is null) return null;
        if (t.Length <= 2 && t.All(char.IsAsciiDigit))
        {
            var n = int.Parse(t, CultureInfo.InvariantCulture);
            return n is >= 1 and <= 12 ? n : null;
        }
        if (t.Length < 3) return null;
        var prefix = t[..3].ToLowerInvariant();
        var index = Array.IndexOf(MonthNames, prefix);
        if (index < 0) return null;
        // "Mar", "March", "Sept" are months; "Marathon" is not.
        var full = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(index + 1);
        return full.StartsWith(t, StringComparison.OrdinalIgnoreCase) || t.Equals("sept", StringComparison.OrdinalIgnoreCase) ? index + 1 : null;
    }

    /// <summary>
    /// Year, month and day from the date forms the formats use: "2016", "2016/03/01/", "2016///", "2016-03", "2016 Mar 1",
    /// "2015 Winter", "2016 Mar-Apr", "March 1, 2016", "2017-09-27T00:00:00Z".
    /// </summary>
    public static (int? Year, int? Month, int? Day) ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, null, null);
        var tokens = value.Split(['/', '-', ' ', ',', '.', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var yearIndex = Array.FindIndex(tokens, t => t.Length == 4 && t.All(char.IsAsciiDigit) && t[0] is '1' or '2');
        if (yearIndex < 0) return (FindYear(value), null, null);
        var year = int.Parse(tokens[yearIndex], CultureInfo.InvariantCulture);
        int? month = null, day = null;
        if (yearIndex + 1 < tokens.Length)
        {
            month = ParseMonth(tokens[yearIndex + 1]);
            if (month is not null && yearIndex + 2 < tokens.Length) day = ParseDay(tokens[yearIndex + 2]);
        }
        else if (yearIndex > 0)
        {
            // "March 1, 2016" or "1 March 2016"
            for (var i = 0; i < yearIndex; i++)
            {
                month ??= ParseMonth(tokens[i]) is { } m && !tokens[i].All(char.IsAsciiDigit) ? m : null;
                if (tokens[i].All(char.IsAsciiDigit)) day ??= ParseDay(tokens[i]);
            }
            if (month is null) day = null;
        }
        return (year, month, day);
    }

    private static int? ParseDay(string token)
    {
        var digits = new string(token.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length is 0 or > 2) return null;
        var n = int.Parse(digits, CultureInfo.InvariantCulture);
        return n is >= 1 and <= 31 ? n : null;
    }

    /// <summary>"337-44" → "337-344", "1187-94" → "1187-1194", "e2294-305" → "e2294-e2305" (MEDLINE's abbreviated ranges); other text unchanged.</summary>
    public static string? ExpandPageRange(string? pages)
    {
        var cleaned = Clean(pages);
        if (cleaned is null) return null;
        var parts = cleaned.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return string.Join(", ", parts.Select(ExpandOneRange));
    }

    private static string ExpandOneRange(string range)
    {
        var m = PageRangePattern().Match(range);
        if (!m.Success) return range;
        var prefix = m.Groups[1].Value;
        var start = m.Groups[2].Value;
        var endPrefix = m.Groups[3].Value;
        var end = m.Groups[4].Value;
        if (endPrefix.Length > 0 && !endPrefix.Equals(prefix, StringComparison.Ordinal)) return range;
        if (end.Length < start.Length) end = start[..(start.Length - end.Length)] + end;
        return prefix + start + "-" + prefix + end;
    }

    /// <summary>True for a ClinicalTrials.gov study page ("https://clinicaltrials.gov/study/NCT…", "/ct2/show/NCT…").</summary>
    public static bool IsRegistryStudyUrl(string? url) =>
        url is not null
        && url.Contains("clinicaltrials.gov", StringComparison.OrdinalIgnoreCase)
        && KnowledgeBase.Primitives.Identifiers.NormalizeNct(url) is not null;

    /// <summary>A genre or publication type naming a registry entry ("Clinical trial registration", "Registered clinical trial").</summary>
    public static bool IsTrialRegistrationGenre(string? genre) =>
        genre is not null
        && (genre.Contains("trial registration", StringComparison.OrdinalIgnoreCase)
            || genre.Contains("registered clinical trial", StringComparison.OrdinalIgnoreCase)
            || genre.Contains("registered trial", StringComparison.OrdinalIgnoreCase));

    /// <summary>Distinct non-empty values in first-seen order.</summary>
    public static List<string> DistinctClean(IEnumerable<string?> values)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var v in values)
        {
            var c = Clean(v);
            if (c is not null && seen.Add(c)) result.Add(c);
        }
        return result;
    }

    /// <summary>Adds an error; false (after recording why) when the error budget is spent and the parser should stop.</summary>
    public static bool AddError(List<EntryError> errors, EntryError error)
    {
        if (errors.Count >= MaxErrors) return false;
        errors.Add(errors.Count == MaxErrors - 1
            ? error with { Message = error.Message + $" (stopped here: more than {MaxErrors - 1} broken records)" }
            : error);
        return errors.Count < MaxErrors;
    }

    /// <summary>A value shortened for an error message.</summary>
    public static string Excerpt(string value, int max = 60)
    {
        var c = Clean(value) ?? "";
        return c.Length <= max ? c : c[..max] + "…";
    }

    [GeneratedRegex(@"(?<![0-9])[12][0-9]{3}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^([A-Za-z]{0,3})([0-9]+) ?[-–] ?([A-Za-z]{0,3})([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PageRangePattern();
}
