using System.Globalization;
using KnowledgeBase.Linking;
using KnowledgeBase.Linking.Detection;
using KnowledgeBase.Linking.Evaluation;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>Where the detection commands find the repository's data: the folder holding KnowledgeBase.sln, above the invocation folder or the app.</summary>
internal static class DetectionPaths
{
    public static string RepoRoot()
    {
        foreach (var start in new[] { Environment.GetEnvironmentVariable("PWD") ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "KnowledgeBase.sln"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("no KnowledgeBase.sln above the current folder: run the command from the repository");
    }

    /// <summary>The development set: the given folder, or ../shared/articles-dev beside the repository.</summary>
    public static string DevelopmentSet(string? given) =>
        given is not null ? ImportCommand.ResolveFromInvocationFolder(given) : Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "articles-dev"));

    public static string SeedLabels => Path.Combine(RepoRoot(), "tests", "KnowledgeBase.Tests", "Linking", "claim-labels.json");

    public static string Seeds => Path.Combine(RepoRoot(), "seeds");

    public static string ModelFile => Path.Combine(RepoRoot(), "src", "KnowledgeBase", "Linking", "Detection", "claim-model.json");

    public static IProgress<string> Progress(TextWriter output) => new LineProgress(output);

    private sealed class LineProgress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine(value);
    }
}

/// <summary>
/// <c>evaluate-detection [articles-dev folder] [--list] [--threshold 0.3] [--no-cv]</c>: scores the old rules and the committed
/// model on the development set and the seed articles, runs leave-one-publisher-out cross-validation of the learned
/// detector, and measures the detection cost per article. <c>--list</c> prints every miss and false alarm.
/// </summary>
internal sealed class EvaluateDetectionCommand(IReadOnlyList<string> args) : ICommand
{
    public Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var list = args.Contains("--list");
        var folder = DetectionPaths.DevelopmentSet(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(a)));
        if (!File.Exists(Path.Combine(folder, "gold.json")))
        {
            output.WriteLine($"{folder}: no gold.json here; give the articles-dev folder");
            return Task.FromResult(2);
        }
        var threshold = Option("--threshold") is { } t ? double.Parse(t, inv) : ClaimDetector.Default.Threshold;

        var articles = DetectionDataSet.LoadDevelopment(folder);
        var seeds = DetectionDataSet.LoadSeeds(DetectionPaths.Seeds, DetectionPaths.SeedLabels);
        output.WriteLine(string.Create(inv, $"development set {folder}: {articles.Count} articles, {articles.Sum(a => a.Gold.Count(g => g.IsClaim))} claims in {articles.Sum(a => a.Gold.Count)} units; seeds: {seeds.Count} files, {seeds.Sum(s => s.Gold.Count)} labelled claims"));

        var everything = DetectionEvaluation.Evaluate(articles, (a, p) => SentenceSplitter.Split(a.Parts[p].CleanedText)
            .Select(s => new DetectedClaim(s.Start, s.End, s.Slice(a.Parts[p].CleanedText), [])).ToList());
        output.WriteLine($"ceiling (every sentence of the cleaned text a candidate): {DetectionEvaluation.Total(everything)}");
        if (list)
        {
            foreach (var o in everything)
                foreach (var g in o.Missed) output.WriteLine($"  unreachable: {o.Article.Name} [{g.Label}] {g.Quote}");
        }

        var rules = DetectionEvaluation.Evaluate(articles, (a, p) => ClaimRules.Detect(a.Parts[p].CleanedText));
        DetectionEvaluation.Report(output, "old rules (ClaimRules), development set", rules, list);
        var rulesOnSeeds = DetectionEvaluation.Evaluate(seeds, (a, p) => ClaimRules.Detect(a.Parts[p].CleanedText));
        DetectionEvaluation.Report(output, "old rules (ClaimRules), seed articles (the set they were written on)", rulesOnSeeds, listErrors: false);

        var detector = ClaimDetector.Default.WithThreshold(threshold);
        if (!args.Contains("--no-cv"))
        {
            var scored = DetectionEvaluation.CrossValidate(articles, ClaimDetector.DefaultModelFile.Training, DetectionPaths.Progress(output));
            output.WriteLine("leave-one-publisher-out, overall by threshold:");
            foreach (var (at, tally) in DetectionEvaluation.Sweep(scored).Where(p => Math.Round(p.Threshold * 100) % 5 == 0))
                output.WriteLine(string.Create(inv, $"  {at:F2}  {tally}"));
            var (best, bestTally) = DetectionEvaluation.OperatingPoint(scored, 0.90);
            output.WriteLine(string.Create(inv, $"best precision at recall >= 0.90: threshold {best:F2}: {bestTally}"));
            DetectionEvaluation.Report(output, string.Create(inv, $"learned detector, leave-one-publisher-out, threshold {threshold:F2}"), DetectionEvaluation.AtThreshold(scored, threshold), list);
        }

        var seedOutcomes = DetectionEvaluation.Evaluate(seeds, (a, p) => detector.Detect(a.Parts[p].CleanedText));
        DetectionEvaluation.Report(output, string.Create(inv, $"committed model, seed articles (never trained on), threshold {threshold:F2}"), seedOutcomes, list);
        var committed = DetectionEvaluation.Evaluate(articles, (a, p) => detector.Detect(a.Parts[p].CleanedText));
        output.WriteLine($"committed model on its own training set (optimistic, for reference): {DetectionEvaluation.Total(committed)}");

        var cost = DetectionEvaluation.CostPerArticleMs(articles, detector.Detect);
        var ruleCost = DetectionEvaluation.CostPerArticleMs(articles, ClaimRules.Detect);
        output.WriteLine(string.Create(inv, $"detection cost per development article (median of 15 passes, {articles.Average(a => a.FileText.Length):F0} characters on average): learned {cost:F3} ms ({1000 / cost:F0} articles/s), old rules {ruleCost:F3} ms"));
        return Task.FromResult(0);
    }

    private bool IsOptionValue(string arg)
    {
        var index = args.ToList().IndexOf(arg);
        return index > 0 && args[index - 1] == "--threshold";
    }

    private string? Option(string name)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
    }
}

/// <summary>
/// <c>train-detector [articles-dev folder]</c>: cross-validates (leave one publisher out) to choose the recall-oriented
/// threshold and record the figures, trains on all development articles, and writes src/KnowledgeBase/Linking/Detection/claim-model.json
/// (embedded in the app at build). Deterministic: same data, same file.
/// </summary>
internal sealed class TrainDetectorCommand(IReadOnlyList<string> args) : ICommand
{
    /// <summary>The recall the default threshold must reach in cross-validation.</summary>
    public const double TargetRecall = 0.90;

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var given = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var folder = DetectionPaths.DevelopmentSet(given);
        if (!File.Exists(Path.Combine(folder, "gold.json")))
        {
            await output.WriteLineAsync($"{folder}: no gold.json here; give the articles-dev folder");
            return 2;
        }

        var options = new ClaimModel.TrainingOptions();
        var articles = DetectionDataSet.LoadDevelopment(folder);
        var scored = DetectionEvaluation.CrossValidate(articles, options, DetectionPaths.Progress(output));
        var (threshold, tally) = DetectionEvaluation.OperatingPoint(scored, TargetRecall);
        var outcomes = DetectionEvaluation.AtThreshold(scored, threshold);
        var figures = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["method"] = "leave-one-publisher-out over the development articles; threshold = best precision with recall >= 0.90",
            ["overall"] = tally.ToString(),
        };
        foreach (var (category, claims, found) in DetectionEvaluation.ByCategory(outcomes))
            figures["recall:" + category] = string.Create(inv, $"{(double)found / claims:F3} ({found}/{claims})");
        foreach (var group in outcomes.GroupBy(o => o.Article.Extent).OrderBy(g => g.Key, StringComparer.Ordinal))
            figures["extent:" + group.Key] = DetectionEvaluation.Total(group).ToString();

        var samples = articles.SelectMany(a => a.Samples()).ToList();
        var model = ClaimModel.Train(samples, options);
        var command = "dotnet run --project src/KnowledgeBase.Web -- train-detector" + (given is null ? "" : " " + given);
        var file = model.ToFile(command, DetectionDataSet.Sha256OfFile(Path.Combine(folder, "gold.json")), DetectionDataSet.Sha256OfArticles(folder),
            articles.Count, samples.Count, options, threshold, figures);
        var path = DetectionPaths.ModelFile;
        await File.WriteAllTextAsync(path, ClaimModel.Serialize(file) + "\n");
        await output.WriteLineAsync(string.Create(inv, $"cross-validated at threshold {threshold:F2}: {tally}"));
        await output.WriteLineAsync(string.Create(inv, $"trained on {articles.Count} articles ({samples.Count} sentences, {model.HashedWeights.Count} word weights); wrote {path}; rebuild to embed it"));
        return 0;
    }
}
