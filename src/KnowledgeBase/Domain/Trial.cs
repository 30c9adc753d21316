using KnowledgeBase.Classification;

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

    /// <summary>Whether results are posted on the registry (ClinicalTrials.gov's <c>hasResults</c>); null: not known.</summary>
    public bool? ResultsPosted { get; set; }
    public string? Status { get; set; }
    public string? Sponsor { get; set; }
    public string? Intervention { get; set; }

    /// <summary>The registry's brief summary, then its detailed description after a blank line when there is one.</summary>
    public string? Summary { get; set; }

    /// <summary>The conditions the registry lists, in its order.</summary>
    public List<string> Conditions { get; set; } = [];

    /// <summary>The names of the registered interventions, in the registry's order.</summary>
    public List<string> Interventions { get; set; } = [];

    /// <summary>The registered primary outcome measures, in the registry's order.</summary>
    public List<string> PrimaryOutcomes { get; set; } = [];

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
