using KnowledgeBase.Domain;

namespace KnowledgeBase.Web.Features.Claims;

public sealed record ClaimDetailsViewModel(
    int Id,
    string Quote,
    string Prefix,
    string Suffix,
    int Start,
    int End,
    ClaimStatus Status,
    bool IsOrphaned,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int SourceId,
    string SourceTitle,
    IReadOnlyList<EvidenceLinkRow> Links)
{
    public int Version { get; init; }
    public string CreatedBy { get; init; } = "";
    public IReadOnlyList<string> DetectionSignals { get; init; } = [];

    /// <summary>Studies and trials the claim most likely rests on, best first, with the reasons.</summary>
    public IReadOnlyList<SuggestionRow> Suggestions { get; init; } = [];

    /// <summary>Claims from other sources that say the same thing, with the evidence recorded for them.</summary>
    public IReadOnlyList<SimilarClaimRow> SimilarClaims { get; init; } = [];

    /// <summary>The evidence search box: what was asked and what matched.</summary>
    public string? Query { get; init; }
    public IReadOnlyList<EvidenceOption> SearchResults { get; init; } = [];

    /// <summary>The form that records a new link, pre-filled from a chosen suggestion or search result.</summary>
    public EvidenceLinkForm NewLink { get; init; } = new();
    public EvidenceOption? NewLinkTarget { get; init; }

    /// <summary>Why "Cites explicitly" is pre-selected (the claim names the chosen record), or null: the editor picks.</summary>
    public string? RelationPreselectedBecause { get; init; }

    /// <summary>Set when an edit was refused because someone else saved first.</summary>
    public ConflictNotice? Conflict { get; init; }

    /// <summary>The claim-span form, re-shown with the editor's text after a refused save.</summary>
    public ClaimSpanForm SpanForm { get; init; } = new();
}

/// <summary>A study or trial offered as the target of a link.</summary>
public sealed record EvidenceOption(string Target, string Label, string Detail, string Href);

public sealed record SuggestionRow(EvidenceOption Option, double Score, IReadOnlyList<string> Reasons, bool AlreadyLinked)
{
    /// <summary>Shown, but labelled a weak match.</summary>
    public bool Weak { get; init; }

    /// <summary>The reason showing the claim itself names this record (author, journal, identifier...), if any.</summary>
    public string? NamedBy { get; init; }
}

/// <summary>What changed meanwhile: the other editor's saved changes since this editor opened the page.</summary>
public sealed record ConflictNotice(string Message, IReadOnlyList<ConflictChange> TheirChanges);

public sealed record ConflictChange(string Actor, DateTime At, string Field, string? Before, string? After);

public sealed record EvidenceLinkRow(
    int Id,
    EvidenceRelation Relation,
    EvidenceAssessment? Assessment,
    int? StudyId,
    string? StudyTitle,
    string? StudyShortLabel,
    int? TrialId,
    string? TrialNctId,
    string? TrialTitle,
    string? Note,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public int Version { get; init; }

    /// <summary>The edit form of this link, re-shown with the editor's values after a refused save.</summary>
    public EvidenceLinkForm? PendingEdit { get; init; }
}
