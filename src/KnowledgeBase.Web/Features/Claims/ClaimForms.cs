using System.ComponentModel.DataAnnotations;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>Fields every edit form carries to detect that someone else saved first.</summary>
public abstract record ConcurrencyForm
{
    /// <summary>The record's version when the page was rendered.</summary>
    public int Version { get; init; }

    /// <summary>When the page was rendered (UTC ticks): changes after this are shown on a conflict.</summary>
    public long LoadedAt { get; init; }
}

public sealed record ClaimStatusForm : ConcurrencyForm
{
    [Required]
    public ClaimStatus? Status { get; init; }
}

public sealed record ClaimSpanForm : ConcurrencyForm
{
    [Required(ErrorMessage = "Enter the exact words of the claim.")]
    [StringLength(4000, ErrorMessage = "A claim is at most 4,000 characters; split a longer passage into several claims.")]
    public string Quote { get; init; } = "";
}

/// <summary>A new claim on a source: the quote (typed, pasted or selected) and, from a selection, where it starts.</summary>
public sealed record NewClaimForm
{
    [Required(ErrorMessage = "Select or paste the words of the claim.")]
    [StringLength(4000, ErrorMessage = "A claim is at most 4,000 characters; split a longer passage into several claims.")]
    public string Quote { get; init; } = "";

    /// <summary>Approximate offset of the selection in the cleaned text, to choose among repeated passages.</summary>
    public int? Near { get; init; }
}

public sealed record EvidenceLinkForm : ConcurrencyForm
{
    /// <summary>"study:12", "trial:3", or empty for "no citation given".</summary>
    [StringLength(32)]
    public string? Target { get; init; }

    [Required(ErrorMessage = "Choose how the claim relates to the evidence.")]
    public EvidenceRelation? Relation { get; init; }

    public EvidenceAssessment? Assessment { get; init; }

    [StringLength(20_000, ErrorMessage = "The note is at most 20,000 characters.")]
    public string? Note { get; init; }
}

public sealed record DeleteLinkForm : ConcurrencyForm;

/// <summary>An editor's dismissal of a claim-vs-record flag: which flag (kind and record) and why.</summary>
public sealed record DismissFlagForm
{
    [Required]
    [StringLength(FlagDismissal.KindLength)]
    public string Kind { get; init; } = "";

    /// <summary>"trial:12" or "study:5".</summary>
    [Required]
    [StringLength(FlagDismissal.RecordLength)]
    public string Record { get; init; } = "";

    [Required(ErrorMessage = "Say why the flag does not apply: the note is kept in the history.")]
    [StringLength(FlagDismissal.NoteLength, ErrorMessage = "The note is at most 4,000 characters.")]
    public string Note { get; init; } = "";
}
