namespace KnowledgeBase.Retrieval;

/// <summary>How the ranking fuses its signals. The defaults are not tuned yet: docs/evidence-retrieval.md gives their SciFact figures and the tuning still to do.</summary>
public sealed record RankingWeights
{
    /// <summary>Share of the relevance that comes from BM25 (the rest is meaning).</summary>
    public double Lexical { get; init; } = 0.5;

    /// <summary>What a perfectly relevant record adds to the score (a citation in the claim adds 3-15).</summary>
    public double RelevanceScale { get; init; } = 3;

    /// <summary>The article's reference list names the record.</summary>
    public double CitedByArticle { get; init; } = 2;

    /// <summary>An editor linked the record to another claim of the same article.</summary>
    public double LinkedInArticle { get; init; } = 1;

    /// <summary>Weight of the words of the sentences before and after the claim, against 1 for the claim's own.</summary>
    public double Neighbours { get; init; } = 0.2;

    /// <summary>Similarities are scaled between the best and the similarity at this rank (a record below it adds nothing by meaning).</summary>
    public int MeaningFloorRank { get; init; } = 100;

    /// <summary>Below this relevance (0-1) a record that nothing cites is marked weak.</summary>
    public double WeakBelow { get; init; } = 0.4;

    /// <summary>Reciprocal rank fusion instead of the weighted sum of scaled scores (k = 60).</summary>
    public bool ReciprocalRank { get; init; }

    /// <summary>How many of the most relevant records are also compared for citation signals (besides those sharing a name or identifier with the claim).</summary>
    public int CitationPool { get; init; } = 100;

    public static RankingWeights Default { get; } = new();
}
