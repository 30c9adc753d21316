using KnowledgeBase.Classification;

namespace KnowledgeBase.Domain;

/// <summary>A publication: trial report, review, press release, regulatory decision...</summary>
public sealed class Study : IVersioned
{
    public int Id { get; set; }

    /// <summary>The record's id in the curated reference library (for example "REC-01"), when it came from there.</summary>
    public string? LibraryId { get; set; }

    public StudyKind Kind { get; set; }

    /// <summary>The library's own record type, kept verbatim (for example "clinical_trial_publication").</summary>
    public string? RecordType { get; set; }
    public required string Title { get; set; }
    public string? ShortLabel { get; set; }

    /// <summary>
    /// The authors as one display string ("Petrou P, Gothelf Y"), filled from <see cref="AuthorNames"/> for imported
    /// records; for the curated library, the curators' own text (with their remarks in parentheses).
    /// </summary>
    public string? Authors { get; set; }

    /// <summary>The authors as the source gave them, structured and in order (empty when only <see cref="Authors"/> is known).</summary>
    public List<AuthorName> AuthorNames { get; set; } = [];

    /// <summary>
    /// The author list is known to be incomplete (an imported "et al.", "and others"): kept as a flag, never as an
    /// author called "et al.", so each export format and citation style can say so its own way.
    /// </summary>
    public bool AuthorsTruncated { get; set; }
    public string? Journal { get; set; }

    /// <summary>What was published (book, chapter, report...), as the imported reference's type said; null when unknown.</summary>
    public PublicationForm? PublicationForm { get; set; }

    /// <summary>The publisher (or the institution of a report or thesis), as imported.</summary>
    public string? Publisher { get; set; }

    /// <summary>Where it was published ("New York"), as imported.</summary>
    public string? PublisherPlace { get; set; }
    public int? Year { get; set; }
    public string? Volume { get; set; }
    public string? Issue { get; set; }
    public string? Pages { get; set; }
    public string? Doi { get; set; }
    public string? Pmid { get; set; }
    public string? Pmcid { get; set; }
    public string? PhaseText { get; set; }
    public string? Design { get; set; }
    public int? Participants { get; set; }
    public string? ParticipantsDetail { get; set; }
    public string? CellType { get; set; }
    public string? CellSource { get; set; }
    public string? Route { get; set; }
    public string? Dosing { get; set; }
    public string? MainResults { get; set; }

    /// <summary>The publication's abstract as its source gave it (paragraphs separated by blank lines).</summary>
    public string? Abstract { get; set; }

    /// <summary>Notes naming the facts the curators could not confirm, verbatim.</summary>
    public List<string> Unverified { get; set; } = [];

    /// <summary>Where the facts came from (addresses the curators checked them against).</summary>
    public List<string> VerifiedFrom { get; set; } = [];

    /// <summary>How the record entered or changed in the knowledge base ("imported from x.ris (RIS) on ..."), oldest first.</summary>
    public List<string> Provenance { get; set; } = [];

    public DateTime ImportedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public int Version { get; set; }

    // Browsing facets derived from the text fields above by FacetClassifier (on every save, and at
    // start-up for rows stored by older rules); never shown in place of the original text.
    public CellSourceFacets CellSourceFacet { get; set; }
    public RouteFacets RouteFacet { get; set; }
    public EvidenceLevel EvidenceLevel { get; set; }

    /// <summary>The phase of a trial publication, parsed from <see cref="PhaseText"/>.</summary>
    public TrialPhase? PhaseFacet { get; set; }

    /// <summary>The <c>FacetClassifier.Version</c> the facets were derived with; 0 = not yet derived.</summary>
    public int FacetsVersion { get; set; }

    public List<TherapyType> TherapyTypes { get; set; } = [];
    public List<Trial> Trials { get; set; } = [];
    public List<EvidenceLink> EvidenceLinks { get; set; } = [];
}
