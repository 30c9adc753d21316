namespace KnowledgeBase.Domain;

/// <summary>A registered clinical trial, identified by its ClinicalTrials.gov NCT number.</summary>
public sealed class Trial : IVersioned
{
    public int Id { get; set; }
    public required string NctId { get; set; }
    public string? Title { get; set; }
    public TrialPhase? Phase { get; set; }
    public string? PhaseText { get; set; }
    public string? Design { get; set; }
    public int? Enrollment { get; set; }
    public string? Status { get; set; }
    public string? Sponsor { get; set; }
    public string? Intervention { get; set; }

    /// <summary>How each fact was obtained (for a trial derived from library records: which record said it).</summary>
    public List<string> Provenance { get; set; } = [];

    /// <summary>Facts not confirmed, verbatim.</summary>
    public List<string> Unverified { get; set; } = [];

    public DateTime ImportedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<TherapyType> TherapyTypes { get; set; } = [];
    public List<Study> Studies { get; set; } = [];
    public List<EvidenceLink> EvidenceLinks { get; set; } = [];
}
