using System.Text.Json;
using KnowledgeBase.Linking;
using KnowledgeBase.Retrieval;

namespace KnowledgeBase.Tests.Retrieval;

/// <summary>
/// A fixed SciFact sample read from the development data (never copied here): the first 40 train claims with
/// relevant abstracts, ranked among 300 abstracts (their relevant ones, then the corpus in file order). Words and
/// citations only, so the test needs no embedding; the full benchmark with meaning is the
/// <c>evaluate-retrieval</c> command (docs/evidence-retrieval.md). The floor is just below the measured figure.
/// </summary>
public sealed class SciFactSampleTests
{
    private const string Folder = "retrieval/scifact";
    private const double NdcgFloor = 0.60;
    private const double Success3Floor = 0.65;

    [DevelopmentDataFact(Folder)]
    public void Lexical_ranking_of_a_fixed_sample_stays_above_its_floor()
    {
        var dir = Path.Combine(TestPaths.Shared, Folder);
        var qrels = File.ReadLines(Path.Combine(dir, "qrels", "train.tsv")).Skip(1).Select(l => l.Split('\t'))
            .GroupBy(p => p[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(), StringComparer.Ordinal);
        var claims = File.ReadLines(Path.Combine(dir, "queries.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Id: e.GetProperty("_id").GetString()!, Text: e.GetProperty("text").GetString()!))
            .Where(q => qrels.ContainsKey(q.Id)).Take(40).ToList();
        var wanted = claims.SelectMany(c => qrels[c.Id]).ToHashSet();
        var docs = File.ReadLines(Path.Combine(dir, "corpus.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Id: int.Parse(e.GetProperty("_id").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Title: e.GetProperty("title").GetString()!, Text: e.GetProperty("text").GetString()!))
            .ToList();
        var sample = docs.Where(d => wanted.Contains(d.Id)).Concat(docs.Where(d => !wanted.Contains(d.Id))).Take(300).ToList();
        var builder = new EvidenceLibraryBuilder(384);
        foreach (var d in sample) builder.Add(new EvidenceCandidate { Kind = EvidenceKind.Study, Id = d.Id, Title = d.Title }, d.Text);
        var library = builder.Build();

        var metrics = new RetrievalMetrics();
        foreach (var (id, text) in claims)
        {
            var ranked = EvidenceRanker.Rank(library, ClaimContext.Of(text), default, 20);
            metrics.Add(ranked.Select(s => s.Candidate.Id).ToList(), qrels[id]);
        }

        metrics.Queries.Should().Be(40);
        metrics.Ndcg10.Should().BeGreaterThanOrEqualTo(NdcgFloor);
        metrics.Success3.Should().BeGreaterThanOrEqualTo(Success3Floor);
    }
}
