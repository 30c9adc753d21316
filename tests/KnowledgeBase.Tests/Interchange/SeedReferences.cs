using System.Text.RegularExpressions;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;
using KnowledgeBase.Interchange;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>
/// The real reference library (seeds/reference-library.json) as <see cref="BibRecord"/>s, for the writer tests.
/// </summary>
/// <remarks>
/// The library's author strings are read honestly: "Petrou P, Gothelf Y, Argov Z, et al. (full author list
/// not retrieved)" gives three people and a truncated list; "U.S. FDA Cellular, Tissue and Gene Therapies
/// Advisory Committee (reported by news sources)" a corporate author and a note; "(protocol authors not
/// retrieved)" no author at all. A registry entry has no author: its sponsor ("Mayo Clinic (PI Nathan P.
/// Staff); AAN 2024 abstract: Staff N, …") is its publisher, and the people named go to the note. Titles and
/// journals are kept as the curators wrote them (their remarks, such as "(title not retrieved)", stay
/// visible in a citation); remarks attached to a volume or page number ("12 (inferred)",
/// "e2294-(end page UNVERIFIED)") go to the note, leaving the number.
/// </remarks>
internal static partial class SeedReferences
{
    private static readonly Lazy<IReadOnlyList<(LibraryRecord Library, BibRecord Record)>> All = new(Load);

    public static IReadOnlyList<BibRecord> Records => All.Value.Select(x => x.Record).ToList();

    public static IReadOnlyList<(LibraryRecord Library, BibRecord Record)> Pairs => All.Value;

    public static BibRecord Get(string id) => All.Value.Single(x => x.Library.Id == id).Record;

    private static List<(LibraryRecord, BibRecord)> Load()
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.Seeds, "reference-library.json"));
        return ReferenceLibraryParser.Parse(json).Select(r => (r, ToBibRecord(r))).ToList();
    }

    public static BibRecord ToBibRecord(LibraryRecord library)
    {
        var notes = new List<string>();
        var isTrial = library.Kind == StudyKind.RegistryRecord;
        var (people, corporate, truncated, remarks) = ReadAuthors(library.Authors, isTrial);
        notes.AddRange(remarks);

        var volume = Number(library.Volume, "volume", notes);
        var pages = Number(library.Pages, "pages", notes);
        if (library.Unverified.Count > 0) notes.Add("Not confirmed: " + string.Join("; ", library.Unverified));

        var sponsor = isTrial ? corporate : null;
        var url = isTrial && library.NctIds.Count > 0 ? $"https://clinicaltrials.gov/study/{library.NctIds[0]}"
            : library.Doi is not null ? $"https://doi.org/{library.Doi}"
            : library.Pmid is not null ? $"https://pubmed.ncbi.nlm.nih.gov/{library.Pmid}/"
            : null;

        return new BibRecord
        {
            Kind = isTrial ? BibRecordKind.RegisteredTrial : BibRecordKind.Publication,
            SourceKey = library.Id,
            Title = library.Title,
            Authors = people,
            CorporateAuthor = corporate,
            AuthorsTruncated = truncated,
            Journal = isTrial ? null : library.Journal,
            Year = library.Year,
            Volume = volume,
            Issue = library.Issue,
            Pages = pages,
            Doi = library.Doi,
            Pmid = library.Pmid,
            Pmcid = library.Pmcid,
            NctIds = library.NctIds,
            Url = url,
            PublicationType = PublicationTypeOf(library.Kind),
            Note = notes.Count == 0 ? null : string.Join(". ", notes.Select(n => n.TrimEnd('.'))) + ".",
            Sponsor = sponsor,
            PhaseText = isTrial ? library.Phase : null,
            Design = isTrial ? library.Design : null,
            Enrollment = isTrial ? library.Participants : null,
        };
    }

    private static string PublicationTypeOf(StudyKind kind) => kind switch
    {
        StudyKind.TrialReport => "Clinical Trial",
        StudyKind.TrialProtocol => "Clinical Trial Protocol",
        StudyKind.ObservationalStudy => "Observational Study",
        StudyKind.SystematicReview => "Systematic Review",
        StudyKind.NarrativeReview => "Review",
        StudyKind.Survey => "Survey",
        StudyKind.PressRelease => "Press Release",
        StudyKind.RegulatoryDecision => "Regulatory Document",
        StudyKind.RegistryRecord => "Registered clinical trial",
        _ => "Journal Article",
    };

    /// <summary>"12 (inferred)" → "12" and a note "volume: inferred"; "e2294-(end page UNVERIFIED)" → "e2294".</summary>
    private static string? Number(string? value, string field, List<string> notes)
    {
        if (value is null) return null;
        var m = NumberWithRemark().Match(value);
        if (!m.Success) return value;
        notes.Add($"{field}: {m.Groups["remark"].Value.Trim()}");
        return m.Groups["number"].Value.Trim();
    }

    private static (List<PersonName> People, string? Corporate, bool Truncated, List<string> Remarks) ReadAuthors(string? authors, bool isTrial)
    {
        var people = new List<PersonName>();
        var remarks = new List<string>();
        string? corporate = null;
        var truncated = false;
        if (string.IsNullOrWhiteSpace(authors)) return (people, null, false, remarks);

        if (isTrial)
        {
            // "Brainstorm-Cell Therapeutics (sponsor); protocol BCT-006": the sponsor, then remarks.
            var first = authors.Split(';')[0];
            corporate = Parenthetical().Replace(first, "").Trim();
            remarks.Add("Authors as recorded: " + authors.Trim());
            return (people, corporate, false, remarks);
        }

        var givenNames = new Queue<string>();
        foreach (Match m in Parenthetical().Matches(authors))
        {
            var remark = m.Groups[1].Value.Trim();
            var given = FirstAuthorGiven().Match(remark);
            if (given.Success) givenNames.Enqueue(given.Groups[1].Value);
            if (remark.Contains("not retrieved", StringComparison.OrdinalIgnoreCase)) truncated = true;
            remarks.Add("Authors: " + remark);
        }

        var text = Parenthetical().Replace(authors, " ").Trim();
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var nonPersons = new List<string>();
        foreach (var part in parts)
        {
            if (part.TrimEnd('.').Equals("et al", StringComparison.OrdinalIgnoreCase))
            {
                truncated = true;
                continue;
            }

            var person = Person().Match(part);
            if (person.Success)
            {
                var initials = person.Groups["initials"].Value;
                var given = people.Count == 0 && givenNames.Count > 0 ? givenNames.Dequeue() : string.Join(' ', initials.Select(c => c + "."));
                people.Add(new PersonName(person.Groups["family"].Value, given));
            }
            else
            {
                nonPersons.Add(part);
            }
        }

        if (people.Count == 0)
        {
            // No person: the text left is an organisation ("U.S. FDA Cellular, Tissue and Gene Therapies
            // Advisory Committee"), or nothing when the whole string was a remark.
            truncated = false;
            if (nonPersons.Count > 0) corporate = string.Join(", ", nonPersons);
        }

        return (people, corporate, truncated && people.Count > 0, remarks);
    }

    [GeneratedRegex(@"\(([^()]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Parenthetical();

    [GeneratedRegex(@"first author given name:\s*(\p{L}+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FirstAuthorGiven();

    // "Petrou P", "Abdul Wahid SF", "Zdolińska-Malinowska I", "Bin Lajdam G", "Bulte JWM".
    [GeneratedRegex(@"^(?<family>\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)*) (?<initials>\p{Lu}{1,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex Person();

    [GeneratedRegex(@"^(?<number>[A-Za-z]?\d+)\s*-?\s*\((?<remark>[^()]*)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberWithRemark();
}
