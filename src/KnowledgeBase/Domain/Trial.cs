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

    // Browsing facets derived by FacetClassifier (see Study); cell source and route come from Intervention.
    public CellSourceFacets CellSourceFacet { get; set; }
    public RouteFacets RouteFacet { get; set; }

    /// <summary>Randomised, non-randomised or not stated, from <see cref="Design"/>.</summary>
    public EvidenceLevel EvidenceLevel { get; set; }
    public TrialStatusFacet StatusFacet { get; set; }

    /// <summary>The <c>FacetClassifier.Version</c> the facets were derived with; 0 = not yet derived.</summary>
    public int FacetsVersion { get; set; }

    public List<TherapyType> TherapyTypes { get; set; } = [];
    public List<Study> Studies { get; set; } = [];
    public List<EvidenceLink> EvidenceLinks { get; set; } = [];
}
