using KnowledgeBase.Domain;

namespace KnowledgeBase.Primitives;

/// <summary>
/// The one rule set for which stored study a record is, used by the curated-library import and by reference-file
/// imports (<c>BibliographyImporter</c>) alike. A record is a stored study when one of its identifiers (library id,
/// DOI, PMID, all normalised) names it; when its identifiers name two different studies it is a conflict, never merged
/// silently; a study found by one identifier whose other identifier differs from the record's is a clash. What
/// follows a match differs by design: the curated library's values are authoritative (they replace), a reference
/// file only fills gaps and leaves a clash alone.
/// </summary>
public static class StudyMatching
{
    /// <summary>The distinct studies the record's identifiers found (nulls are identifiers the record lacks or nothing matched).</summary>
    public static StudyMatch Find(params Study?[] foundByIdentifier)
    {
        ArgumentNullException.ThrowIfNull(foundByIdentifier);
        var candidates = foundByIdentifier.OfType<Study>().Distinct().ToList();
        return new StudyMatch(candidates);
    }

    /// <summary>
    /// Which identifier of <paramref name="study"/> differs from the record's ("DOI" or "PMID"), when both sides have it;
    /// null when they agree or one side has none.
    /// </summary>
    public static string? IdentifierClash(Study study, string? doi, string? pmid)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (doi is not null && study.Doi is not null && study.Doi != doi) return "DOI";
        if (pmid is not null && study.Pmid is not null && study.Pmid != pmid) return "PMID";
        return null;
    }
}

/// <summary>The stored studies a record's identifiers name: none (a new study), one (the study it is) or more (a conflict).</summary>
public sealed record StudyMatch(IReadOnlyList<Study> Candidates)
{
    public Study? Study => Candidates.Count == 1 ? Candidates[0] : null;

    public bool IsConflict => Candidates.Count > 1;
}
