using KnowledgeBase.Domain;
using System.Text.RegularExpressions;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange.Parsing;

/// <summary>
/// Reads RIS as Zotero, EndNote, Mendeley, PubMed and the databases export it: records from "TY  - " to "ER  - "
/// (a missing final ER is tolerated), any line ending, a BOM, continuation lines, and the common tag variants
/// (TI/T1, AU/A1, PY/Y1/DA, JF/JO/T2 and JA/J2/J1, SP+EP, DO, AN and "PMID:" notes, C2 PMCID).
/// </summary>
public static partial class RisParser
{
    private static readonly string[] NonPubMedDatabases = ["embase", "scopus", "web of science", "wos", "cinahl", "psycinfo", "cochrane"];

    public static BibParseResult Parse(string text)
    {
        var entries = new List<ParsedEntry>();
        var errors = new List<EntryError>();
        text = BibText.StripBom(text ?? "");
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new EntryError(1, null, "The file is empty: no RIS record found."));
            return new BibParseResult(BibFormat.Ris, entries, errors);
        }

        var lines = BibText.SplitLines(text);
        RawRecord? current = null;
        var strayReported = false;
        var sawTag = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var m = TagLine().Match(line);
            if (!m.Success)
            {
                if (current is not null && !string.IsNullOrWhiteSpace(line)) current.Continue(line.Trim());
                continue;
            }
            sawTag = true;
            var tag = m.Groups[1].Value;
            var value = m.Groups[2].Value.Trim();
            switch (tag)
            {
                case "TY":
                    if (current is not null && !Finish(current, closed: false, entries, errors)) return Result(entries, errors);
                    current = new RawRecord(i + 1, value);
                    strayReported = false;
                    break;
                case "ER":
                    if (current is not null && !Finish(current, closed: true, entries, errors)) return Result(entries, errors);
                    current = null;
                    break;
                default:
                    if (current is not null)
                    {
                        current.Add(tag, value);
                    }
                    else if (!strayReported)
                    {
                        strayReported = true;
                        if (!BibText.AddError(errors, new EntryError(i + 1, null,
                                $"Line {i + 1} has the tag '{tag}' outside a record (no \"TY  - \" line before it); lines are skipped until the next TY."))) return Result(entries, errors);
                    }
                    break;
            }
        }
        if (current is not null) Finish(current, closed: false, entries, errors);

        if (entries.Count == 0 && errors.Count == 0)
            errors.Add(new EntryError(1, null, sawTag
                ? "No RIS record found: no \"TY  - \" line starts a record."
                : "No RIS record found: expected lines such as \"TY  - JOUR\"."));
        return Result(entries, errors);
    }

    private static BibParseResult Result(List<ParsedEntry> entries, List<EntryError> errors) => new(BibFormat.Ris, entries, errors);

    private sealed class RawRecord(int line, string type)
    {
        public int Line { get; } = line;
        public string Type { get; } = type;
        public List<(string Tag, string Value)> Fields { get; } = [];

        public void Add(string tag, string value) => Fields.Add((tag, value));

        public void Continue(string text)
        {
            if (Fields.Count == 0) return;
            var (tag, value) = Fields[^1];
            Fields[^1] = (tag, value.Length == 0 ? text : value + " " + text);
        }

        public string? First(params string[] tags)
        {
            foreach (var tag in tags)
            {
                var hit = Fields.FirstOrDefault(f => f.Tag == tag && f.Value.Length > 0);
                if (hit.Tag is not null) return BibText.Clean(hit.Value);
            }
            return null;
        }

        public IEnumerable<string> All(params string[] tags) =>
            Fields.Where(f => tags.Contains(f.Tag) && f.Value.Length > 0).Select(f => f.Value);
    }

    /// <summary>Builds the record or records an error; false when the error budget is spent.</summary>
    private static bool Finish(RawRecord raw, bool closed, List<ParsedEntry> entries, List<EntryError> errors)
    {
        var title = BibText.CleanTitle(raw.First("TI", "T1", "CT", "BT"));
        if (title is null)
        {
            var key = raw.First("ID") ?? raw.First("DO") ?? raw.First("AN");
            var message = raw.Fields.Count == 0
                ? $"The record starting at line {raw.Line} is empty{(closed ? "" : " (truncated: it has no fields)")}."
                : $"The record starting at line {raw.Line} has no title (TI or T1){(closed ? "" : "; it may be truncated (no \"ER  - \" line)")}.";
            return BibText.AddError(errors, new EntryError(raw.Line, key, message));
        }
        entries.Add(new ParsedEntry(ToRecord(raw, title), raw.Line));
        return true;
    }

    private static BibRecord ToRecord(RawRecord raw, string title)
    {
        var people = new List<PersonName>();
        var groups = new List<string>();
        var truncated = false;
        foreach (var author in raw.All("AU", "A1"))
        {
            PersonNames.AddTagged(author, people, groups, ref truncated);
        }

        var (year, month, day) = BibText.ParseDate(raw.First("PY", "Y1"));
        var da = BibText.ParseDate(raw.First("DA"));
        year ??= da.Year;
        if (month is null && da.Year == year)
        {
            month = da.Month;
            day = da.Day;
        }

        // Journal: JF/JO/T2 name it in full, JA/J2/J1 abbreviate it; exporters disagree on JO, so an
        // abbreviated-looking JO beside a full T2 is taken as the abbreviation.
        var jf = raw.First("JF");
        var jo = raw.First("JO");
        var t2 = raw.First("T2");
        var abbreviation = raw.First("JA", "J2", "J1");
        var journal = jf ?? jo ?? t2;
        if (jf is null && jo is not null && t2 is not null && !jo.Equals(t2, StringComparison.OrdinalIgnoreCase)
            && (jo.Contains('.', StringComparison.Ordinal) || jo.Equals(abbreviation, StringComparison.OrdinalIgnoreCase) || jo.Length < t2.Length))
        {
            journal = t2;
            abbreviation ??= jo;
        }
        if (jf is not null && jo is not null && !jo.Equals(jf, StringComparison.OrdinalIgnoreCase)) abbreviation ??= jo;
        if (abbreviation is not null && abbreviation.Equals(journal, StringComparison.OrdinalIgnoreCase)) abbreviation = null;

        var sp = raw.First("SP");
        var ep = raw.First("EP");
        var pages = sp is null ? ep
            : ep is null || sp.Contains('-', StringComparison.Ordinal) || sp == ep ? sp
            : sp + "-" + ep;

        var urls = raw.All("UR", "L2").SelectMany(u => u.Split([' ', ';'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        var notes = new List<string>();
        var registered = new List<string>();
        foreach (var n1 in raw.All("N1"))
        {
            if (n1.Trim().TrimEnd('.') == AuthorListNote.Text.TrimEnd('.'))
            {
                truncated = true;
                continue;
            }
            var (rest, ids) = RegistrationNote.Split(n1);
            registered.AddRange(ids);
            if (rest is not null) notes.Add(rest);
        }
        var note = notes.Count == 0 ? null : string.Join("\n", notes);
        var freeText = string.Join("\n", raw.All("N1", "M1", "M2", "AN", "SN", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "KW", "U1", "U2", "U3", "U4", "U5"));

        var doi = Identifiers.NormalizeDoi(raw.First("DO", "DI"))
                  ?? urls.Where(u => u.Contains("doi.org/", StringComparison.OrdinalIgnoreCase)).Select(Identifiers.NormalizeDoi).FirstOrDefault(d => d is not null)
                  ?? LabelledId.Doi(freeText);
        var database = raw.First("DB", "DP")?.ToLowerInvariant() ?? "";
        var an = raw.First("AN");
        var pmid = LabelledId.Pmid(an)
                   ?? (NonPubMedDatabases.Any(database.Contains) ? null : Identifiers.NormalizePmid(an))
                   ?? urls.Select(Identifiers.PmidFromUrl).FirstOrDefault(p => p is not null)
                   ?? LabelledId.Pmid(freeText);
        var pmcid = raw.All("C2").Select(Identifiers.NormalizePmcid).FirstOrDefault(p => p is not null) ?? LabelledId.Pmcid(freeText);

        var url = urls.FirstOrDefault();
        var nctIds = registered.Concat(Identifiers.FindNctIds(freeText + "\n" + string.Join(' ', urls))).Distinct(StringComparer.Ordinal).ToList();
        var genre = raw.First("M3");
        var isTrial = (BibText.IsRegistryStudyUrl(url) && journal is null)
                      || BibText.IsTrialRegistrationGenre(genre)
                      || (database.Contains("clinicaltrials.gov", StringComparison.Ordinal) && nctIds.Count > 0 && journal is null);

        return new BibRecord
        {
            Kind = isTrial ? BibRecordKind.RegisteredTrial : BibRecordKind.Publication,
            SourceKey = raw.First("ID"),
            Title = title,
            Authors = people,
            Groups = groups,
            AuthorsTruncated = truncated,
            Journal = journal,
            JournalAbbreviation = abbreviation,
            Year = year,
            Month = month,
            Day = day,
            Volume = raw.First("VL"),
            Issue = raw.First("IS"),
            Pages = pages,
            Doi = doi,
            Pmid = pmid,
            Pmcid = pmcid,
            NctIds = nctIds,
            Url = url,
            Abstract = BibText.Clean(raw.First("AB") ?? raw.First("N2")),
            PublicationType = raw.First("M3") ?? BibText.Clean(raw.Type),
            Keywords = BibText.DistinctClean(raw.All("KW").SelectMany(k => k.Split(';'))),
            Note = note,
            Sponsor = isTrial ? raw.First("PB") : null,
            Form = PublicationForms.FromRis(raw.Type),
            Publisher = isTrial ? null : raw.First("PB"),
            PublisherPlace = raw.First("CY"),
        };
    }

    // "TY  - JOUR", "ER  - ", "ER  -": a two-character tag, two spaces (one tolerated), a hyphen, then the value.
    [GeneratedRegex(@"^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TagLine();
}
