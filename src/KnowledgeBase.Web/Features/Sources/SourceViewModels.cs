using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;

namespace KnowledgeBase.Web.Features.Sources;

public sealed record SourceListViewModel(
    IReadOnlyList<SourceRow> Sources,
    IReadOnlyList<FacetGroup> Facets,
    BrowsePaging Paging,
    IReadOnlyList<SortOption> Sorts,
    IReadOnlyList<string> Unknown)
{
    public bool Filtered => Facets.Any(f => f.AnySelected);
}

/// <summary>The sources list's orders, in the URL as <c>sort=newest|oldest|title|claims</c>.</summary>
public enum SourceSort
{
    Newest,
    Oldest,
    Title,
    Claims,
}

public sealed record SourceRow(
    int Id,
    string Title,
    TitleOrigin TitleOrigin,
    string? Publisher,
    string FileName,
    int PartIndex,
    DateTime ImportedAt,
    int ClaimCount,
    int CandidateCount,
    int ConfirmedCount)
{
    public IReadOnlyList<TaxonomyEntry> TherapyKinds { get; init; } = [];
    public IReadOnlyList<TaxonomyEntry> Conditions { get; init; } = [];

    /// <summary>How many articles the source's file held (a file can hold several).</summary>
    public int ArticlesInFile { get; init; } = 1;
}

public sealed record SourceDetailsViewModel(
    int Id,
    string Title,
    TitleOrigin TitleOrigin,
    string? Publisher,
    string? Url,
    string FileName,
    int PartIndex,
    DateTime ImportedAt,
    DateTime? UpdatedAt,
    string ContentHash,
    int TextLength,
    HighlightedText Text,
    IReadOnlyList<SourceClaimRow> Claims,
    IReadOnlyList<SourceClaimRow> NotInText,
    IReadOnlyList<SourceReferenceRow> References)
{
    /// <summary>All the source's claims, on every page.</summary>
    public int ClaimCount => TotalClaimCount ?? Claims.Count + NotInText.Count;

    public int? TotalClaimCount { get; init; }

    /// <summary>Whether any study or trial is linked to a claim or resolved from a reference: otherwise there is no evidence list to download.</summary>
    public bool HasEvidence { get; init; }

    /// <summary>The page of the text shown (the whole text for all but very long sources).</summary>
    public TextPage Page { get; init; } = new(1, 0, TextLength);

    public int PageCount { get; init; } = 1;

    /// <summary>The original text was too long to re-parse for the list of removed lines.</summary>
    public bool StrippedSkipped { get; init; }

    public SourceClassificationView Classification { get; init; } = new([], []);

    public bool ClassificationCorrected { get; init; }

    /// <summary>The source's version when the page was built (the correction form's concurrency check).</summary>
    public int Version { get; init; }

    public IReadOnlyList<KnowledgeBase.Importing.Articles.StrippedLine> Stripped { get; init; } = [];

    /// <summary>Whether today's rules clean the original text into the stored cleaned text (else the list is today's view).</summary>
    public bool StrippedIsCurrent { get; init; } = true;

    /// <summary>Claims that have a highlight in the text (their anchor is the highlight, not the list entry).</summary>
    public bool IsHighlighted(int claimId) => Text.PlacedIds.Contains(claimId);
}

public sealed record SourceClaimRow(int Id, string Quote, int Start, int End, ClaimStatus Status, bool IsOrphaned, int LinkCount);

public sealed record SourceReferenceRow(
    int Ordinal,
    string Label,
    string Text,
    string? Url,
    string? Pmid,
    string? Doi,
    string? NctId,
    int? StudyId,
    string? StudyTitle,
    int? TrialId,
    string? TrialNctId);

public sealed record SourceOriginalViewModel(int Id, string Title, string FileName, int PartIndex, string ContentHash, string OriginalText)
{
    /// <summary>The original text's length when <see cref="OriginalText"/> is only its beginning.</summary>
    public int? FullLength { get; init; }
}

/// <summary>A source's classification as badges.</summary>
public sealed record SourceClassificationView(IReadOnlyList<TaxonomyEntry> TherapyKinds, IReadOnlyList<TaxonomyEntry> Conditions);

/// <summary>The correction form: the therapy kinds and conditions chosen, and the source version the page showed.</summary>
public sealed record SourceClassificationForm
{
    public string[]? Kind { get; init; }
    public string[]? Condition { get; init; }
    public int Version { get; init; }
}
