using System.Text.RegularExpressions;
using KnowledgeBase.Domain;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange.Parsing;

/// <summary>
/// Reads PubMed's MEDLINE format (.nbib, .txt): four-character tags padded and followed by "- ", continuation lines
/// indented by six spaces, records separated by blank lines (or a new PMID line).
/// </summary>
public static partial class MedlineParser
{
    public static BibParseResult Parse(string text)
    {
        var entries = new List<ParsedEntry>();
        var errors = new List<EntryError>();
        text = BibText.StripBom(text ?? "");
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new EntryError(1, null, "The file is empty: no MEDLINE record found."));
            return new BibParseResult(BibFormat.Medline, entries, errors);
        }

        var lines = BibText.SplitLines(text);
        List<(string Tag, string Value)>? fields = null;
        var start = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                if (fields is not null && !Finish(fields, start, entries, errors)) return Result(entries, errors);
                fields = null;
                continue;
            }
            var m = TagLine().Match(line);
            if (m.Success)
            {
                var tag = m.Groups[1].Value.TrimEnd();
                if (fields is not null && tag == "PMID" && fields.Exists(f => f.Tag == "PMID"))
                {
                    if (!Finish(fields, start, entries, errors)) return Result(entries, errors);
                    fields = null;
                }
                if (fields is null)
                {
                    fields = [];
                    start = i + 1;
                }
                fields.Add((tag, m.Groups[2].Value.Trim()));
            }
            else if (fields is { Count: > 0 })
            {
                var (tag, value) = fields[^1];
                var more = line.Trim();
                fields[^1] = (tag, value.Length == 0 ? more : value + " " + more);
            }
        }
        if (fields is not null) Finish(fields, start, entries, errors);

        if (entries.Count == 0 && errors.Count == 0)
            errors.Add(new EntryError(1, null, "No MEDLINE record found: expected lines such as \"PMID- 26751635\" and \"TI  - …\"."));
        return Result(entries, errors);
    }

    private static BibParseResult Result(List<ParsedEntry> entries, List<EntryError> errors) => new(BibFormat.Medline, entries, errors);

    private static bool Finish(List<(string Tag, string Value)> fields, int line, List<ParsedEntry> entries, List<EntryError> errors)
    {
        string? First(string tag) => BibText.Clean(fields.FirstOrDefault(f => f.Tag == tag && f.Value.Length > 0).Value);
        IEnumerable<string> All(string tag) => fields.Where(f => f.Tag == tag && f.Value.Length > 0).Select(f => f.Value);

        var pmid = Identifiers.NormalizePmid(First("PMID"));
        var title = BibText.CleanTitle(First("TI") ?? First("BTI"));
        if (title is null)
        {
            return BibText.AddError(errors, new EntryError(line, pmid ?? First("PMID"),
                $"The record starting at line {line} has no title (TI){(fields.Count < 4 ? "; it may be truncated" : "")}."));
        }

        var people = new List<PersonName>();
        var groups = All("CN").Select(c => BibText.Clean(c)!).ToList();
        var truncated = false;
        var fullNames = All("FAU").ToList();
        foreach (var author in fullNames.Count > 0 ? fullNames : All("AU"))
        {
            PersonNames.AddTagged(author, people, groups, ref truncated, familyFirst: true);
        }

        var (year, month, day) = BibText.ParseDate(First("DP"));
        if (year is null) (year, month, day) = BibText.ParseDate(DigitsDate(First("DEP")));

        var locators = All("LID").Concat(All("AID")).ToList();
        var doi = locators.Where(l => l.EndsWith("[doi]", StringComparison.OrdinalIgnoreCase)).Select(Identifiers.NormalizeDoi).FirstOrDefault(d => d is not null);
        var pages = BibText.ExpandPageRange(First("PG"));
        if (pages is null)
        {
            var pii = All("LID").Where(l => l.EndsWith("[pii]", StringComparison.OrdinalIgnoreCase))
                .Select(l => l[..^5].Trim()).FirstOrDefault(ArticleNumber().IsMatch);
            pages = pii;
        }

        var types = All("PT").Select(BibText.Clean).Where(t => t is not null).Cast<string>().ToList();
        var (phase, phaseText) = PhaseFromTypes(types);

        var record = new BibRecord
        {
            SourceKey = pmid,
            Title = title,
            Authors = people,
            Groups = groups,
            AuthorsTruncated = truncated,
            Journal = First("JT") ?? First("TA"),
            JournalAbbreviation = First("TA") is { } ta && !ta.Equals(First("JT"), StringComparison.OrdinalIgnoreCase) ? ta : null,
            Year = year,
            Month = month,
            Day = day,
            Volume = First("VI"),
            Issue = First("IP"),
            Pages = pages,
            Doi = doi,
            Pmid = pmid,
            Pmcid = Identifiers.NormalizePmcid(First("PMC")),
            NctIds = Identifiers.FindNctIds(string.Join(' ', All("SI"))),
            Abstract = BibText.Clean(First("AB")),
            PublicationType = types.Count == 0 ? null : string.Join("; ", types),
            Form = PublicationForms.FromMedline(types),
            Keywords = BibText.DistinctClean(All("OT").Concat(All("MH").Select(m => m.Replace("*", "", StringComparison.Ordinal)))),
            Phase = phase,
            PhaseText = phaseText,
        };
        entries.Add(new ParsedEntry(record, line));
        return true;
    }

    /// <summary>"Clinical Trial, Phase I" + "Clinical Trial, Phase II" → Phase1Phase2.</summary>
    private static (TrialPhase?, string?) PhaseFromTypes(List<string> types)
    {
        var phases = new SortedSet<int>();
        foreach (var t in types)
        {
            if (!t.StartsWith("Clinical Trial, Phase ", StringComparison.OrdinalIgnoreCase)) continue;
            var roman = t["Clinical Trial, Phase ".Length..].Trim();
            var n = roman.ToUpperInvariant() switch { "I" => 1, "II" => 2, "III" => 3, "IV" => 4, _ => 0 };
            if (n > 0) phases.Add(n);
        }
        if (phases.Count == 0) return (null, null);
        var phase = TrialPhases.FromRange(phases.Min, phases.Max);
        return (phase, "Phase " + string.Join("/", phases));
    }

    private static string? DigitsDate(string? value) =>
        value is { Length: >= 8 } && value[..8].All(char.IsAsciiDigit) ? $"{value[..4]}/{value[4..6]}/{value[6..8]}" : value;

    // "PMID- 26751635", "TI  - Safety…", "FAU - Petrou, Panayiota": a tag padded to four characters, "- ", the value.
    [GeneratedRegex(@"^([A-Z][A-Z0-9 ]{3})- ?(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex TagLine();

    [GeneratedRegex(@"^[A-Za-z]?[0-9]{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleNumber();
}
