using KnowledgeBase.Primitives;

namespace KnowledgeBase.Linking;

/// <summary>
/// Ranks the studies and trials a claim most likely cites, each with the reasons an editor sees and what
/// each contributed. Pure and deterministic.
/// <para>
/// Signals read in the claim (weights below): identifiers (PMID, DOI, NCT); "Surname et al." with the
/// year, tolerant of misspelt surnames of 5 letters or more (<see cref="NameSimilarity"/>); the journal, in
/// full or abbreviated; product and sponsor names (<see cref="ProductAliases"/>); a run of the title's words;
/// the trial phase; a number equal to the participants or enrolment, or found in the participants detail or the
/// record's text; routes and cell sources; a review of several trials. The article's reference list adds
/// <see cref="IdentifierInReferences"/>; the sentences before and after add the identifying signals at
/// <see cref="NeighbourFactor"/> of their weight.
/// </para>
/// <para>
/// A candidate is suggested only when its score reaches <see cref="MinScore"/> and the claim itself or the
/// reference list gives at least one reason of <see cref="AnchorWeight"/> or more: supporting signals (year
/// alone, numbers in the text, therapy words, neighbours) never suggest a record on their own, so a claim that
/// cites nothing identifiable gets an empty list ("no citation given"). Ties break by year (older first, no
/// year last), then title.
/// </para>
/// </summary>
public static class EvidenceSuggester
{
    // ---- Identifiers ----
    public const double IdentifierInClaim = 10;
    /// <summary>A study whose reported trial's NCT id the claim names.</summary>
    public const double ReportedTrialInClaim = 6;
    public const double IdentifierInReferences = 2;
    public const double ReportedTrialInReferences = 1.5;

    // ---- Authors and year ----
    public const double FirstAuthor = 4;
    public const double FirstAuthorMisspelt = 3.5;
    public const double CoAuthor = 1.5;
    /// <summary>The name written is a given name the author text states (articles sometimes cite "Ammar et al." for Ammar Aljabri).</summary>
    public const double GivenName = 1.5;
    /// <summary>Added to an author reason when the claim also names the record's year.</summary>
    public const double YearWithAuthor = 1.5;
    public const double YearAlone = 0.75;

    // ---- Journal, names, title ----
    public const double JournalMatch = 3;
    /// <summary>The first product or sponsor name the claim shares with the record.</summary>
    public const double FirstAlias = 3;
    public const double FurtherAlias = 1;
    public const int MaxAliases = 3;
    public const double TitleQuoted = 3;
    /// <summary>Words in a row the claim must share with the title (two of them distinctive: not joining words, not the field's common vocabulary).</summary>
    public const int MinTitleRun = 5;
    /// <summary>And at least this share of the title: a quoted title is most of it, a shared phrase ("in patients with type 2") a fragment.</summary>
    public const double MinTitleShare = 0.5;

    // ---- Phase ----
    /// <summary>Same phase and same sub-phase letter ("phase 3b").</summary>
    public const double PhaseWithLetter = 2.5;
    public const double PhaseExact = 2;
    /// <summary>Phases that overlap ("phase I" and a phase 1/2 trial).</summary>
    public const double PhaseOverlap = 1;

    // ---- Numbers (numbers below 4, years, decimals, identifiers ignored: see NumberMention) ----
    /// <summary>"67 patients" and 67 participants; below <see cref="MinScore"/>: a count alone is not a citation.</summary>
    public const double ParticipantsExact = 2.5;
    /// <summary>The same number without a word saying it counts people.</summary>
    public const double ParticipantsNumberOnly = 1.5;
    public const double NumberInDetail = 1.5;
    public const double NumberInText = 0.75;
    public const double DurationInText = 0.5;
    /// <summary>At most this much from numbers other than the participant count.</summary>
    public const double NumbersCap = 2.25;

    // ---- Therapy, review ----
    public const double TherapyWeight = 0.75;
    /// <summary>Autologous / allogeneic: common to many records.</summary>
    public const double TherapyOriginWeight = 0.5;
    public const double TherapyCap = 2.25;
    /// <summary>"6 clinical trials were analyzed", "meta-analysis" against a systematic review.</summary>
    public const double SystematicReviewCue = 1.5;
    public const double ReviewCueWeight = 0.75;

    // ---- Combination ----
    public const double NeighbourFactor = 0.4;
    public const double MinScore = 3;
    public const double AnchorWeight = 1.5;

    /// <summary>
    /// The candidates <paramref name="claim"/> most likely cites, best first, at most <paramref name="max"/>.
    /// Builds an <see cref="EvidenceIndex"/>; to score many claims against the same candidates, build one and reuse it.
    /// </summary>
    public static IReadOnlyList<EvidenceSuggestion> Suggest(ClaimContext claim, IReadOnlyList<EvidenceCandidate> candidates, int max = 5)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(candidates);
        return new EvidenceIndex(candidates).Suggest(claim, max);
    }
}
