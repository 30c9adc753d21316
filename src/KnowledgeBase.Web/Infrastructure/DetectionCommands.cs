using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using KnowledgeBase.Browsing;
using KnowledgeBase.Importing;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Linking;
using KnowledgeBase.Linking.Detection;
using KnowledgeBase.Linking.Evaluation;
using KnowledgeBase.Primitives;

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
internal sealed record EvaluateDetectionCommand(string? Folder, bool List, string? Threshold, bool Timing, bool NoCv) : ICommand
{
    public Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var list = List;
        var folder = DetectionPaths.DevelopmentSet(Folder);
        if (!File.Exists(Path.Combine(folder, "gold.json")))
        {
            output.WriteLine($"{folder}: no gold.json here; give the articles-dev folder");
            return Task.FromResult(2);
        }
        var threshold = Threshold is { } t ? double.Parse(t, inv) : ClaimDetector.Default.Threshold;

        var articles = DetectionDataSet.LoadDevelopment(folder);
        var seeds = DetectionDataSet.LoadSeeds(DetectionPaths.Seeds, DetectionPaths.SeedLabels);
        if (Timing)
        {
            ReportTiming(output, [.. articles, .. seeds], ClaimDetector.Default.WithThreshold(threshold));
            return Task.FromResult(0);
        }
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
        if (!NoCv)
        {
            var featured = DetectionEvaluation.Featurize(articles);
            var scored = DetectionEvaluation.CrossValidate(featured, DetectionTuning.Lexical(ClaimDetector.DefaultModelFile.Training), DetectionPaths.Progress(output));
            output.WriteLine("leave-one-publisher-out, overall by threshold:");
            foreach (var (at, tally) in DetectionEvaluation.Sweep(scored).Where(p => Math.Round(p.Threshold * 100) % 5 == 0))
                output.WriteLine(string.Create(inv, $"  {at:0.00#}  {tally}"));
            var (best, bestTally) = DetectionEvaluation.OperatingPoint(scored, 0.90);
            output.WriteLine(string.Create(inv, $"best precision at recall >= 0.90: threshold {best:0.00#}: {bestTally}"));
            DetectionEvaluation.Report(output, string.Create(inv, $"learned detector, leave-one-publisher-out, threshold {threshold:0.00#}"), DetectionEvaluation.AtThreshold(scored, threshold), list);
            DetectionEvaluation.ReportCalibration(output, DetectionEvaluation.Calibration(scored, featured));
        }

        var seedOutcomes = DetectionEvaluation.Evaluate(seeds, (a, p) => detector.Detect(a.Parts[p].CleanedText));
        DetectionEvaluation.Report(output, string.Create(inv, $"committed model, seed articles (never trained on), threshold {threshold:0.00#}"), seedOutcomes, list);
        var committed = DetectionEvaluation.Evaluate(articles, (a, p) => detector.Detect(a.Parts[p].CleanedText));
        output.WriteLine($"committed model on its own training set (optimistic, for reference): {DetectionEvaluation.Total(committed)}");

        var cost = DetectionEvaluation.CostPerArticleMs(articles, detector.Detect);
        var ruleCost = DetectionEvaluation.CostPerArticleMs(articles, ClaimRules.Detect);
        output.WriteLine(string.Create(inv, $"detection cost per development article (median of 15 passes, {articles.Average(a => a.FileText.Length):F0} characters on average): learned {cost:F3} ms ({1000 / cost:F0} articles/s), old rules {ruleCost:F3} ms"));
        return Task.FromResult(0);
    }

    /// <summary>Cost per article of each step, median of 31 passes over the development articles and the seeds (run on a Release build).</summary>
    private static void ReportTiming(TextWriter output, IReadOnlyList<LabelledArticle> articles, ClaimDetector detector)
    {
        var inv = CultureInfo.InvariantCulture;
#if DEBUG
        output.WriteLine("note: a Debug build; time a Release build (dotnet run -c Release)");
#endif
        var texts = articles.SelectMany(a => a.Parts).Select(p => p.CleanedText).ToList();
        output.WriteLine(string.Create(inv, $"timing over {articles.Count} files ({texts.Count} articles, {texts.Average(t => t.Length):F0} characters on average); every step warmed up for 3 s, then each measured over 31 passes:"));
        var steps = new (string, Func<string, int>)[]
        {
            ("split into sentences", t => SentenceSplitter.Split(t).Count),
            ("split + features", t => ClaimFeatures.Extract(t, SentenceSplitter.Split(t)).Count),
            ("learned detector (split, features, scoring)", t => detector.Detect(t).Count),
            ("old rules (ClaimRules.Detect)", t => ClaimRules.Detect(t).Count),
        };
        // The JIT's optimised code arrives seconds after the first calls on a busy machine: warm every step up first.
        foreach (var (_, step) in steps) DetectionEvaluation.SteadyCostPerText(texts, step, 1, TimeSpan.FromSeconds(3));
        output.WriteLine("  step                                           CPU ms an article   median wall ms   articles/s (CPU)");
        foreach (var (name, step) in steps)
        {
            var (cpu, wall) = DetectionEvaluation.SteadyCostPerText(texts, step, 31, TimeSpan.Zero);
            output.WriteLine(string.Create(inv, $"  {name,-46} {cpu,10:F3} {wall,18:F3} {1000 / cpu,16:F0}"));
        }
    }
}

/// <summary>
/// <c>train-detector [articles-dev folder] [--threshold 0.12]</c>: cross-validates (leave one publisher out) to choose the recall-oriented
/// threshold and record the figures, trains on all development articles, and writes src/KnowledgeBase/Linking/Detection/claim-model.json
/// (embedded in the app at build). Deterministic: same data, same file.
/// </summary>
internal sealed record TrainDetectorCommand(string? Folder, string? Threshold) : ICommand
{
    /// <summary>The recall the default threshold must reach in cross-validation.</summary>
    public const double TargetRecall = 0.90;

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var given = Folder;
        var folder = DetectionPaths.DevelopmentSet(given);
        if (!File.Exists(Path.Combine(folder, "gold.json")))
        {
            await output.WriteLineAsync($"{folder}: no gold.json here; give the articles-dev folder");
            return 2;
        }

        var articles = DetectionDataSet.LoadDevelopment(folder);
        var featured = DetectionEvaluation.Featurize(articles);
        // The training settings are chosen by 6-fold cross-validation by article (publisher) over the development set.
        await output.WriteLineAsync($"choosing the training settings among {DetectionTuning.Grid.Count} by 6-fold cross-validation by article...");
        var (options, inner) = DetectionTuning.Select(featured, DetectionTuning.Grid, DetectionTuning.Lexical);
        await output.WriteLineAsync(string.Create(inv, $"chosen: L2 {options.L2:G3}, word rate {options.WordRate:F2}, claim weight {options.ClaimWeight:F1} (sentence precision at recall 0.90: {inner:F3})"));
        var scored = DetectionEvaluation.CrossValidate(featured, DetectionTuning.Lexical(options), DetectionPaths.Progress(output));
        var (threshold, tally) = DetectionEvaluation.OperatingPoint(scored, TargetRecall);
        // --threshold fixes the operating point below the cross-validated one (for a margin of recall); the figures are taken there.
        var fixedThreshold = Threshold is { } given2 ? double.Parse(given2, inv) : (double?)null;
        if (fixedThreshold is { } at)
        {
            await output.WriteLineAsync(string.Create(inv, $"cross-validated operating point {threshold:0.00#}: {tally}; using the given threshold {at:0.00#}"));
            threshold = at;
            tally = DetectionEvaluation.Total(DetectionEvaluation.AtThreshold(scored, at));
        }
        var outcomes = DetectionEvaluation.AtThreshold(scored, threshold);
        var figures = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["method"] = "leave-one-publisher-out over the development articles; training settings chosen by 6-fold cross-validation by article; threshold = "
                + (fixedThreshold is null ? "best precision with recall >= 0.90" : "given (--threshold), at or below the best precision with recall >= 0.90"),
            ["overall"] = tally.ToString(),
        };
        foreach (var (category, claims, found) in DetectionEvaluation.ByCategory(outcomes))
            figures["recall:" + category] = string.Create(inv, $"{(double)found / claims:F3} ({found}/{claims})");
        foreach (var group in outcomes.GroupBy(o => o.Article.Extent).OrderBy(g => g.Key, StringComparer.Ordinal))
            figures["extent:" + group.Key] = DetectionEvaluation.Total(group).ToString();

        var samples = featured.SelectMany(a => a.Parts).SelectMany(p => p.Samples).ToList();
        var model = ClaimModel.TrainRanked(DetectionTuning.Pages(featured), options);
        var command = "dotnet run --project src/KnowledgeBase.Web -- train-detector" + (given is null ? "" : " " + given)
            + (fixedThreshold is { } t2 ? string.Create(inv, $" --threshold {t2:0.00#}") : "");
        var file = model.ToFile(command, DetectionDataSet.Sha256OfFile(Path.Combine(folder, "gold.json")), DetectionDataSet.Sha256OfArticles(folder),
            articles.Count, samples.Count, options, threshold, figures);
        var path = DetectionPaths.ModelFile;
        await File.WriteAllTextAsync(path, ClaimModel.Serialize(file) + "\n");
        await output.WriteLineAsync(string.Create(inv, $"cross-validated at threshold {threshold:0.00#}: {tally}"));
        await output.WriteLineAsync(string.Create(inv, $"trained on {articles.Count} articles ({samples.Count} sentences, {model.HashedWeights.Count} word weights); wrote {path}; rebuild to embed it"));
        return 0;
    }
}

/// <summary>
/// <c>tune-detector [articles-dev folder] [--nested]</c>: leave-one-publisher-out figures for every training setting of
/// <see cref="DetectionTuning.Grid"/>; with <c>--nested</c>, the honest figure of choosing the setting by cross-validation
/// inside each fold's 41 training articles (what train-detector does on all 42).
/// </summary>
internal sealed record TuneDetectorCommand(TuneDetectorCommand.Request Given) : ICommand
{
    internal sealed record Request(string? Folder, bool Nested, bool Stacked, bool Embeddings, bool CommittedSettings, bool Trees, bool Quick, bool Report,
        bool List, string? Drop, string? NTrees, string? Depth, string? Shrinkage, string? MinLeaf, string? Lambda, string? Modes, bool Variants, bool Segmentation, bool LearningCurve);

    /// <summary>The command's argument and options, declared for <see cref="CommandLine"/>.</summary>
    internal sealed record Options(Argument<string?> Folder, Option<bool> Nested, Option<bool> Stacked, Option<bool> Embeddings, Option<bool> CommittedSettings,
        Option<bool> Trees, Option<bool> Quick, Option<bool> Report, Option<bool> List, Option<string> Drop, Option<string> NTrees, Option<string> Depth,
        Option<string> Shrinkage, Option<string> MinLeaf, Option<string> Lambda, Option<string> Modes, Option<bool> Variants, Option<bool> Segmentation,
        Option<bool> LearningCurve)
    {
        public Symbol[] All => [Folder, Nested, Stacked, Embeddings, CommittedSettings, Trees, Quick, Report, List, Drop, NTrees, Depth, Shrinkage, MinLeaf, Lambda, Modes, Variants, Segmentation, LearningCurve];

        public Request Read(ParseResult r) => new(r.GetValue(Folder), r.GetValue(Nested), r.GetValue(Stacked), r.GetValue(Embeddings), r.GetValue(CommittedSettings),
            r.GetValue(Trees), r.GetValue(Quick), r.GetValue(Report), r.GetValue(List), r.GetValue(Drop), r.GetValue(NTrees), r.GetValue(Depth),
            r.GetValue(Shrinkage), r.GetValue(MinLeaf), r.GetValue(Lambda), r.GetValue(Modes), r.GetValue(Variants), r.GetValue(Segmentation), r.GetValue(LearningCurve));
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var folder = DetectionPaths.DevelopmentSet(Given.Folder);
        if (!File.Exists(Path.Combine(folder, "gold.json")))
        {
            await output.WriteLineAsync($"{folder}: no gold.json here; give the articles-dev folder");
            return 2;
        }
        var development = DetectionDataSet.LoadDevelopment(folder);
        if (Given.Segmentation)
        {
            SegmentationAlignment.Report(output, SegmentationAlignment.Compare(development), Given.List);
            return 0;
        }
        var featured = DetectionEvaluation.Featurize(development);
        if (Given.Drop is { } drop)
        {
            // Ablation: the named features whose names start with one of the given prefixes are left out.
            var prefixes = drop.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var dropped = ClaimFeatures.Names.Select((n, i) => (n, i)).Where(p => prefixes.Any(x => p.n.StartsWith(x, StringComparison.Ordinal))).Select(p => p.i).ToHashSet();
            await output.WriteLineAsync($"leaving out {dropped.Count} named features");
            featured = [.. featured.Select(a => a with { Parts = [.. a.Parts.Select(p => p with { Samples = [.. p.Samples.Select(s => s with { Features = s.Features with { Named = [.. s.Features.Named.Where(i => !dropped.Contains(i))] } })] })] })];
        }
        if (Given.Embeddings) return await MeasureEmbeddingsAsync(featured, output);
        if (Given.Variants) return await MeasureVariantsAsync(featured, output);
        if (Given.LearningCurve) return await MeasureLearningCurveAsync(featured, output);
        if (Given.Stacked)
        {
            var options = new ClaimModel.TrainingOptions();
            foreach (var (name, train) in new[] { ("lexical", DetectionTuning.Lexical(options)), ("lexical + context stage", DetectionTuning.Stacked(options)) }.Take(Given.Quick ? 1 : 2))
            {
                var scored = DetectionEvaluation.CrossValidate(featured, train);
                var (threshold, tally) = DetectionEvaluation.OperatingPoint(scored, 0.90);
                var sentences = DetectionTuning.PrecisionAtRecall(DetectionEvaluation.Calibration(scored, featured), 0.90);
                await output.WriteLineAsync(string.Create(inv, $"{name}: sentence precision@0.90 {sentences:F3}; threshold {threshold:0.00#} {tally}"));
                DetectionEvaluation.ReportCalibration(output, DetectionEvaluation.Calibration(scored, featured));
            }
            return 0;
        }
        if (Given.Trees)
        {
            // Experiment: linear model against gradient-boosted trees (DetectionTuning.Boosted), leave-one-publisher-out.
            var options = ClaimDetector.DefaultModelFile.Training;
            var treeOptions = new BoostedTrees.Options(
                Trees: Given.NTrees is { } nt ? int.Parse(nt, inv) : 150,
                Depth: Given.Depth is { } dp ? int.Parse(dp, inv) : 3,
                Shrinkage: Given.Shrinkage is { } sh ? double.Parse(sh, inv) : 0.1,
                MinLeafWeight: Given.MinLeaf is { } ml ? double.Parse(ml, inv) : 5,
                Lambda: Given.Lambda is { } lm ? double.Parse(lm, inv) : 2);
            var modes = Given.Modes is { } m ? m.Split(',') : ["linear", "NamedOnly", "Stacked", "Residual"];
            foreach (var mode in modes)
            {
                var train = mode == "linear" ? DetectionTuning.Lexical(options)
                    : mode.StartsWith("mlp", StringComparison.Ordinal) ? WideAndDeep.Trainer(options, int.Parse(mode.Split(':')[1], inv), double.Parse(mode.Split(':')[2], inv))
                    : DetectionTuning.Boosted(options, treeOptions, Enum.Parse<DetectionTuning.TreeMode>(mode));
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var scored = DetectionEvaluation.CrossValidate(featured, train);
                var (threshold, tally) = DetectionEvaluation.OperatingPoint(scored, 0.90);
                var sentences = DetectionTuning.PrecisionAtRecall(DetectionEvaluation.Calibration(scored, featured), 0.90);
                await output.WriteLineAsync(string.Create(inv, $"{mode} {treeOptions}: sentence precision@0.90 {sentences:F3}; threshold {threshold:0.00#} {tally} ({watch.Elapsed.TotalSeconds:F0} s)"));
                if (Given.Report) DetectionEvaluation.Report(output, mode, DetectionEvaluation.AtThreshold(scored, threshold), Given.List);
            }
            return 0;
        }
        if (!Given.Nested)
        {
            foreach (var options in DetectionTuning.Grid)
            {
                var scored = DetectionEvaluation.CrossValidate(featured, DetectionTuning.Lexical(options));
                var (threshold, tally) = DetectionEvaluation.OperatingPoint(scored, 0.90);
                var sentences = DetectionTuning.PrecisionAtRecall(DetectionEvaluation.Calibration(scored, featured), 0.90);
                await output.WriteLineAsync(string.Create(inv, $"L2 {options.L2:G3} word rate {options.WordRate:F2} claim weight {options.ClaimWeight:F1}: sentence precision@0.90 {sentences:F3}; threshold {threshold:0.00#} {tally}"));
            }
            return 0;
        }

        var chosen = new List<string>();
        var nested = DetectionEvaluation.CrossValidate(featured, training =>
        {
            var (options, inner) = DetectionTuning.Select(training, DetectionTuning.Grid, DetectionTuning.Lexical);
            chosen.Add(string.Create(inv, $"L2 {options.L2:G3}/word {options.WordRate:F2}/claims {options.ClaimWeight:F1} (inner {inner:F3})"));
            return DetectionTuning.Lexical(options)(training);
        }, DetectionPaths.Progress(output));
        foreach (var group in chosen.GroupBy(c => c[..c.IndexOf(" (", StringComparison.Ordinal)])) await output.WriteLineAsync($"chosen in {group.Count()} folds: {group.Key}");
        var (t, total) = DetectionEvaluation.OperatingPoint(nested, 0.90);
        await output.WriteLineAsync(string.Create(inv, $"nested leave-one-publisher-out: best precision at recall >= 0.90: threshold {t:0.00#}: {total}"));
        DetectionEvaluation.ReportCalibration(output, DetectionEvaluation.Calibration(nested, featured));
        return 0;
    }

    /// <summary>
    /// Leave-one-publisher-out figures of the training variants aimed at the operating point (<see cref="TrainingVariants"/>),
    /// each run with several training seeds (<c>--seeds N</c>, default 5): a single run moves by about 0.02 when anything
    /// changes, so a variant is compared on the mean and spread over the seeds.
    /// </summary>
    private async Task<int> MeasureVariantsAsync(IReadOnlyList<FeaturedArticle> featured, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var committed = ClaimDetector.DefaultModelFile.Training;
        var all = new List<(string Name, Func<ClaimModel.TrainingOptions, Func<IReadOnlyList<FeaturedArticle>, Trained>> Train)>
        {
            ("pointwise only (committed settings without the pairwise passes)", o => DetectionTuning.Lexical(o with { PairEpochs = 0 })),
            ("per-page weights, power 0.5", o => TrainingVariants.PageWeighted(o with { PairEpochs = 0 }, 0.5)),
            ("per-page weights, power 1", o => TrainingVariants.PageWeighted(o with { PairEpochs = 0 }, 1)),
            ("bagged over publishers, 10 models of 80%", o => TrainingVariants.Bagged(o with { PairEpochs = 0 }, 10, 0.8)),
            ("bagged over publishers, 10 models of 60%", o => TrainingVariants.Bagged(o with { PairEpochs = 0 }, 10, 0.6)),
            ("pairwise within the page, 3 epochs x 3 negatives", o => TrainingVariants.Pairwise(o, 3, 3)),
            ("relative to the page's top 5, strength 0.25", o => TrainingVariants.PageRelative(o with { PairEpochs = 0 }, 0.25, 5)),
            ("relative to the page's top 5, strength 0.5", o => TrainingVariants.PageRelative(o with { PairEpochs = 0 }, 0.5, 5)),
            ("pairwise within the page, 6 epochs x 3 negatives", o => TrainingVariants.Pairwise(o, 6, 3)),
            ("pairwise within the page, 3 epochs x 3 negatives, rate 0.02", o => TrainingVariants.Pairwise(o, 3, 3, rate: 0.02)),
            ("pairwise within the page, 1 epoch x 3 negatives", o => TrainingVariants.Pairwise(o, 1, 3)),
            ("committed training, 5 seeds and page orders averaged", o => TrainingVariants.SeedEnsemble(o, 5)),
            ("committed training, 10 seeds and page orders averaged", o => TrainingVariants.SeedEnsemble(o, 10)),
        };
        var only = Given.Modes?.Split(',').Select(x => int.Parse(x, inv)).ToHashSet();
        var seeds = Given.NTrees is { } n ? int.Parse(n, inv) : 5;
        foreach (var (name, train) in all.Where((_, i) => only is null || only.Contains(i)))
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var precisions = new List<double>();
            foreach (var seed in Enumerable.Range(committed.Seed, seeds))
            {
                var scored = DetectionEvaluation.CrossValidate(featured, train(committed with { Seed = seed }));
                var (threshold, tally) = DetectionEvaluation.OperatingPoint(scored, 0.90);
                precisions.Add(tally.Precision);
                if (seed == committed.Seed)
                {
                    await output.WriteLineAsync(string.Create(inv, $"{name}, seed {seed}: best precision at recall >= 0.90: threshold {threshold:0.00#} {tally}"));
                    await output.WriteLineAsync(string.Create(inv, $"  sentence precision at recall 0.90 (the ranking, no threshold grid): {DetectionTuning.PrecisionAtRecall(DetectionEvaluation.Calibration(scored, featured), 0.90):F3}"));
                    if (Given.Report)
                    {
                        DetectionEvaluation.Report(output, name, DetectionEvaluation.AtThreshold(scored, threshold), Given.List);
                        DetectionEvaluation.ReportCalibration(output, DetectionEvaluation.Calibration(scored, featured));
                    }
                }
            }
            var mean = precisions.Average();
            var sd = Math.Sqrt(precisions.Sum(p => (p - mean) * (p - mean)) / Math.Max(1, precisions.Count - 1));
            await output.WriteLineAsync(string.Create(inv, $"  {name}: precision at recall >= 0.90 over {seeds} seeds: mean {mean:F3}, sd {sd:F3}, min {precisions.Min():F3}, max {precisions.Max():F3} ({watch.Elapsed.TotalSeconds:F0} s)"));
        }
        return 0;
    }

    /// <summary>
    /// Whether more labelled publishers would help: leave-one-publisher-out where each fold trains the committed way on
    /// only k of its 41 other publishers (k = 10, 20, 30, 41; a different draw per seed and fold), precision at recall
    /// >= 0.90 pooled over the 42 held-out pages. A curve still rising at 41 says the data, not the model, limits it.
    /// </summary>
    private async Task<int> MeasureLearningCurveAsync(IReadOnlyList<FeaturedArticle> featured, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var committed = ClaimDetector.DefaultModelFile.Training;
        var seeds = Given.NTrees is { } n ? int.Parse(n, inv) : 3;
        foreach (var size in new[] { 10, 20, 30, featured.Count - 1 })
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var precisions = new List<double>();
            var recalls = new List<double>();
            foreach (var seed in Enumerable.Range(committed.Seed, seeds))
            {
                var train = DetectionTuning.Lexical(committed with { Seed = seed });
                var scored = DetectionEvaluation.CrossValidate(featured, training => train(
                    [.. training.OrderBy(a => StableHash(a.Article.Name, seed)).Take(size)]));
                var (_, tally) = DetectionEvaluation.OperatingPoint(scored, 0.90);
                precisions.Add(tally.Precision);
                recalls.Add(tally.Recall);
            }
            var mean = precisions.Average();
            var sd = Math.Sqrt(precisions.Sum(p => (p - mean) * (p - mean)) / Math.Max(1, precisions.Count - 1));
            await output.WriteLineAsync(string.Create(inv,
                $"{size,2} training publishers: precision at recall >= 0.90 over {seeds} seeds: mean {mean:F3}, sd {sd:F3} (recall {recalls.Average():F3}) ({watch.Elapsed.TotalSeconds:F0} s)"));
        }
        return 0;

        static ulong StableHash(string name, int seed)
        {
            var hash = 14695981039346656037UL ^ (ulong)seed;
            foreach (var c in name) hash = (hash ^ c) * 1099511628211UL;
            return hash;
        }
    }

    /// <summary>Leave-one-publisher-out with sentence embeddings added to the features (cached in bench/out/detection-embeddings.bin).</summary>
    private async Task<int> MeasureEmbeddingsAsync(IReadOnlyList<FeaturedArticle> featured, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var path = Path.Combine(DetectionPaths.RepoRoot(), "bench", "out", "detection-embeddings.bin");
        var cache = EmbeddingCache.Load(path);
        var texts = featured.SelectMany(a => a.Parts).SelectMany(p => p.Spans.Select(s => s.Slice(p.CleanedText))).ToList();
        // The float model: the cache is keyed by text alone and holds the float vectors the documented figures used.
        using (var embedder = new KnowledgeBase.Retrieval.ArcticXsEmbedder(new KnowledgeBase.Retrieval.ArcticXsOptions { Weights = KnowledgeBase.Retrieval.ArcticXsWeights.Original }))
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var added = cache.Fill(texts, t => embedder.EmbedPassages(t, CancellationToken.None), DetectionPaths.Progress(output));
            if (added > 0)
            {
                cache.Save(path);
                await output.WriteLineAsync(string.Create(inv, $"embedded {added} sentences in {watch.Elapsed.TotalSeconds:F1} s ({watch.Elapsed.TotalMilliseconds / added:F1} ms a sentence); cache {path}"));
            }
        }
        var options = Given.CommittedSettings ? ClaimDetector.DefaultModelFile.Training : new ClaimModel.TrainingOptions();
        var runs = new List<(string Name, Func<IReadOnlyList<FeaturedArticle>, Trained> Train)>
        {
            ("lexical only", DetectionTuning.Lexical(options)),
            ("embedding only", EmbeddingProbe.Trainer(cache, options, lexical: false)),
            ("lexical + embedding, dense rate 0.02", EmbeddingProbe.Trainer(cache, options, denseRate: 0.02)),
            ("lexical + embedding, dense rate 0.05", EmbeddingProbe.Trainer(cache, options, denseRate: 0.05)),
            ("lexical + embedding, dense rate 0.2", EmbeddingProbe.Trainer(cache, options, denseRate: 0.2)),
            ("page-centred embedding only", EmbeddingProbe.Trainer(cache, options, lexical: false, centred: true)),
            ("lexical + page-centred embedding, dense rate 0.02", EmbeddingProbe.Trainer(cache, options, denseRate: 0.02, centred: true)),
            ("lexical + page-centred embedding, dense rate 0.05", EmbeddingProbe.Trainer(cache, options, denseRate: 0.05, centred: true)),
        };
        foreach (var (name, train) in runs)
        {
            var scored = DetectionEvaluation.CrossValidate(featured, train);
            var (threshold, tally) = DetectionEvaluation.OperatingPoint(scored, 0.90);
            var sentences = DetectionTuning.PrecisionAtRecall(DetectionEvaluation.Calibration(scored, featured), 0.90);
            await output.WriteLineAsync(string.Create(inv, $"{name}: sentence precision@0.90 {sentences:F3}; best precision at recall >= 0.90: threshold {threshold:0.00#} {tally}"));
        }
        return 0;
    }
}

/// <summary>
/// <c>time-detection [folder] [--passes 12] [--dump file]</c>: the CPU cost per article of <see cref="ClaimDetector.Detect"/> as the
/// importer runs it, in a fresh process: the first pass over the folder's articles (cold: the JIT, the regexes' construction),
/// the second (warm), and the mean of the passes after it (steady). The folder holds article files (<c>generate --articles</c>)
/// or is the development set (its <c>articles/</c>). <c>--dump</c> writes, after the timing, every unit's span, features,
/// probability and signals and the old rules' candidates, so two builds can be compared byte for byte (docs/benchmarks.md,
/// "Claim detection cost, 3 December").
/// <para><c>--prepare</c> times the import's whole per-file preparation instead (<see cref="PreparationProbe.Prepare"/> on
/// each file's bytes: decode, sniff, parse, hash, detect, classify) and, in separate loops over the same files, each stage
/// alone (decode and sniff, parse, hash, detect, classify), so the total and where it goes are printed side by side.
/// <c>--dump-prepared</c> then writes what the preparation derives per article (title, hashes, references, stripped lines,
/// classification: <see cref="PreparationProbe.Dump"/>) for a byte-for-byte comparison of two builds
/// ("Article preparation cost, 3 December evening").</para>
/// </summary>
internal sealed record TimeDetectionCommand(string? Folder, string? Passes, string? Dump, bool Prepare = false, string? DumpPrepared = null) : ICommand
{
    public Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
#if DEBUG
        output.WriteLine("note: a Debug build; time a Release build (dotnet run -c Release)");
#endif
        var folder = DetectionPaths.DevelopmentSet(Folder);
        var files = Directory.Exists(Path.Combine(folder, "articles")) ? Path.Combine(folder, "articles") : folder;
        if (!Directory.Exists(files))
        {
            output.WriteLine($"{folder}: no such folder");
            return Task.FromResult(2);
        }
        var passes = 12;
        if ((Passes is { } p && !int.TryParse(p, NumberStyles.None, inv, out passes)) || passes < 2)
        {
            output.WriteLine("--passes: at least 2 (the cold and the warm pass)");
            return Task.FromResult(2);
        }

        if (Prepare || DumpPrepared is not null) return Task.FromResult(TimePreparation(files, passes, output));

        // Read and parse as the importer does; only the detection is timed.
        var texts = new List<string>();
        var rejected = 0;
        foreach (var path in ArticleFiles(files))
        {
            try
            {
                texts.AddRange(ArticleParser.Parse(InputText.Decode(File.ReadAllBytes(path))).Select(a => a.CleanedText));
            }
            catch (ImportFormatException)
            {
                rejected++;
            }
        }
        if (texts.Count == 0)
        {
            output.WriteLine($"{files}: no articles");
            return Task.FromResult(2);
        }

        using var process = Process.GetCurrentProcess();
        double Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalMilliseconds;
        }
        var cpuStart = Cpu();
        var detector = ClaimDetector.Default;
        var loadMs = Cpu() - cpuStart;
        var perPass = new List<(double Cpu, double Wall)>();
        var claims = 0L;
        for (var pass = 0; pass < passes; pass++)
        {
            var cpuBefore = Cpu();
            var watch = Stopwatch.StartNew();
            claims = 0;
            foreach (var text in texts) claims += detector.Detect(text).Count;
            perPass.Add(((Cpu() - cpuBefore) / texts.Count, watch.Elapsed.TotalMilliseconds / texts.Count));
        }

        var steady = perPass.Skip(2).DefaultIfEmpty(perPass[1]).ToList();
        output.WriteLine(string.Create(inv, $"{files}: {texts.Count} articles ({texts.Average(t => t.Length):F0} characters of cleaned text on average{(rejected > 0 ? $", {rejected} files rejected" : "")}), {claims} candidate claims"));
        output.WriteLine(string.Create(inv, $"model load: {loadMs:F0} ms CPU; load average at the end: {LoadAverage()}"));
        output.WriteLine("  pass                         CPU ms an article   wall ms an article   articles/s (CPU)");
        void Row(string name, double cpu, double wall) => output.WriteLine(string.Create(inv, $"  {name,-28} {cpu,17:F3} {wall,20:F3} {1000 / cpu,18:F0}"));
        Row("1 (cold)", perPass[0].Cpu, perPass[0].Wall);
        Row("2 (warm)", perPass[1].Cpu, perPass[1].Wall);
        Row(string.Create(inv, $"3-{passes} (steady, mean)"), steady.Average(x => x.Cpu), steady.Average(x => x.Wall));

        if (Dump is { } dump)
        {
            using var writer = new StreamWriter(ImportCommand.ResolveFromInvocationFolder(dump));
            for (var t = 0; t < texts.Count; t++) DetectionDump.Write(writer, t, texts[t], detector);
            output.WriteLine($"dump: {dump}");
        }
        return Task.FromResult(0);
    }

    private static IEnumerable<string> ArticleFiles(string folder) =>
        Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>The whole preparation per file, then each stage alone over the same files; CPU per article, steady passes.</summary>
    private int TimePreparation(string folder, int passes, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var files = ArticleFiles(folder).Select(path => (Name: Path.GetFileName(path), Content: File.ReadAllBytes(path))).ToList();
        using var process = Process.GetCurrentProcess();
        double Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalMilliseconds;
        }
        var detector = ClaimDetector.Default;
        string[] stages = ["whole preparation", "decode and sniff", "parse", "hash", "detect", "classify"];
        var perPass = new List<double[]>();
        var articleCount = 0;
        var rejected = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            var cpu = new double[stages.Length];
            var before = Cpu();
            articleCount = 0;
            foreach (var (name, content) in files) articleCount += PreparationProbe.Prepare(name, content, detector);
            cpu[0] = Cpu() - before;

            before = Cpu();
            var texts = new List<string>(files.Count);
            rejected = 0;
            foreach (var (name, content) in files)
            {
                try
                {
                    var text = InputText.Decode(content);
                    if (ImportContentSniffer.ContentOf(text, name) == ImportContent.Articles) texts.Add(text);
                }
                catch (ImportFormatException)
                {
                    rejected++;
                }
            }
            cpu[1] = Cpu() - before;

            before = Cpu();
            var articles = new List<ParsedArticle>(texts.Count);
            foreach (var text in texts)
            {
                try
                {
                    articles.AddRange(ArticleParser.Parse(text));
                }
                catch (ImportFormatException)
                {
                    rejected++;
                }
            }
            cpu[2] = Cpu() - before;

            before = Cpu();
            var hashed = 0;
            foreach (var article in articles) hashed += PreparationProbe.Hash(article.OriginalText).Length;
            cpu[3] = Cpu() - before;

            before = Cpu();
            var claims = 0;
            foreach (var article in articles) claims += detector.Detect(article.CleanedText).Count;
            cpu[4] = Cpu() - before;

            before = Cpu();
            var kinds = 0;
            foreach (var article in articles) kinds += SourceClassifier.Classify(article.Title, article.CleanedText).TherapyKinds.Count;
            cpu[5] = Cpu() - before;

            if (articles.Count != articleCount || hashed == 0 || kinds < articles.Count)
                throw new InvalidOperationException($"the stage loops saw {articles.Count} articles, the whole preparation {articleCount}");
            perPass.Add([.. cpu.Select(ms => ms / Math.Max(1, articleCount))]);
        }

        output.WriteLine(string.Create(inv, $"{folder}: {files.Count} files, {articleCount} articles{(rejected > 0 ? $" ({rejected} files rejected)" : "")}; load average at the end: {LoadAverage()}"));
        output.WriteLine("  CPU ms an article             1 (cold)   2 (warm)   steady (mean of 3-)   share of the whole (steady)");
        var steady = perPass.Skip(2).DefaultIfEmpty(perPass[1]).ToList();
        for (var s = 0; s < stages.Length; s++)
        {
            var mean = steady.Average(p => p[s]);
            var share = mean / steady.Average(p => p[0]);
            output.WriteLine(string.Create(inv, $"  {stages[s],-28} {perPass[0][s],10:F3} {perPass[1][s],10:F3} {mean,21:F3} {share,28:P0}"));
        }
        var sum = steady.Average(p => p.Skip(1).Sum());
        output.WriteLine(string.Create(inv, $"  {"sum of the stages",-28} {perPass[0].Skip(1).Sum(),10:F3} {perPass[1].Skip(1).Sum(),10:F3} {sum,21:F3}"));
        output.WriteLine(string.Create(inv, $"  steady: {1000 / steady.Average(p => p[0]):F0} articles/s on one core (the whole preparation)"));

        if (DumpPrepared is { } dump)
        {
            using var writer = new StreamWriter(ImportCommand.ResolveFromInvocationFolder(dump));
            foreach (var (name, content) in files) PreparationProbe.Dump(writer, name, content, detector);
            output.WriteLine($"dump: {dump}");
        }
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

/// <summary>Everything the detector says about a text, one line per unit, in a stable format: two builds that detect alike dump the same bytes.</summary>
internal static class DetectionDump
{
    public static void Write(TextWriter writer, int index, string text, ClaimDetector detector)
    {
        var inv = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(inv, $"# text {index} ({text.Length} characters)"));
        foreach (var s in detector.Score(text))
        {
            writer.WriteLine(string.Create(inv,
                $"{s.Span.Start}-{s.Span.End} p={s.Probability:R} named=[{string.Join(',', s.Features.Named)}] hashed=[{string.Join(',', s.Features.Hashed)}] lead-in={s.Features.LeadIn} never={s.Features.NeverClaim ?? "-"}"));
        }
        foreach (var c in detector.Detect(text))
            writer.WriteLine(string.Create(inv, $"claim {c.Start}-{c.End} confidence={c.Confidence:R} signals=[{string.Join("; ", c.Signals)}]"));
        foreach (var c in ClaimRules.Detect(text))
            writer.WriteLine(string.Create(inv, $"rules {c.Start}-{c.End} signals=[{string.Join("; ", c.Signals)}]"));
    }
}
