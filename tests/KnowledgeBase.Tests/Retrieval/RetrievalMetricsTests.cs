using KnowledgeBase.Retrieval;

namespace KnowledgeBase.Tests.Retrieval;

public sealed class RetrievalMetricsTests
{
    [Fact]
    public void Measures_follow_trec_eval_with_binary_relevance()
    {
        var metrics = new RetrievalMetrics();
        metrics.Add(["x", "a", "y", "b"], new HashSet<string> { "a", "b" });
        metrics.Add(["c", "z"], new HashSet<string> { "c" });

        metrics.Queries.Should().Be(2);
        var ideal = 1 + (1 / Math.Log2(3));
        metrics.Ndcg10.Should().BeApproximately((((1 / Math.Log2(3)) + (1 / Math.Log2(5))) / ideal + 1) / 2, 1e-9);
        metrics.Recall3.Should().BeApproximately((0.5 + 1) / 2, 1e-9);
        metrics.Success3.Should().Be(1);
        metrics.Mrr.Should().BeApproximately((0.5 + 1) / 2, 1e-9);
    }
}

public sealed class PorterStemmerTests
{
    [Theory]
    [InlineData("studies", "studi")]
    [InlineData("study", "studi")]
    [InlineData("survival", "surviv")]
    [InlineData("survived", "surviv")]
    [InlineData("relational", "relat")]
    [InlineData("hopping", "hop")]
    [InlineData("generalizations", "gener")]
    [InlineData("fractures", "fractur")]
    [InlineData("as", "as")]
    public void Stems_as_the_porter_algorithm(string word, string stem) => PorterStemmer.Stem(word).Should().Be(stem);
}

public sealed class VectorIndexTests
{
    [Fact]
    public void Int8_similarities_are_within_a_hundredth_of_the_exact_cosine_and_missing_rows_are_nan()
    {
        var random = new Random(7);
        var index = new VectorIndex(3, 384);
        var rows = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()).ToArray();
        index.Set(0, rows[0]);
        index.Set(1, rows[1]);
        var query = Enumerable.Range(0, 384).Select(i => rows[0][i] + (float)(random.NextDouble() - 0.5)).ToArray();

        var similarities = new float[3];
        index.Similarities(query, similarities);

        for (var r = 0; r < 2; r++) similarities[r].Should().BeApproximately(Cosine(query, rows[r]), 0.01f);
        float.IsNaN(similarities[2]).Should().BeTrue();
        index.Filled.Should().Be(2);
    }

    private static float Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return (float)(dot / Math.Sqrt(na * nb));
    }
}
