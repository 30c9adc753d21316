using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using KnowledgeBase.Data;
using KnowledgeBase.Importing;
using KnowledgeBase.Linking;
using KnowledgeBase.Retrieval;
using KnowledgeBase.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// <c>evaluate-retrieval [folder] [--limit N] [--no-fill]</c>: the SciFact benchmark (docs/evidence-retrieval.md). Imports
/// the folder's <c>corpus.csl.json</c> through the normal importer into its own SQLite database under
/// <c>bench/out/</c> (named by the corpus's hash and reused while it matches, so re-runs do not re-embed), fills
/// the embeddings, then ranks every train claim with <see cref="EvidenceLookup.SuggestAsync"/> and prints
/// nDCG@10, recall@3/@10, success@3, MRR and the latency per claim with and without embedding the claim.
/// With <c>--no-fill</c> the embeddings already stored are used and the rest of the records are ranked by their words.
/// The claims' relevant abstracts are only read to score the rankings; nothing of them enters the database.
/// </summary>
internal sealed class EvaluateRetrievalCommand(string folder, int? limit, bool fill, bool sweep) : ICommand
{
    public const int Depth = 100;

    /// <summary>The command's own arguments and the host settings that point the app at the benchmark's database.</summary>
    public static (ICommand Command, string[] HostArgs) Create(string? folderArgument, int? limit, bool fill, bool sweep)
    {
        var root = RepositoryRoot();
        var folder = folderArgument is not null ? ImportCommand.ResolveFromInvocationFolder(folderArgument) : Path.GetFullPath(Path.Combine(root, "..", "shared", "retrieval", "scifact"));
        var corpus = Path.Combine(folder, "corpus.csl.json");
        var hash = File.Exists(corpus) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(corpus)))[..12] : "missing";
        var database = Path.Combine(root, "bench", "out", $"scifact-{hash}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        return (new EvaluateRetrievalCommand(folder, limit, fill, sweep),
        [
            "--Database:Provider=Sqlite",
            $"--ConnectionStrings:KnowledgeBase=Data Source={database}",
            "--KnowledgeBase:ImportSeedsOnFirstRun=false",
            "--KnowledgeBase:FillEmbeddingsOnStart=false",
            "--Serilog:MinimumLevel:Default=Warning",
        ]);
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var corpus = Path.Combine(folder, "corpus.csl.json");
        if (!File.Exists(corpus) || !File.Exists(Path.Combine(folder, "queries.jsonl")) || !File.Exists(Path.Combine(folder, "qrels", "train.tsv")))
        {
            await output.WriteLineAsync($"{folder}: needs corpus.csl.json, corpus.jsonl, queries.jsonl and qrels/train.tsv (SciFact in BEIR format)");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<KnowledgeBaseDbContext>();
        await DatabaseInitializer.MigrateAsync(db, sp.GetRequiredService<ILoggerFactory>().CreateLogger<EvaluateRetrievalCommand>(), CancellationToken.None);
        await output.WriteLineAsync($"database: {db.Database.GetDbConnection().DataSource}");
        if (!db.Studies.Any())
        {
            var clock = Stopwatch.StartNew();
            var report = await sp.GetRequiredService<Importer>().ImportPathAsync(corpus, ConsoleProgress.Create(output));
            await output.WriteLineAsync($"import: {report.Summary} in {clock.Elapsed.TotalSeconds:F1} s");
            if (report.HasErrors) return 1;
        }
        else
        {
            await output.WriteLineAsync($"import: reusing {db.Studies.Count():N0} studies (same corpus hash)");
        }

        if (fill) await ImportCommand.FillEmbeddingsAsync(sp, output);
        await MeasureEmbeddingCostAsync(sp, output);

        var titles = TitlesToDocIds(Path.Combine(folder, "corpus.jsonl"));
        var qrels = File.ReadLines(Path.Combine(folder, "qrels", "train.tsv")).Skip(1)
            .Select(l => l.Split('\t')).GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(p => p[1]).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var queries = File.ReadLines(Path.Combine(folder, "queries.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Id: e.GetProperty("_id").GetString()!, Text: e.GetProperty("text").GetString()!))
            .Where(q => qrels.ContainsKey(q.Id))
            .Take(limit ?? int.MaxValue)
            .ToList();

        var lookup = sp.GetRequiredService<EvidenceLookup>();
        var build = Stopwatch.StartNew();
        var library = await lookup.LibraryAsync(CancellationToken.None);
        await output.WriteLineAsync($"library: {library.Count:N0} records, {library.Vectors.Filled:N0} embedded, built in {build.Elapsed.TotalSeconds:F1} s " +
            $"(lexical index ~{library.Lexical.EstimatedBytes() / 1e6:F0} MB, vectors {library.Vectors.EstimatedBytes() / 1e6:F1} MB)");

        if (sweep)
        {
            await SweepAsync(sp, library, queries, qrels, titles, output);
            return 0;
        }

        var metrics = new RetrievalMetrics();
        var withEmbedding = new List<double>();
        var rankingOnly = new List<double>();
        var timer = new Stopwatch();
        for (var i = 0; i < queries.Count; i++)
        {
            var (id, text) = queries[i];
            timer.Restart();
            var first = await lookup.SuggestAsync(ClaimContext.Of(text), Depth, CancellationToken.None);
            withEmbedding.Add(timer.Elapsed.TotalMilliseconds);
            timer.Restart();
            var ranked = await lookup.SuggestAsync(ClaimContext.Of(text), Depth, CancellationToken.None);
            rankingOnly.Add(timer.Elapsed.TotalMilliseconds);
            metrics.Add(DocIds(ranked, titles), qrels[id]);
            if ((i + 1) % 50 == 0 || i + 1 == queries.Count)
                await output.WriteLineAsync($"[{i + 1}/{queries.Count}] nDCG@10 {metrics.Ndcg10:F4} success@3 {metrics.Success3:F4}");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"SciFact train claims: {metrics.Queries} (corpus {library.Count:N0} abstracts, ranking {Depth} deep)");
        await output.WriteLineAsync($"nDCG@10   {metrics.Ndcg10:F4}");
        await output.WriteLineAsync($"recall@3  {metrics.Recall3:F4}");
        await output.WriteLineAsync($"recall@10 {metrics.Recall10:F4}");
        await output.WriteLineAsync($"success@3 {metrics.Success3:F4}");
        await output.WriteLineAsync($"MRR       {metrics.Mrr:F4}");
        await output.WriteLineAsync($"latency per claim, embedding the claim included: p50 {Percentile(withEmbedding, 50):F1} ms, p95 {Percentile(withEmbedding, 95):F1} ms");
        await output.WriteLineAsync($"latency per claim, claim embedding cached:       p50 {Percentile(rankingOnly, 50):F1} ms, p95 {Percentile(rankingOnly, 95):F1} ms");
        await output.WriteLineAsync($"load average at the end: {LoadAverage()} on {Environment.ProcessorCount} cores");
        return 0;
    }

    /// <summary>
    /// <c>--sweep</c>: ranks every claim under a grid of <see cref="RankingWeights"/> (the claims' embeddings computed once) and
    /// prints the measures of each, best nDCG@10 first: how the defaults were chosen.
    /// </summary>
    private static async Task SweepAsync(IServiceProvider sp, EvidenceLibrary library, List<(string Id, string Text)> queries,
        Dictionary<string, IReadOnlySet<string>> qrels, Dictionary<string, List<string>> titles, TextWriter output)
    {
        var embeddings = sp.GetRequiredService<ClaimEmbeddings>();
        var vectors = new List<float[]?>();
        foreach (var (_, text) in queries) vectors.Add(library.Vectors.Filled > 0 ? embeddings.For(text, CancellationToken.None) : null);
        var tally = new Dictionary<string, (int Relevant, int Other)>();
        for (var i = 0; i < queries.Count; i++)
        {
            var ranked = EvidenceRanker.Rank(library, ClaimContext.Of(queries[i].Text), vectors[i], 10, RankingWeights.Default);
            var ids = DocIds(ranked, titles);
            for (var k = 0; k < ranked.Count && k < ids.Count; k++)
            {
                foreach (var r in ranked[k].Reasons.Where(r => !r.Text.Contains("meaning") && !r.Text.StartsWith("shares", StringComparison.Ordinal) && !r.Text.StartsWith("weak", StringComparison.Ordinal)))
                {
                    var key = new string(r.Text.TakeWhile(c => !char.IsDigit(c) && c != '"' && c != '(').ToArray()).Trim();
                    var t = tally.GetValueOrDefault(key);
                    tally[key] = qrels[queries[i].Id].Contains(ids[k]) ? (t.Relevant + 1, t.Other) : (t.Relevant, t.Other + 1);
                }
            }
        }
        await output.WriteLineAsync("citation reasons in the default ranking's top 10 (on a relevant record / on another):");
        foreach (var (k, v) in tally.OrderByDescending(t => t.Value.Other).ThenBy(t => t.Key, StringComparer.Ordinal).Take(20))
            await output.WriteLineAsync($"  {k}: {v.Relevant} / {v.Other}");
        var grid = new List<RankingWeights> { RankingWeights.Default with { ReciprocalRank = true } };
        foreach (var share in new[] { 0.3, 0.4, 0.5, 0.6 })
        foreach (var floor in new[] { 0, 0.02, 0.05, 0.1, 0.25 })
            grid.Add(RankingWeights.Default with { Lexical = share, MeaningFloorQuantile = floor });
        var results = new List<(RankingWeights Weights, RetrievalMetrics Metrics)>();
        foreach (var weights in grid)
        {
            var metrics = new RetrievalMetrics();
            for (var i = 0; i < queries.Count; i++)
            {
                var ranked = EvidenceRanker.Rank(library, ClaimContext.Of(queries[i].Text), vectors[i], Depth, weights);
                metrics.Add(DocIds(ranked, titles), qrels[queries[i].Id]);
            }
            results.Add((weights, metrics));
            await output.WriteLineAsync(Row(weights, metrics));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("best first:");
        foreach (var (weights, metrics) in results.OrderByDescending(r => r.Metrics.Ndcg10).Take(10)) await output.WriteLineAsync(Row(weights, metrics));

        static string Row(RankingWeights w, RetrievalMetrics m) =>
            (w.ReciprocalRank ? "reciprocal rank fusion                 " : $"lexical share {w.Lexical:F1}, meaning floor {w.MeaningFloorQuantile:F2}") +
            $" nDCG@10 {m.Ndcg10:F4} recall@3 {m.Recall3:F4} recall@10 {m.Recall10:F4} success@3 {m.Success3:F4} MRR {m.Mrr:F4}";
    }

    /// <summary>Embeds a fixed sample of records again (not stored) to report the cost per record, whether or not the fill had work to do.</summary>
    private static async Task MeasureEmbeddingCostAsync(IServiceProvider sp, TextWriter output)
    {
        var db = sp.GetRequiredService<KnowledgeBaseDbContext>();
        var embedder = sp.GetRequiredService<ITextEmbedder>();
        var sample = new List<string>();
        await foreach (var (_, _, text) in RecordEmbeddings.TextsAsync(db, null, CancellationToken.None))
        {
            sample.Add(text);
            if (sample.Count == 32) break;
        }
        if (sample.Count == 0) return;
        embedder.EmbedPassages(sample.Take(1).ToList(), CancellationToken.None);
        var clock = Stopwatch.StartNew();
        foreach (var batch in sample.OrderBy(t => t.Length).Chunk(RecordEmbeddings.BatchSize)) embedder.EmbedPassages(batch, CancellationToken.None);
        var perRecord = clock.Elapsed.TotalMilliseconds / sample.Count;
        var words = sample.Average(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
        clock.Restart();
        for (var i = 0; i < 10; i++) embedder.EmbedQuery(sample[i].Split('\n')[0], CancellationToken.None);
        await output.WriteLineAsync($"embedding cost: {perRecord:F0} ms a record ({1000 / perRecord:F1} records/s; sample of {sample.Count}, {words:F0} words on average), " +
            $"{clock.Elapsed.TotalMilliseconds / 10:F0} ms a claim-length query; load average {LoadAverage()}");
    }

    private static Dictionary<string, List<string>> TitlesToDocIds(string corpusJsonl)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(corpusJsonl))
        {
            var e = JsonDocument.Parse(line).RootElement;
            var title = Normalise(e.GetProperty("title").GetString() ?? "");
            if (!map.TryGetValue(title, out var ids)) map[title] = ids = [];
            ids.Add(e.GetProperty("_id").GetString()!);
        }
        return map;
    }

    /// <summary>The records as SciFact doc ids, through their titles (a title several abstracts share stands for each of them in turn).</summary>
    private static List<string> DocIds(IReadOnlyList<EvidenceSuggestion> ranked, Dictionary<string, List<string>> titles)
    {
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var s in ranked)
        {
            var title = Normalise(s.Candidate.Title);
            if (!titles.TryGetValue(title, out var candidates)) continue;
            var k = used.GetValueOrDefault(title);
            if (k < candidates.Count) ids.Add(candidates[k]);
            used[title] = k + 1;
        }
        return ids;
    }

    private static string Normalise(string title) => string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.').ToUpperInvariant();

    private static double Percentile(List<double> values, int p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    internal static string RepositoryRoot()
    {
        var start = Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd ? pwd : Directory.GetCurrentDirectory();
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KnowledgeBase.sln"))) return dir.FullName;
        }
        return start;
    }
}
