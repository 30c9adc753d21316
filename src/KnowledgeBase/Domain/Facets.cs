namespace KnowledgeBase.Domain;

/// <summary>
/// Where the cells came from, normalised from a record's free-text cell source for browsing.
/// A record can name several sources (a review of bone-marrow and adipose trials), so this is a set;
/// it is stored as an integer bit mask so that "any of these" is one bitwise test.
/// </summary>
[Flags]
public enum CellSourceFacets
{
    None = 0,
    BoneMarrow = 1,
    Adipose = 2,
    UmbilicalCord = 4,
    Placenta = 8,
    PeripheralBlood = 16,
    Various = 32,
    Other = 64,
    NotStated = 128,
}

/// <summary>How the therapy was given, normalised from free text; a set, like <see cref="CellSourceFacets"/>.</summary>
[Flags]
public enum RouteFacets
{
    None = 0,
    Intrathecal = 1,
    Intravenous = 2,
    Intramuscular = 4,
    Intraspinal = 8,
    Intracerebral = 16,
    Various = 32,
    Other = 64,
    NotStated = 128,
}

/// <summary>What kind of evidence a study or trial is, from its kind and design, strongest first.</summary>
public enum EvidenceLevel
{
    RandomisedControlled,
    NonRandomised,
    CaseReportOrSeries,
    Review,
    RegistryRecord,
    PressReleaseOrOther,
    NotStated,
}

/// <summary>A trial's recruitment status, normalised to ClinicalTrials.gov's vocabulary.</summary>
public enum TrialStatusFacet
{
    NotYetRecruiting,
    Recruiting,
    EnrollingByInvitation,
    ActiveNotRecruiting,
    Suspended,
    Terminated,
    Completed,
    Withdrawn,
    Unknown,
    NotStated,
}
