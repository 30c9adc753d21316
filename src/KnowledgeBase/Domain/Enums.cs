namespace KnowledgeBase.Domain;

/// <summary>Where a claim stands in an editor's review.</summary>
public enum ClaimStatus
{
    Candidate,
    Confirmed,
    Rejected,
}

/// <summary>How a claim relates to the evidence an editor links it to.</summary>
public enum EvidenceRelation
{
    CitesExplicitly,
    AlludesTo,
    NoCitationGiven,
}

/// <summary>How well the linked evidence supports the claim.</summary>
public enum EvidenceAssessment
{
    Supported,
    Overstated,
    Unsupported,
    Contradicted,
    NotCheckable,
}

/// <summary>What kind of publication a study is; drives how it is cited and weighed.</summary>
public enum StudyKind
{
    TrialReport,
    TrialProtocol,
    ObservationalStudy,
    SystematicReview,
    NarrativeReview,
    Survey,
    PressRelease,
    RegulatoryDecision,
    RegistryRecord,
    Other,
}

/// <summary>ClinicalTrials.gov's phase vocabulary.</summary>
public enum TrialPhase
{
    EarlyPhase1,
    Phase1,
    Phase1Phase2,
    Phase2,
    Phase2Phase3,
    Phase3,
    Phase4,
    NotApplicable,
}

/// <summary>Whether a source's title was printed in the article or derived by the importer.</summary>
public enum TitleOrigin
{
    Printed,
    DerivedFromText,
}
