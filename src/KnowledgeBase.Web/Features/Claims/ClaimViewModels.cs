using KnowledgeBase.Domain;
using KnowledgeBase.Linking.TrialComparison;

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
    public double? Confidence { get; init; }

    /// <summary>Studies and trials the claim most likely rests on, best first, with the reasons.</summary>
    public IReadOnlyList<SuggestionRow> Suggestions { get; init; } = [];

    /// <summary>Claims from other sources that say the same thing, with the evidence recorded for them.</summary>
    public IReadOnlyList<SimilarClaimRow> SimilarClaims { get; init; } = [];

    /// <summary>The claim held against each linked trial (and each trial a linked study reports): rows and flags.</summary>
    public IReadOnlyList<RecordCheckView> RecordChecks { get; init; } = [];

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
/// <param name="Busy">Not saved because the database was busy (another long write), not because someone changed the claim.</param>
public sealed record ConflictNotice(string Message, IReadOnlyList<ConflictChange> TheirChanges, bool Busy = false);

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

/// <summary>One record's side-by-side comparison on the claim page, its flags with their dismissals.</summary>
public sealed record RecordCheckView(ClaimComparison Comparison, IReadOnlyList<FlagView> Flags)
{
    public ComparedRecord Record => Comparison.Record;

    public string Href => Record.Kind == ComparedRecordKind.Trial ? $"/trials/{Record.Id}" : $"/studies/{Record.Id}";

    public string Heading => Record.Kind == ComparedRecordKind.Trial ? $"Trial {Record.NctId}" : Record.Label;

    public string RecordColumn => Record.Kind == ComparedRecordKind.Trial ? "The registry record says" : "The study says";

    public static IReadOnlyList<RecordCheckView> For(IReadOnlyList<ClaimComparison> comparisons, IReadOnlyList<FlagDismissalView>? dismissals = null) =>
        comparisons.Select(c => new RecordCheckView(c, c.Flags.Select(f => new FlagView(f, dismissals?.FirstOrDefault(d => d.Matches(f)))).ToList())).ToList();

    public static string Aspect(ComparedAspect aspect) => aspect switch
    {
        ComparedAspect.Phase => "Phase",
        ComparedAspect.Enrolment => "Enrolment and participants",
        ComparedAspect.Status => "Status",
        ComparedAspect.Results => "Results posted or reported",
        ComparedAspect.PrimaryOutcome => "Primary outcome",
        ComparedAspect.Approval => "Approval and designations",
        ComparedAspect.ProductAndSponsor => "Sponsor and product",
        _ => "Numbers (percentages, survival)",
    };

    public static string Verdict(RowVerdict verdict) => verdict switch
    {
        RowVerdict.Agrees => "agrees",
        RowVerdict.Differs => "differs",
        RowVerdict.NotComparable => "not comparable",
        RowVerdict.RecordSilent => "the record does not say",
        _ => "the claim says nothing",
    };

    public static string Kind(string kind) => kind switch
    {
        FlagKinds.Phase => "Phase",
        FlagKinds.Enrolment => "Enrolment",
        FlagKinds.Status => "Status",
        FlagKinds.NoResults => "No results",
        FlagKinds.PrimaryOutcome => "Primary outcome",
        FlagKinds.Figure => "Figure",
        FlagKinds.Approval => "Approval",
        FlagKinds.ApprovalOutlook => "Approval outlook",
        FlagKinds.Designation => "Designation",
        FlagKinds.Product => "Product",
        FlagKinds.RecordChanged => "Record changed",
        _ => kind,
    };
}

/// <summary>A flag and, when an editor dismissed it, the dismissal.</summary>
public sealed record FlagView(ComparisonFlag Flag, FlagDismissalView? Dismissal);

/// <summary>An editor's dismissal of a flag: which flag (kind and record), the note, who and when.</summary>
public sealed record FlagDismissalView(int Id, string FlagKind, string Record, string Note, string DismissedBy, DateTime DismissedAt)
{
    public bool Matches(ComparisonFlag flag) =>
        flag is not null && string.Equals(flag.Kind, FlagKind, StringComparison.Ordinal) && string.Equals(flag.RecordKey, Record, StringComparison.Ordinal);
}
