using System.Text.RegularExpressions;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Interchange;

/// <summary>
/// Turns the knowledge base's studies and trials into format-neutral records for export.
/// </summary>
/// <remarks>
/// The curators' author strings are read honestly: "Petrou P, Gothelf Y, Argov Z, et al. (full author list
/// not retrieved)" gives three people and a truncated list; "U.S. FDA Cellular, Tissue and Gene Therapies
/// Advisory Committee (reported by news sources)" a corporate author and a note; "(protocol authors not
/// retrieved)" no author at all. A registry entry has no author: its sponsor is its publisher, and the
/// people named go to the note. Titles and journals are kept as the curators wrote them; remarks attached to
/// a volume or page number ("12 (inferred)", "e2294-(end page UNVERIFIED)") go to the note, leaving the
/// number. Facts the curators could not confirm are named in the note ("Not confirmed: ..."), so an exported
/// reference never passes them off as confirmed.
/// </remarks>
public static partial class BibRecordMapping
{
    /// <summary>A study as a bibliographic record; reads its <see cref="Study.Trials"/> when loaded.</summary>
    public static BibRecord FromStudy(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var notes = new List<string>();
        var isTrial = study.Kind == StudyKind.RegistryRecord;
        List<PersonName> people;
        List<string> groups;
        string? corporate = null;
        bool truncated;
        List<string> remarks;
        if (!isTrial && study.AuthorNames is { Count: > 0 })
        {
            // The names as imported. The display string says more only when it is the curators' own text (remarks);
            // when it is just the names' display (most studies), there is nothing in it to parse.
            (people, groups) = StudyAuthors.Read(study.AuthorNames);
            if (study.Authors == StudyAuthors.Display(study.AuthorNames))
            {
                remarks = [];
                truncated = false;
            }
            else if (study.Authors is { } text && !text.Contains('(', StringComparison.Ordinal))
            {
                // Usually the names' display and ", et al." (a quarter of a large library): no remark to read, and
                // only whether the list is cut, which needs no list of people.
                remarks = [];
                truncated = CutWithoutRemarks(text);
            }
            else
            {
                (_, _, truncated, remarks) = ReadAuthors(study.Authors, isTrial);
            }
        }
        else
        {
            (people, corporate, truncated, remarks) = ReadAuthors(study.Authors, isTrial);
            groups = corporate is null ? [] : [corporate];
        }

        notes.AddRange(remarks);
        var volume = Number(study.Volume, "volume", notes);
        var pages = Number(study.Pages, "pages", notes);
        if (study.Unverified.Count > 0) notes.Add("Not confirmed: " + string.Join("; ", study.Unverified));

        List<string> nctIds = study.Trials.Count == 0 ? [] : study.Trials.Select(t => t.NctId).Order(StringComparer.Ordinal).ToList();
        return new BibRecord
        {
            Kind = isTrial ? BibRecordKind.RegisteredTrial : BibRecordKind.Publication,
            SourceKey = study.LibraryId,
            Title = study.Title,
            Authors = people,
            Groups = groups,
            AuthorsTruncated = (truncated || study.AuthorsTruncated) && (people.Count > 0 || groups.Count > 0),
            Journal = isTrial ? null : study.Journal,
            Year = study.Year,
            Volume = volume,
            Issue = study.Issue,
            Pages = pages,
            Doi = study.Doi,
            Pmid = study.Pmid,
            Pmcid = study.Pmcid,
            NctIds = nctIds,
            Url = isTrial && nctIds.Count > 0 ? $"https://clinicaltrials.gov/study/{nctIds[0]}"
                : study.Doi is not null ? $"https://doi.org/{study.Doi}"
                : study.Pmid is not null ? $"https://pubmed.ncbi.nlm.nih.gov/{study.Pmid}/"
                : null,
            PublicationType = PublicationTypeOf(study.Kind),
            Form = isTrial ? null : study.PublicationForm,
            Publisher = isTrial ? null : study.Publisher,
            PublisherPlace = isTrial ? null : study.PublisherPlace,
            Abstract = study.Abstract,
            Note = notes.Count == 0 ? null : string.Join(". ", notes.Select(n => n.TrimEnd('.'))) + ".",
            Sponsor = isTrial ? corporate : null,
            PhaseText = isTrial ? study.PhaseText : null,
            Design = isTrial ? study.Design : null,
            Enrollment = isTrial ? study.Participants : null,
        };
    }

    /// <summary>A registered trial as a record pointing at its ClinicalTrials.gov entry.</summary>
    public static BibRecord FromTrial(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new BibRecord
        {
            Kind = BibRecordKind.RegisteredTrial,
            SourceKey = trial.NctId,
            Title = trial.Title ?? $"Registered clinical trial {trial.NctId}",
            CorporateAuthor = trial.Sponsor,
            NctIds = [trial.NctId],
            Url = $"https://clinicaltrials.gov/study/{trial.NctId}",
            PublicationType = "Registered clinical trial",
            Phase = trial.Phase,
            PhaseText = trial.PhaseText,
            Status = trial.Status,
            Enrollment = trial.Enrollment,
            Sponsor = trial.Sponsor,
            Design = trial.Design,
            Interventions = trial.Interventions.Count > 0 ? trial.Interventions : trial.Intervention is null ? [] : [trial.Intervention],
            Conditions = trial.Conditions,
            PrimaryOutcomes = trial.PrimaryOutcomes,
            Abstract = trial.Summary,
            Note = trial.Unverified.Count == 0 ? null : "Not confirmed: " + string.Join("; ", trial.Unverified),
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

    /// <summary>
    /// The structured names in an author text as the curated library writes it ("Petrou P, Gothelf Y, et al. (full author
    /// list not retrieved)"; an organisation; remarks in parentheses), for <see cref="Study.AuthorNames"/>; none for a
    /// registry entry, whose "authors" are its sponsor and remarks.
    /// </summary>
    public static List<AuthorName> AuthorNamesIn(string? authors, bool isTrial)
    {
        if (isTrial) return [];
        var (people, corporate, _, _) = ReadAuthors(authors, isTrial: false);
        return StudyAuthors.Names(people, corporate is null ? [] : [corporate]);
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
            corporate = Parenthetical().Replace(authors.Split(';')[0], "").Trim();
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

        var nonPersons = new List<string>();
        foreach (var part in Parenthetical().Replace(authors, " ").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
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
            // No person: what is left names an organisation, or nothing when the whole string was a remark.
            truncated = false;
            if (nonPersons.Count > 0) corporate = string.Join(", ", nonPersons);
        }
        return (people, corporate, truncated && people.Count > 0, remarks);
    }

    /// <summary>
    /// What <see cref="ReadAuthors"/> says of an author text without parentheses (so without remarks) as to whether the list
    /// is cut: an "et al." part and at least one part that reads as a person, without listing the people.
    /// </summary>
    private static bool CutWithoutRemarks(string authors)
    {
        bool etAl = false, person = false;
        var text = authors.AsSpan();
        foreach (var range in text.Split(','))
        {
            var part = text[range].Trim();
            if (part.IsEmpty) continue;
            if (part.TrimEnd('.').Equals("et al", StringComparison.OrdinalIgnoreCase)) etAl = true;
            else if (!person) person = Person().IsMatch(part);
            if (etAl && person) return true;
        }

        return false;
    }

    [GeneratedRegex(@"\(([^()]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Parenthetical();

    [GeneratedRegex(@"first author given name:\s*(\p{L}+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FirstAuthorGiven();

    // "Petrou P", "Abdul Wahid SF", "Zdolińska-Malinowska I", "Bin Lajdam G", "Bulte JWM".
    [GeneratedRegex(@"^(?<family>\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)*) (?<initials>\p{Lu}{1,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex Person();

    [GeneratedRegex(@"^(?<number>[A-Za-z]?[0-9]+)\s*-?\s*\((?<remark>[^()]*)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberWithRemark();
}
