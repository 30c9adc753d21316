namespace KnowledgeBase.Retrieval;

/// <summary>
/// The standard retrieval measures over many queries, with binary relevance and trec_eval's definitions:
/// nDCG@10, recall@3 and @10, success@3 (a relevant record among the first three), MRR (over the ranking given).
/// </summary>
public sealed class RetrievalMetrics
{
    private double ndcg10, recall3, recall10, success3, mrr;

    public int Queries { get; private set; }
    public double Ndcg10 => Queries == 0 ? 0 : ndcg10 / Queries;
    public double Recall3 => Queries == 0 ? 0 : recall3 / Queries;
    public double Recall10 => Queries == 0 ? 0 : recall10 / Queries;
    public double Success3 => Queries == 0 ? 0 : success3 / Queries;
    public double Mrr => Queries == 0 ? 0 : mrr / Queries;

    /// <summary>Adds one query: its ranking, best first, and the set of relevant keys.</summary>
    public void Add<T>(IReadOnlyList<T> ranking, IReadOnlySet<T> relevant)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(relevant);
        if (relevant.Count == 0) return;
        Queries++;
        double dcg = 0, ideal = 0;
        for (var i = 0; i < Math.Min(10, relevant.Count); i++) ideal += 1 / Math.Log2(i + 2);
        var found3 = 0;
        var found10 = 0;
        var firstRank = 0;
        var seen = new HashSet<T>();
        for (var i = 0; i < ranking.Count; i++)
        {
            if (!seen.Add(ranking[i]) || !relevant.Contains(ranking[i])) continue;
            if (firstRank == 0) firstRank = i + 1;
            if (i < 10)
            {
                dcg += 1 / Math.Log2(i + 2);
                found10++;
            }

            if (i < 3) found3++;
        }

        ndcg10 += dcg / ideal;
        recall3 += (double)found3 / relevant.Count;
        recall10 += (double)found10 / relevant.Count;
        success3 += found3 > 0 ? 1 : 0;
        mrr += firstRank > 0 ? 1.0 / firstRank : 0;
    }
}
