using KnowledgeBase.Domain;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange;

/// <summary>The bibliographic formats the knowledge base reads (and, except the registry's, writes).</summary>
public enum BibFormat
{
    Ris,
    BibTex,
    CslJson,

    /// <summary>PubMed's MEDLINE / .nbib tagged format.</summary>
    Medline,

    /// <summary>ClinicalTrials.gov API v2 study JSON (one study, an array, or a page with "studies").</summary>
    ClinicalTrialsGov,

    /// <summary>Web of Science's tagged export ("FN ... Web of Science", "PT J" ... "ER"); read, not written.</summary>
    WebOfScience,
}

public static class BibFormatNames
{
    /// <summary>The name people know the format by ("RIS", "CSL-JSON", "ClinicalTrials.gov study JSON"), for messages and pages.</summary>
    public static string DisplayName(this BibFormat format) => format switch
    {
        BibFormat.Ris => "RIS",
        BibFormat.BibTex => "BibTeX",
        BibFormat.CslJson => "CSL-JSON",
        BibFormat.Medline => "PubMed MEDLINE",
        BibFormat.ClinicalTrialsGov => "ClinicalTrials.gov study JSON",
        BibFormat.WebOfScience => "Web of Science",
        _ => format.ToString(),
    };
}

/// <summary>Whether a record describes a publication (a Study) or a registered trial (a Trial).</summary>
public enum BibRecordKind
{
    Publication,
    RegisteredTrial,
}

/// <summary>A person's name as citation formats need it.</summary>
public sealed record PersonName(string Family, string? Given = null)
{
    /// <summary>Initials without dots or spaces, as Vancouver/MEDLINE write them ("JD" for "John David").</summary>
    public string Initials => InitialsOf(Given);

    /// <summary>The first letter of each part between spaces, hyphens and dots, upper-cased; one string, nothing else allocated (every export reads it per author).</summary>
    private static string InitialsOf(string? given)
    {
        if (string.IsNullOrEmpty(given)) return "";
        Span<char> initials = given.Length <= 128 ? stackalloc char[given.Length] : new char[given.Length];
        var count = 0;
        var partStarts = true;
        foreach (var c in given)
        {
            if (c is ' ' or '-' or '.')
            {
                partStarts = true;
            }
            else if (partStarts)
            {
                initials[count++] = char.ToUpperInvariant(c);
                partStarts = false;
            }
        }

        return new string(initials[..count]);
    }
}

/// <summary>
/// One bibliographic record, format-neutral: what a parser produces and what a writer consumes.
/// Identifiers are normalised (see <see cref="KnowledgeBase.Primitives.Identifiers"/>).
/// </summary>
public sealed record BibRecord
{
    public BibRecordKind Kind { get; init; } = BibRecordKind.Publication;

    /// <summary>The record's key in its file (RIS ID, BibTeX citation key, CSL-JSON id), if any.</summary>
    public string? SourceKey { get; init; }

    public string? Title { get; init; }
    public IReadOnlyList<PersonName> Authors { get; init; } = [];

    /// <summary>
    /// Authors kept whole, each as its source gave it: groups ("Mayo Clinic", "U.S. FDA Advisory Committee") and names
    /// whose family and given parts cannot be told apart (a CSL <c>literal</c>), after the people.
    /// </summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The group authors as one text ("A; B"), or, set, the one group author (a trial's sponsor).</summary>
    public string? CorporateAuthor
    {
        get => Groups.Count == 0 ? null : string.Join("; ", Groups);
        init => Groups = string.IsNullOrWhiteSpace(value) ? [] : [value];
    }

    /// <summary>True when the author list is known to be incomplete ("et al." in the source).</summary>
    public bool AuthorsTruncated { get; init; }

    public string? Journal { get; init; }
    public string? JournalAbbreviation { get; init; }
    public int? Year { get; init; }
    public int? Month { get; init; }
    public int? Day { get; init; }
    public string? Volume { get; init; }
    public string? Issue { get; init; }

    /// <summary>Pages or article number as printed ("337-344", "e2294", "783122").</summary>
    public string? Pages { get; init; }

    public string? Doi { get; init; }
    public string? Pmid { get; init; }
    public string? Pmcid { get; init; }
    public IReadOnlyList<string> NctIds { get; init; } = [];
    public string? Url { get; init; }

    /// <summary>The abstract, or for a registered trial its summary (brief summary, then detailed description after a blank line).</summary>
    public string? Abstract { get; init; }

    /// <summary>Publication type as the source states it ("Journal Article", "Randomized Controlled Trial", "Review", "article-journal"...).</summary>
    public string? PublicationType { get; init; }

    /// <summary>What was published (book, chapter, report...), from the format's type; null when it does not say.</summary>
    public PublicationForm? Form { get; init; }

    /// <summary>The publisher (a report's institution, a thesis's school) and where it is.</summary>
    public string? Publisher { get; init; }

    public string? PublisherPlace { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>A free note carried through exports (e.g. which facts are unverified).</summary>
    public string? Note { get; init; }

    // Registered trials (ClinicalTrials.gov)
    public TrialPhase? Phase { get; init; }
    public string? PhaseText { get; init; }
    public string? Status { get; init; }
    public int? Enrollment { get; init; }

    /// <summary>Whether the registry holds posted results (ClinicalTrials.gov's <c>hasResults</c>); null when it does not say.</summary>
    public bool? ResultsPosted { get; init; }
    public string? Sponsor { get; init; }
    public string? Design { get; init; }
    public IReadOnlyList<string> Interventions { get; init; } = [];
    public IReadOnlyList<string> Conditions { get; init; } = [];
    public IReadOnlyList<string> PrimaryOutcomes { get; init; } = [];

    /// <summary>PubMed ids of publications the registry lists as reporting this trial.</summary>
    public IReadOnlyList<string> ReferencedPmids { get; init; } = [];

    /// <summary>The publications the registry lists as reporting this trial (its RESULT and DERIVED references with a PMID), with the citation it gives.</summary>
    public IReadOnlyList<ListedPublication> ListedPublications { get; init; } = [];
}

/// <summary>A publication a registry entry lists: its PubMed id, the citation text the registry gives, and the registry's reference type.</summary>
public sealed record ListedPublication(string Pmid, string? Citation, string Type);

/// <summary>A record and the 1-based line where it starts in its file.</summary>
public sealed record ParsedEntry(BibRecord Record, int Line);

/// <summary>A record that could not be read: where, which (key or title when known), and why. Other records still import.</summary>
public sealed record EntryError(int Line, string? Key, string Message);

public sealed record BibParseResult(BibFormat Format, IReadOnlyList<ParsedEntry> Entries, IReadOnlyList<EntryError> Errors);
