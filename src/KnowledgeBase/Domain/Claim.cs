namespace KnowledgeBase.Domain;

/// <summary>
/// A checkable statement in a source, anchored like a W3C TextQuoteSelector (exact quote with a
/// short prefix and suffix) plus a TextPositionSelector (character offsets in the cleaned text).
/// </summary>
public sealed class Claim : IVersioned
{
    public const int ContextLength = 32;

    public int Id { get; set; }
    public int SourceId { get; set; }
    public Source? Source { get; set; }

    public required string Quote { get; set; }

    /// <summary>Start offset (inclusive) of <see cref="Quote"/> in the source's cleaned text.</summary>
    public int Start { get; set; }

    /// <summary>End offset (exclusive).</summary>
    public int End { get; set; }

    public string Prefix { get; set; } = "";
    public string Suffix { get; set; } = "";
    public ClaimStatus Status { get; set; }

    /// <summary>True when the quote could not be found again after its source changed.</summary>
    public bool IsOrphaned { get; set; }

    /// <summary>"detector" for a candidate found on import, otherwise the editor who added it.</summary>
    public string CreatedBy { get; set; } = Detector;

    /// <summary>Why the detector flagged the sentence ("percentage", "trial phase"...); empty for editors' claims.</summary>
    public List<string> DetectionSignals { get; set; } = [];

    /// <summary>The detector's probability (0..1) that the quote is a claim; null for editors' claims and claims detected before it was recorded.</summary>
    public double? Confidence { get; set; }

    public const string Detector = "detector";

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<EvidenceLink> Links { get; set; } = [];
    public List<Tag> Tags { get; set; } = [];

    /// <summary>Builds a candidate claim anchored at [start, end) of <paramref name="text"/>.</summary>
    public static Claim Anchor(string text, int start, int end, DateTime now)
    {
        var claim = new Claim { Quote = "", Status = ClaimStatus.Candidate, CreatedAt = now, UpdatedAt = now };
        claim.MoveTo(text, start, end);
        return claim;
    }

    /// <summary>Anchors the claim at [start, end) of its source's <paramref name="text"/>: quote, offsets, prefix and suffix.</summary>
    public void MoveTo(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, text.Length);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(end, start);
        Quote = text[start..end];
        Start = start;
        End = end;
        Prefix = text[Math.Max(0, start - ContextLength)..start];
        Suffix = text[end..Math.Min(text.Length, end + ContextLength)];
        IsOrphaned = false;
    }

    /// <summary>
    /// Records what the claim rests on: a link to <paramref name="target"/> (none for "no citation given") with the
    /// relation, assessment and note (<see cref="EvidenceLink.CleanNote"/>), created by <paramref name="actor"/> now.
    /// </summary>
    public EvidenceLink AddLink(EvidenceTarget target, EvidenceRelation relation, EvidenceAssessment? assessment, string? note, string actor, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var link = new EvidenceLink { ClaimId = Id, CreatedBy = actor, CreatedAt = now };
        link.Update(target, relation, assessment, note, now);
        Links.Add(link);
        return link;
    }
}

/// <summary>An editor's judgement of what a claim rests on and how well that evidence supports it.</summary>
public sealed class EvidenceLink : IVersioned
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public Claim? Claim { get; set; }
    public int? StudyId { get; set; }
    public Study? Study { get; set; }
    public int? TrialId { get; set; }
    public Trial? Trial { get; set; }
    public EvidenceRelation Relation { get; set; }

    /// <summary>Null until an editor has assessed the link.</summary>
    public EvidenceAssessment? Assessment { get; set; }

    /// <summary>The editor's note, Markdown (rendered with raw HTML disabled).</summary>
    public string? Note { get; set; }

    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public EvidenceTarget Target => new(StudyId, TrialId);

    /// <summary>An editor's change: what the link points at, the relation, the assessment and the note (cleaned), updated now.</summary>
    public void Update(EvidenceTarget target, EvidenceRelation relation, EvidenceAssessment? assessment, string? note, DateTime now)
    {
        StudyId = target.StudyId;
        TrialId = target.TrialId;
        Relation = relation;
        Assessment = assessment;
        Note = CleanNote(note);
        UpdatedAt = now;
    }

    /// <summary>A note as stored: trimmed, and null when there is nothing but white space (an empty form field is no note).</summary>
    public static string? CleanNote(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
