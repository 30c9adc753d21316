namespace KnowledgeBase.Linking.TrialComparison;

/// <summary>The aspects a claim is compared on, in the order a reader meets them.</summary>
public enum ComparedAspect
{
    Phase,
    Enrolment,
    Status,
    Results,
    PrimaryOutcome,
    Approval,
    ProductAndSponsor,
    Numbers,
}

/// <summary>How what the claim says on an aspect stands against the record.</summary>
public enum RowVerdict
{
    /// <summary>The claim says nothing on this aspect: never flagged.</summary>
    ClaimSilent,

    /// <summary>The claim and the record agree.</summary>
    Agrees,

    /// <summary>They differ: a flag says how.</summary>
    Differs,

    /// <summary>The claim's figure measures something else than the record's (a survival rate against a responder rate).</summary>
    NotComparable,

    /// <summary>The record does not say.</summary>
    RecordSilent,
}

/// <summary>One line of the side-by-side table.</summary>
public sealed record ComparisonRow(ComparedAspect Aspect, string ClaimSays, string RecordSays, RowVerdict Verdict);

/// <summary>
/// A difference an editor should look at, with its reason: a suggestion for the editor's assessment, never an
/// assessment. <see cref="Kind"/> is a stable slug ("phase", "approval-outlook"...) used by dismissals and the export.
/// </summary>
public sealed record ComparisonFlag(string Kind, string Reason, ComparedRecordKind RecordKind, int RecordId, string RecordLabel)
{
    /// <summary>The flag rests on a fact the record lists as unverified (its reason says so).</summary>
    public bool RestsOnUnverified { get; init; }

    /// <summary>"trial:12" or "study:5": which record the flag compares with (the key of a dismissal).</summary>
    public string RecordKey => FlagRecords.Key(RecordKind, RecordId);
}

/// <summary>The comparison of one claim with one record.</summary>
public sealed record ClaimComparison(ComparedRecord Record, IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<ComparisonFlag> Flags);

public static class FlagRecords
{
    public static string Key(ComparedRecordKind kind, int id) => (kind == ComparedRecordKind.Trial ? "trial:" : "study:") + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Flag kinds, as written in the export and stored with dismissals.</summary>
public static class FlagKinds
{
    public const string Phase = "phase";
    public const string Enrolment = "enrolment";
    public const string Status = "status";
    public const string NoResults = "no-results";
    public const string PrimaryOutcome = "primary-outcome";
    public const string Figure = "figure";
    public const string Approval = "approval";
    public const string ApprovalOutlook = "approval-outlook";
    public const string Designation = "designation";
    public const string Product = "product";
    public const string RecordChanged = "record-changed";

    public static IReadOnlyList<string> All { get; } = [Phase, Enrolment, Status, NoResults, PrimaryOutcome, Figure, Approval, ApprovalOutlook, Designation, Product, RecordChanged];
}
