using KnowledgeBase.Domain;
using System.Globalization;
using System.Text.RegularExpressions;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange.Parsing;

/// <summary>
/// Reads Web of Science's tagged export ("plain text", "FN Clarivate Analytics Web of Science"): two-character tags
/// and a space, continuation lines indented by three spaces (one author, keyword or reference per line), records
/// from "PT J" to "ER", the file ending with "EF". Read: TI, AF (full names; AU when there is none), SO (journal;
/// Web of Science writes it in capitals, turned into title case), JI/J9 (abbreviation), PY and PD, VL, IS, BP/EP or
/// AR, DI, PM, AB, DT (document type), DE (keywords) and UT (the accession number, kept as a note).
/// </summary>
public static partial class WebOfScienceParser
{
    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal) { "a", "an", "and", "as", "at", "by", "de", "der", "for", "in", "of", "on", "or", "the", "to", "und", "with" };

    public static BibParseResult Parse(string text)
    {
        var entries = new List<ParsedEntry>();
        var errors = new List<EntryError>();
        text = BibText.StripBom(text ?? "");
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new EntryError(1, null, "The file is empty: no Web of Science record found."));
            return Result(entries, errors);
        }

        var lines = BibText.SplitLines(text);
        List<(string Tag, List<string> Values)>? fields = null;
        var start = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (line.StartsWith("   ", StringComparison.Ordinal))
            {
                if (fields is { Count: > 0 }) fields[^1].Values.Add(line.Trim());
                continue;
            }
            var m = TagLine().Match(line);
            if (!m.Success)
            {
                if (!BibText.AddError(errors, new EntryError(i + 1, null, $"Line {i + 1} is not a Web of Science field (a two-letter tag, a space and the value): \"{BibText.Excerpt(line)}\"."))) return Result(entries, errors);
                continue;
            }
            var tag = m.Groups[1].Value;
            var value = m.Groups[2].Value.Trim();
            switch (tag)
            {
                case "FN" or "VR" or "EF" when fields is null:
                    break;
                case "PT":
                    if (fields is not null && !Finish(fields, start, closed: false, entries, errors)) return Result(entries, errors);
                    fields = [(tag, [value])];
                    start = i + 1;
                    break;
                case "ER":
                    if (fields is not null && !Finish(fields, start, closed: true, entries, errors)) return Result(entries, errors);
                    fields = null;
                    break;
                default:
                    if (fields is null)
                    {
                        if (!BibText.AddError(errors, new EntryError(i + 1, null, $"Line {i + 1} has the tag '{tag}' outside a record (no \"PT\" line before it)."))) return Result(entries, errors);
                        break;
                    }
                    fields.Add((tag, [value]));
                    break;
            }
        }
        if (fields is not null) Finish(fields, start, closed: false, entries, errors);
        if (entries.Count == 0 && errors.Count == 0)
            errors.Add(new EntryError(1, null, "No Web of Science record found: no \"PT\" line starts a record."));
        return Result(entries, errors);
    }

    private static BibParseResult Result(List<ParsedEntry> entries, List<EntryError> errors) => new(BibFormat.WebOfScience, entries, errors);

    private static bool Finish(List<(string Tag, List<string> Values)> fields, int line, bool closed, List<ParsedEntry> entries, List<EntryError> errors)
    {
        string? One(string tag) => fields.Where(f => f.Tag == tag).Select(f => BibText.Clean(string.Join(' ', f.Values))).FirstOrDefault(v => v is not null);
        List<string> Each(string tag) => fields.Where(f => f.Tag == tag).SelectMany(f => f.Values).Select(BibText.Clean).OfType<string>().ToList();

        var title = BibText.CleanTitle(One("TI"));
        var ut = One("UT");
        if (title is null)
            return BibText.AddError(errors, new EntryError(line, ut ?? One("DI"),
                $"The record starting at line {line} has no title (TI){(closed ? "" : "; it may be truncated (no \"ER\" line)")}."));

        var people = new List<PersonName>();
        var groups = new List<string>();
        var truncated = false;
        var names = Each("AF");
        foreach (var name in names.Count > 0 ? names : Each("AU")) PersonNames.AddTagged(name, people, groups, ref truncated, familyFirst: true);
        foreach (var group in Each("CA")) groups.Add(group);

        var (year, month, day) = BibText.ParseDate(One("PY"));
        if (One("PD") is { } pd && BibText.ParseDate($"{year} {pd}") is { Year: { } y } date && y == year)
        {
            month = date.Month;
            day = date.Day;
        }
        var bp = One("BP");
        var ep = One("EP");
        var pages = bp is null ? One("AR") : ep is null || ep == bp ? bp : $"{bp}-{ep}";
        var abbreviation = One("JI") ?? One("J9");

        entries.Add(new ParsedEntry(new BibRecord
        {
            SourceKey = ut,
            Title = title,
            Authors = people,
            Groups = groups,
            AuthorsTruncated = truncated,
            Journal = TitleCase(One("SO")),
            JournalAbbreviation = abbreviation,
            Year = year,
            Month = month,
            Day = day,
            Volume = One("VL"),
            Issue = One("IS"),
            Pages = pages,
            Doi = Identifiers.NormalizeDoi(One("DI")),
            Pmid = Identifiers.NormalizePmid(One("PM")),
            NctIds = Identifiers.FindNctIds(string.Join('\n', Each("AB").Concat(Each("FX")))),
            Abstract = BibText.Clean(One("AB")),
            PublicationType = One("DT"),
            Form = PublicationForms.FromWebOfScience(One("DT")),
            Publisher = One("PU"),
            PublisherPlace = One("PI"),
            Keywords = BibText.DistinctClean(Each("DE").SelectMany(k => k.Split(';'))),
            Note = ut is null ? null : $"Web of Science {ut}",
        }, line));
        return true;
    }

    /// <summary>"JOURNAL OF THE AMERICAN CHEMICAL SOCIETY" → "Journal of the American Chemical Society"; a name not all in capitals is kept.</summary>
    public static string? TitleCase(string? value)
    {
        if (value is null || value.Any(char.IsLower)) return value;
        var words = value.ToLower(CultureInfo.InvariantCulture).Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Length == 0 || (i > 0 && SmallWords.Contains(words[i]))) continue;
            words[i] = char.ToUpperInvariant(words[i][0]) + words[i][1..];
        }
        return string.Join(' ', words);
    }

    [GeneratedRegex(@"^([A-Z][A-Z0-9])(?: (.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TagLine();
}
