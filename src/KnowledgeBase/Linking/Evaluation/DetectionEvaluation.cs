using System.Diagnostics;
using System.Globalization;
using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Linking.Evaluation;

/// <summary>Counts behind recall and precision.</summary>
public readonly record struct Tally(int Detected, int TruePositives, int Claims, int Found)
{
    public double Precision => Detected == 0 ? 1 : (double)TruePositives / Detected;
    public double Recall => Claims == 0 ? 1 : (double)Found / Claims;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public static Tally operator +(Tally a, Tally b) => new(a.Detected + b.Detected, a.TruePositives + b.TruePositives, a.Claims + b.Claims, a.Found + b.Found);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"recall {Recall:F3} ({Found}/{Claims})  precision {Precision:F3} ({TruePositives}/{Detected})  F1 {F1:F3}");
}

/// <summary>An article with its parts split into featured, labelled sentences.</summary>
public sealed record FeaturedArticle(LabelledArticle Article, IReadOnlyList<FeaturedPart> Parts);

/// <summary>A trained detector as cross-validation uses it: scores every sentence of a part.</summary>
public sealed record Trained(ClaimModel Model, Func<FeaturedPart, IReadOnlyList<ClaimDetector.ScoredSentence>> ScorePart)
{
    /// <summary>A single-stage model: each sentence scored on its own features.</summary>
    public static Trained Of(ClaimModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(model, part => part.Spans.Select((span, i) => new ClaimDetector.ScoredSentence(span, model.Probability(part.Samples[i].Features), part.Samples[i].Features, model)).ToList());
    }
}

/// <summary>A candidate with where it falls in the file and what it matched.</summary>
public sealed record ScoredCandidate(DetectedClaim Claim, TextSpan? FileSpan, bool IsTruePositive, string? NotClaimReason);

/// <summary>How one article scored.</summary>
public sealed record ArticleOutcome(LabelledArticle Article, IReadOnlyList<ScoredCandidate> Candidates, IReadOnlyList<GoldUnit> Missed)
{
    public Tally Tally => new(Candidates.Count, Candidates.Count(c => c.IsTruePositive), Article.Gold.Count(g => g.IsClaim), Article.Gold.Count(g => g.IsClaim) - Missed.Count);
}

/// <summary>
/// Scores a detector on labelled articles with the development set's matching rule, and runs leave-one-publisher-out
/// cross-validation of the learned detector (each development article is one publisher: train on the others, score it).
/// </summary>
public static class DetectionEvaluation
{
    /// <summary>Every sentence of every part of an article with its out-of-fold probability.</summary>
    public sealed record ScoredArticle(LabelledArticle Article, IReadOnlyList<IReadOnlyList<ClaimDetector.ScoredSentence>> Parts);

    /// <summary>Scores <paramref name="detect"/> (cleaned text in, candidates out) on each article.</summary>
    public static IReadOnlyList<ArticleOutcome> Evaluate(IEnumerable<LabelledArticle> articles, Func<LabelledArticle, int, IReadOnlyList<DetectedClaim>> detect)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(detect);
        var outcomes = new List<ArticleOutcome>();
        foreach (var article in articles)
        {
            var candidates = new List<ScoredCandidate>();
            for (var p = 0; p < article.Parts.Count; p++)
            {
                var part = article.Parts[p];
                foreach (var claim in detect(article, p))
                {
                    var span = part.ToFile(new TextSpan(claim.Start, claim.End));
                    var hit = span is { } s && article.Gold.Any(g => g.IsClaim && LabelledArticle.Matches(s, g));
                    var reason = span is { } f && !hit
                        ? article.Gold.Where(g => !g.IsClaim && Math.Min(f.End, g.End) > Math.Max(f.Start, g.Start))
                            .OrderByDescending(g => Math.Min(f.End, g.End) - Math.Max(f.Start, g.Start)).FirstOrDefault()?.Label ?? "unlabelled text"
                        : null;
                    candidates.Add(new ScoredCandidate(claim, span, hit, reason));
                }
            }
            var missed = article.Gold.Where(g => g.IsClaim && !candidates.Any(c => c.FileSpan is { } s && LabelledArticle.Matches(s, g))).ToList();
            outcomes.Add(new ArticleOutcome(article, candidates, missed));
        }
        return outcomes;
    }

    /// <summary>Leave-one-article-out: for each article, a model trained on all the others scores its sentences.</summary>
    public static IReadOnlyList<ScoredArticle> CrossValidate(IReadOnlyList<LabelledArticle> articles, ClaimModel.TrainingOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        return CrossValidate(Featurize(articles), training => Trained.Of(ClaimModel.Train(training.SelectMany(a => a.Parts).SelectMany(p => p.Samples).ToList(), options)), progress);
    }

    /// <summary>Each article with its parts split, featured and labelled (done once, then shared by every fold).</summary>
    public static IReadOnlyList<FeaturedArticle> Featurize(IReadOnlyList<LabelledArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        return articles.Select(a => new FeaturedArticle(a, a.Featurize())).ToList();
    }

    /// <summary>Leave-one-article-out with any trainer: <paramref name="train"/> gets the other articles and returns what scores a part.</summary>
    public static IReadOnlyList<ScoredArticle> CrossValidate(IReadOnlyList<FeaturedArticle> articles, Func<IReadOnlyList<FeaturedArticle>, Trained> train, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(train);
        var result = new ScoredArticle[articles.Count];
        for (var i = 0; i < articles.Count; i++)
        {
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"[{i + 1}/{articles.Count}] training without {articles[i].Article.Name}"));
            var held = i;
            var trained = train(articles.Where((_, j) => j != held).ToList());
            result[i] = new ScoredArticle(articles[i].Article, articles[i].Parts.Select(p => trained.ScorePart(p)).ToList());
        }
        return result;
    }

    /// <summary>Labels of the scored sentences in the same order (for calibration).</summary>
    public static IEnumerable<(double Probability, bool IsClaim)> Calibration(IReadOnlyList<ScoredArticle> scored, IReadOnlyList<FeaturedArticle> featured)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(featured);
        for (var a = 0; a < scored.Count; a++)
            for (var p = 0; p < scored[a].Parts.Count; p++)
                for (var s = 0; s < scored[a].Parts[p].Count; s++)
                    yield return (scored[a].Parts[p][s].Probability, featured[a].Parts[p].Samples[s].IsClaim);
    }

    /// <summary>Prints predicted against observed claim rates in ten probability bins.</summary>
    public static void ReportCalibration(TextWriter output, IEnumerable<(double Probability, bool IsClaim)> points)
    {
        ArgumentNullException.ThrowIfNull(output);
        var inv = CultureInfo.InvariantCulture;
        var list = points.ToList();
        output.WriteLine("calibration (out-of-fold probability bin: sentences, mean probability, share that are claims):");
        foreach (var bin in list.GroupBy(p => Math.Min(9, (int)(p.Probability * 10))).OrderBy(g => g.Key))
            output.WriteLine(string.Create(inv, $"  {bin.Key / 10.0:F1}-{(bin.Key + 1) / 10.0:F1}  {bin.Count(),5}  {bin.Average(p => p.Probability):F3}  {bin.Average(p => p.IsClaim ? 1.0 : 0.0):F3}"));
        var brier = list.Count == 0 ? 0 : list.Average(p => Math.Pow(p.Probability - (p.IsClaim ? 1 : 0), 2));
        var logLoss = list.Count == 0 ? 0 : -list.Average(p => Math.Log(Math.Clamp(p.IsClaim ? p.Probability : 1 - p.Probability, 1e-6, 1)));
        output.WriteLine(string.Create(inv, $"  Brier score {brier:F4}, log loss {logLoss:F4}"));
    }

    /// <summary>Outcomes of already-scored articles at <paramref name="threshold"/>.</summary>
    public static IReadOnlyList<ArticleOutcome> AtThreshold(IReadOnlyList<ScoredArticle> scored, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var byArticle = scored.ToDictionary(s => s.Article);
        return Evaluate(scored.Select(s => s.Article), (article, part) =>
            byArticle[article].Parts[part].Where(s => s.Probability >= threshold).Select(s => s.ToClaim(article.Parts[part].CleanedText)).ToList());
    }

    /// <summary>The threshold (of <see cref="Sweep"/>) with the best precision among those reaching <paramref name="minimumRecall"/>; else the one with the best recall.</summary>
    public static (double Threshold, Tally Tally) OperatingPoint(IReadOnlyList<ScoredArticle> scored, double minimumRecall)
    {
        var points = Sweep(scored).ToList();
        var reaching = points.Where(p => p.Tally.Recall >= minimumRecall).ToList();
        return reaching.Count > 0
            ? reaching.OrderByDescending(p => p.Tally.Precision).ThenByDescending(p => p.Threshold).First()
            : points.OrderByDescending(p => p.Tally.Recall).ThenByDescending(p => p.Tally.Precision).First();
    }

    /// <summary>Overall figures at thresholds 0.001 to 0.009 and 0.01 to 0.95.</summary>
    public static IEnumerable<(double Threshold, Tally Tally)> Sweep(IReadOnlyList<ScoredArticle> scored)
    {
        for (var t = 1; t <= 9; t++) yield return (t / 1000.0, Total(AtThreshold(scored, t / 1000.0)));
        for (var t = 1; t <= 95; t++)
        {
            var threshold = t / 100.0;
            yield return (threshold, Total(AtThreshold(scored, threshold)));
        }
    }

    /// <summary>The sum over the articles.</summary>
    public static Tally Total(IEnumerable<ArticleOutcome> outcomes) => outcomes.Aggregate(default(Tally), (sum, o) => sum + o.Tally);

    /// <summary>Recall per claim category (precision is not defined per category: a false alarm has none).</summary>
    public static IEnumerable<(string Category, int Claims, int Found)> ByCategory(IReadOnlyList<ArticleOutcome> outcomes) =>
        outcomes.SelectMany(o => o.Article.Gold.Where(g => g.IsClaim).Select(g => (g.Label, Found: !o.Missed.Contains(g))))
            .GroupBy(x => x.Label, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), g.Count(x => x.Found)))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal);

    /// <summary>False alarms per not-claim reason of the unit they fell on.</summary>
    public static IEnumerable<(string Reason, int Count)> FalseAlarmsByReason(IReadOnlyList<ArticleOutcome> outcomes) =>
        outcomes.SelectMany(o => o.Candidates.Where(c => !c.IsTruePositive).Select(c => c.NotClaimReason ?? "unmapped"))
            .GroupBy(r => r, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal);

    /// <summary>Prints overall, per category, per page type (extent, therapy), per article, and optionally every miss and false alarm.</summary>
    public static void Report(TextWriter output, string title, IReadOnlyList<ArticleOutcome> outcomes, bool listErrors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(outcomes);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"== {title}");
        output.WriteLine($"overall                {Total(outcomes)}");
        output.WriteLine("by claim category (recall):");
        foreach (var (category, claims, found) in ByCategory(outcomes))
            output.WriteLine(string.Create(inv, $"  {category,-14} {(claims == 0 ? 1 : (double)found / claims):F3} ({found}/{claims})"));
        output.WriteLine("false alarms by what the unit is:");
        foreach (var (reason, count) in FalseAlarmsByReason(outcomes)) output.WriteLine(string.Create(inv, $"  {reason,-16} {count}"));
        output.WriteLine("by page extent:");
        foreach (var group in outcomes.GroupBy(o => o.Article.Extent).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine($"  {group.Key,-20} {Total(group)}");
        output.WriteLine("by therapy:");
        foreach (var group in outcomes.GroupBy(o => TherapyKind(o.Article.Therapy)).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine($"  {group.Key,-20} {Total(group)}");
        output.WriteLine("by article:");
        foreach (var o in outcomes)
            output.WriteLine($"  {o.Article.Name,-48} {o.Tally}{(o.Article.ParseError is { } e ? "  (not parsed: " + e + ")" : "")}");
        if (!listErrors) return;
        output.WriteLine("missed claims:");
        foreach (var o in outcomes)
            foreach (var g in o.Missed) output.WriteLine($"  {o.Article.Name} [{g.Label}] {Shorten(g.Quote)}");
        output.WriteLine("false alarms:");
        foreach (var o in outcomes)
            foreach (var c in o.Candidates.Where(c => !c.IsTruePositive))
                output.WriteLine(string.Create(inv, $"  {o.Article.Name} [{c.NotClaimReason}] p={c.Claim.Confidence?.ToString("F2", inv) ?? "-"} {Shorten(c.Claim.Quote)}"));
    }

    /// <summary>The development set's therapy column folded into a few page types.</summary>
    public static string TherapyKind(string therapy)
    {
        ArgumentNullException.ThrowIfNull(therapy);
        var t = therapy.ToLowerInvariant();
        if (t.Contains("stem cell", StringComparison.Ordinal)) return "stem cells";
        if (t.Contains("prp", StringComparison.Ordinal)) return "PRP";
        if (t.Contains("exosome", StringComparison.Ordinal)) return "exosomes";
        if (t.Contains("iv", StringComparison.Ordinal) || t.Contains("nad", StringComparison.Ordinal) || t.Contains("vitamin c", StringComparison.Ordinal)) return "IV infusions";
        if (t.Contains("shockwave", StringComparison.Ordinal) || t.Contains("pemf", StringComparison.Ordinal) || t.Contains("red light", StringComparison.Ordinal)) return "devices";
        if (t.Contains("hyperbaric", StringComparison.Ordinal) || t.Contains("ozone", StringComparison.Ordinal)) return "oxygen / ozone";
        if (t.Contains("chelation", StringComparison.Ordinal)) return "chelation";
        return "other (diet, supplements, peptides...)";
    }

    /// <summary>Milliseconds per article to split and score the cleaned texts (median of <paramref name="rounds"/> passes).</summary>
    public static double CostPerArticleMs(IReadOnlyList<LabelledArticle> articles, Func<string, IReadOnlyList<DetectedClaim>> detect, int rounds = 15)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(detect);
        var texts = articles.SelectMany(a => a.Parts).Select(p => p.CleanedText).ToList();
        return CostPerArticleMs(texts, t => detect(t).Count, rounds) * texts.Count / Math.Max(1, articles.Count);
    }

    /// <summary>Milliseconds per text of <paramref name="step"/> (median of <paramref name="rounds"/> passes after one warm-up pass).</summary>
    public static double CostPerArticleMs(IReadOnlyList<string> texts, Func<string, int> step, int rounds)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(step);
        foreach (var text in texts) step(text);
        var times = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var text in texts) step(text);
            times.Add(watch.Elapsed.TotalMilliseconds / Math.Max(1, texts.Count));
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>
    /// Steady-state cost per text of <paramref name="step"/>: after <paramref name="warmUp"/> of passes (so that the JIT has
    /// compiled the optimised code), the process CPU time of <paramref name="rounds"/> passes per text, and the median wall
    /// time of one pass. CPU time is what a busy shared machine cannot inflate by descheduling the process.
    /// </summary>
    public static (double CpuMs, double WallMs) SteadyCostPerText(IReadOnlyList<string> texts, Func<string, int> step, int rounds, TimeSpan warmUp)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(step);
        var warm = Stopwatch.StartNew();
        do
        {
            foreach (var text in texts) step(text);
        }
        while (warm.Elapsed < warmUp);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var times = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var text in texts) step(text);
            times.Add(watch.Elapsed.TotalMilliseconds / Math.Max(1, texts.Count));
        }
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / rounds / Math.Max(1, texts.Count);
        times.Sort();
        return (cpu, times[times.Count / 2]);
    }

    private static string Shorten(string quote)
    {
        var flat = string.Join(' ', quote.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 110 ? flat : flat[..107] + "...";
    }
}
