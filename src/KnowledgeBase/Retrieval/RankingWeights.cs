namespace KnowledgeBase.Retrieval;

/// <summary>
/// How the ranking fuses its signals. The relevance defaults (<see cref="Lexical"/>, <see cref="MeaningFloorQuantile"/>) were chosen on the SciFact train claims with <c>evaluate-retrieval --sweep</c>
/// (docs/evidence-retrieval.md); the article weights on the seeds' labelled set.
/// </summary>
public sealed record RankingWeights
{
    /// <summary>Share of the relevance that comes from BM25 (the rest is meaning).</summary>
    public double Lexical { get; init; } = 0.4;

    /// <summary>What a perfectly relevant record adds to the score (a citation in the claim adds 3-15).</summary>
    public double RelevanceScale { get; init; } = 3;

    /// <summary>The article's reference list names the record.</summary>
    public double CitedByArticle { get; init; } = 2;

    /// <summary>An earlier sentence of the claim's section cites the record (and the claim itself cites nothing).</summary>
    public double CitedInPassage { get; init; } = 2;

    /// <summary>An editor linked the record to another claim of the same article.</summary>
    public double LinkedInArticle { get; init; } = 1;

    /// <summary>
    /// The claim's wording asks for the record's kind (<see cref="RecordTypeCues"/>: approval and a regulatory decision,
    /// ongoing studies and a trial under way, the research as a whole and a review), among the most relevant records.
    /// </summary>
    public double RecordType { get; init; } = 1.5;

    /// <summary>The claim names the record's year as a date ("since 2003"), among the most relevant records.</summary>
    public double YearNamed { get; init; } = 2;

    /// <summary>Weight of the words of the sentences before and after the claim and of its section's heading, against 1 for the claim's own.</summary>
    public double Neighbours { get; init; } = 0.2;

    /// <summary>Weight of the words of the section's earlier sentences (<see cref="Linking.ClaimContext.Passage"/>, beyond the one before).</summary>
    public double Passage { get; init; } = 0.1;

    /// <summary>
    /// Similarities are scaled between the best (1) and this quantile of all the records' similarities (0; a record below
    /// it adds nothing by meaning): 0 is the lowest, 0.5 the median. A share rather than a rank, so that it means the
    /// same in a library of 5,000 records and of 70,000.
    /// </summary>
    public double MeaningFloorQuantile { get; init; } = 0.05;

    /// <summary>Below this relevance (0-1) a record that nothing cites is marked weak.</summary>
    public double WeakBelow { get; init; } = 0.4;

    /// <summary>Reciprocal rank fusion instead of the weighted sum of scaled scores (k = 60).</summary>
    public bool ReciprocalRank { get; init; }

    /// <summary>How many of the most relevant records are also compared for citation signals (besides those sharing a name or identifier with the claim).</summary>
    public int CitationPool { get; init; } = 100;

    /// <summary>
    /// With vectors kept as signs in memory (<see cref="VectorIndex.IsApproximate"/>), the share of the records, most relevant
    /// by the estimated similarities, that get their int8 similarity before the ranking goes on (at least
    /// <see cref="RefineAtLeast"/>): 1,050 of 70,000.
    /// </summary>
    public double RefineShare { get; init; } = 0.015;

    /// <summary>The fewest records refined (see <see cref="RefineShare"/>).</summary>
    public int RefineAtLeast { get; init; } = 100;

    public static RankingWeights Default { get; } = new();
}
