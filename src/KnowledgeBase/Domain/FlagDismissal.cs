namespace KnowledgeBase.Domain;

/// <summary>
/// An editor's dismissal of a claim-vs-record flag (Linking/TrialComparison), with the reason. Flags are computed from
/// the claim and the record on every view, so a dismissal names the flag by its kind and the record it compares with;
/// the flag stays on the page, shown as dismissed with the note.
/// </summary>
public sealed class FlagDismissal
{
    public const int KindLength = 40;
    public const int RecordLength = 40;
    public const int NoteLength = 4000;

    public int Id { get; set; }
    public int ClaimId { get; set; }
    public Claim? Claim { get; set; }

    /// <summary>The flag's kind ("primary-outcome", "approval-outlook"...).</summary>
    public required string FlagKind { get; set; }

    /// <summary>The record compared with: "trial:12" or "study:5".</summary>
    public required string Record { get; set; }

    public required string Note { get; set; }
    public required string DismissedBy { get; set; }
    public DateTime DismissedAt { get; set; }
}
