namespace KnowledgeBase.Domain;

public static class TrialPhases
{
    /// <summary>
    /// The ClinicalTrials.gov phase spanning phases <paramref name="lowest"/> to <paramref name="highest"/>
    /// (1–4): a single phase, or the combined 1/2 and 2/3; null when no phase of the vocabulary covers the range.
    /// </summary>
    public static TrialPhase? FromRange(int lowest, int highest) => (lowest, highest) switch
    {
        (1, 1) => TrialPhase.Phase1,
        (2, 2) => TrialPhase.Phase2,
        (3, 3) => TrialPhase.Phase3,
        (4, 4) => TrialPhase.Phase4,
        (1, 2) => TrialPhase.Phase1Phase2,
        (2, 3) => TrialPhase.Phase2Phase3,
        _ => null,
    };
}
