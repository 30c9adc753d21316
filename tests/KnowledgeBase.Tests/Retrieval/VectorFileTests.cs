using KnowledgeBase.Linking;
using KnowledgeBase.Retrieval;

namespace KnowledgeBase.Tests.Retrieval;

/// <summary>Vectors kept in a file with their signs in memory (decision 0040), against the same vectors held in memory.</summary>
public sealed class VectorFileTests : IDisposable
{
    private const int Dimensions = 384;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kb-vectors-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Signs_estimate_every_similarity_and_refining_gives_exactly_the_in_memory_ones()
    {
        var random = new Random(11);
        var rows = Enumerable.Range(0, 300).Select(_ => RandomVector(random)).ToArray();
        var memory = new VectorIndex(rows.Length + 1, Dimensions);
        var file = VectorIndex.WithFile(rows.Length + 1, Dimensions, _folder);
        for (var r = 0; r < rows.Length; r++)
        {
            memory.Set(r, rows[r]);
            file.Set(r, rows[r]);
        }
        var query = Near(rows[7], random, 0.5f);

        var exact = new float[rows.Length + 1];
        memory.Similarities(query, exact);
        var estimated = new float[rows.Length + 1];
        file.Similarities(query, estimated);

        file.IsApproximate.Should().BeTrue();
        memory.IsApproximate.Should().BeFalse();
        float.IsNaN(estimated[^1]).Should().BeTrue("the last row has no vector");
        Array.IndexOf(estimated, estimated[..^1].Max()).Should().Be(7, "the signs still find the nearest row");
        Enumerable.Range(0, rows.Length).Average(r => Math.Abs(estimated[r] - exact[r])).Should().BeLessThan(0.1f);

        file.Refine(query, Enumerable.Range(0, rows.Length + 1).ToList(), estimated);
        estimated[..^1].Should().Equal(exact[..^1]);
        float.IsNaN(estimated[^1]).Should().BeTrue();
    }

    [Fact]
    public void A_copy_given_a_new_vector_leaves_the_original_reading_the_old_one()
    {
        var random = new Random(5);
        var original = VectorIndex.WithFile(3, Dimensions, _folder);
        var first = RandomVector(random);
        original.Set(1, first);
        var copy = original.Copy();
        var second = RandomVector(random);
        copy.Set(1, second);
        copy.Set(2, RandomVector(random));

        float[] Refined(VectorIndex index, float[] query)
        {
            var similarities = new float[3];
            index.Similarities(query, similarities);
            index.Refine(query, [0, 1, 2], similarities);
            return similarities;
        }

        Refined(original, first)[1].Should().BeApproximately(1f, 0.01f);
        Refined(copy, second)[1].Should().BeApproximately(1f, 0.01f);
        float.IsNaN(Refined(original, first)[2]).Should().BeTrue();
        original.Filled.Should().Be(1);
        copy.Filled.Should().Be(2);
    }

    [Fact]
    public void A_library_with_its_vectors_in_a_file_ranks_as_the_one_holding_them_in_memory()
    {
        var random = new Random(3);
        var topics = Enumerable.Range(0, 12).Select(_ => RandomVector(random)).ToArray();
        var words = new[] { "stem", "marrow", "cartilage", "neuron", "insulin", "retina", "tendon", "liver", "skin", "heart", "spine", "kidney" };
        var vectors = Enumerable.Range(0, 3000).Select(i => Near(topics[i % topics.Length], random, 1.2f)).ToArray();
        EvidenceLibrary Build(VectorFileOptions? file)
        {
            var builder = new EvidenceLibraryBuilder(Dimensions);
            for (var i = 0; i < vectors.Length; i++)
            {
                builder.Add(new EvidenceCandidate { Kind = EvidenceKind.Study, Id = i + 1, Title = $"Cells for the {words[i % words.Length]} in trial arm {i % 7}" },
                    $"Outcome {i % 13} of {words[(i / 12) % words.Length]} therapy.");
            }
            var library = builder.Build(file);
            for (var i = 0; i < vectors.Length; i++) library.Vectors.Set(i, vectors[i]);
            return library;
        }
        var inMemory = Build(null);
        var inFile = Build(new VectorFileOptions(_folder, FromRecords: 1000));
        inFile.Vectors.IsApproximate.Should().BeTrue();
        inMemory.Vectors.IsApproximate.Should().BeFalse();

        for (var c = 0; c < 24; c++)
        {
            var claim = ClaimContext.Of($"Cells repair the {words[c % words.Length]} after outcome {c % 13}.");
            var query = Near(topics[c % topics.Length], random, 1.2f);
            var expected = EvidenceRanker.Rank(inMemory, claim, query, 10);
            var actual = EvidenceRanker.Rank(inFile, claim, query, 10);
            // The floor of the meaning scale comes from a sample of the rows, so scores may move by a few thousandths
            // and swap near-ties; the records found, and each one's score, stay.
            actual.Select(s => s.Candidate.Id).Should().BeEquivalentTo(expected.Select(s => s.Candidate.Id), $"claim {c}");
            actual[0].Candidate.Id.Should().Be(expected[0].Candidate.Id, $"claim {c}");
            foreach (var s in actual) s.Score.Should().BeApproximately(expected.Single(e => e.Candidate.Id == s.Candidate.Id).Score, 0.02, $"claim {c}");
        }
    }

    [Fact]
    public void A_file_left_by_a_process_that_no_longer_runs_is_removed_when_the_next_is_made()
    {
        Directory.CreateDirectory(_folder);
        var leftOver = Path.Combine(_folder, $"evidence-vectors-{int.MaxValue - 1}-dead.int8");
        File.WriteAllBytes(leftOver, new byte[16]);

        _ = VectorIndex.WithFile(1, Dimensions, _folder);

        File.Exists(leftOver).Should().BeFalse();
        if (!OperatingSystem.IsWindows()) Directory.EnumerateFiles(_folder).Should().BeEmpty("the index's own file loses its name once open; its handle keeps the bytes");
    }

    private static float[] RandomVector(Random random) =>
        Enumerable.Range(0, Dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

    private static float[] Near(float[] center, Random random, float noise) =>
        center.Select(v => v + (noise * (float)((random.NextDouble() * 2) - 1))).ToArray();
}
