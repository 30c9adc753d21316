using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Linking.Evaluation;

/// <summary>
/// Ways of training the same logistic regression aimed at the operating point (issue 14), measured leave-one-publisher-out
/// by <c>tune-detector --variants</c>: per-page weights so that long pages do not dominate, bagging over publishers, a
/// pairwise (ranking) loss, and a threshold relative to the page's own best units. Each returns a trainer for
/// <see cref="DetectionEvaluation.CrossValidate(IReadOnlyList{FeaturedArticle}, Func{IReadOnlyList{FeaturedArticle}, Trained}, IProgress{string}?)"/>.
/// </summary>
public static class TrainingVariants
{
    /// <summary>
    /// Each unit weighted by (mean units per page / its page's units)^<paramref name="power"/>, normalised to a mean of 1:
    /// power 1 gives every page the same total weight, 0 is the plain model.
    /// </summary>
    public static Func<IReadOnlyList<FeaturedArticle>, Trained> PageWeighted(ClaimModel.TrainingOptions options, double power) => training =>
    {
        var (samples, weights) = Weighted(training, power);
        return Trained.Of(ClaimModel.Train(samples, options, weights));
    };

    /// <summary>The samples of <paramref name="training"/> with their page weights (see <see cref="PageWeighted"/>).</summary>
    public static (List<TrainingSample> Samples, List<double> Weights) Weighted(IReadOnlyList<FeaturedArticle> training, double power)
    {
        ArgumentNullException.ThrowIfNull(training);
        var samples = new List<TrainingSample>();
        var weights = new List<double>();
        var mean = training.Average(a => (double)Math.Max(1, a.Parts.Sum(p => p.Samples.Count)));
        foreach (var article in training)
        {
            var units = Math.Max(1, article.Parts.Sum(p => p.Samples.Count));
            var w = Math.Pow(mean / units, power);
            foreach (var part in article.Parts)
                foreach (var sample in part.Samples)
                {
                    samples.Add(sample);
                    weights.Add(w);
                }
        }
        var average = weights.Count == 0 ? 1 : weights.Average();
        for (var i = 0; i < weights.Count; i++) weights[i] /= average;
        return (samples, weights);
    }

    /// <summary>
    /// <paramref name="models"/> models, each trained on a random <paramref name="fraction"/> of the training publishers
    /// (fixed seeds), with their weights averaged into one linear model (so scoring costs the same as one model).
    /// </summary>
    public static Func<IReadOnlyList<FeaturedArticle>, Trained> Bagged(ClaimModel.TrainingOptions options, int models, double fraction, double pagePower = 0) => training =>
    {
        ArgumentNullException.ThrowIfNull(training);
        var trained = new List<ClaimModel>();
        for (var m = 0; m < models; m++)
        {
            var random = new Random(1000 + m);
            var order = Enumerable.Range(0, training.Count).ToArray();
            random.Shuffle(order);
            var chosen = order.Take(Math.Max(1, (int)Math.Round(fraction * training.Count))).Order().Select(i => training[i]).ToList();
            var (samples, weights) = Weighted(chosen, pagePower);
            trained.Add(ClaimModel.Train(samples, options with { Seed = options.Seed + m }, weights));
        }
        return Trained.Of(Average(trained));
    };

    /// <summary>
    /// <paramref name="models"/> ranked models (<see cref="ClaimModel.TrainRanked"/>) on all the training pages, each with its
    /// own seed and page order, averaged into one linear model: stochastic gradient descent on 41 pages moves precision
    /// by about 0.02 with the order it sees them in, and the mean of several orders does not depend on one.
    /// </summary>
    public static Func<IReadOnlyList<FeaturedArticle>, Trained> SeedEnsemble(ClaimModel.TrainingOptions options, int models) => training =>
    {
        ArgumentNullException.ThrowIfNull(training);
        var pages = DetectionTuning.Pages(training);
        var trained = new List<ClaimModel>();
        for (var m = 0; m < models; m++)
        {
            var order = Enumerable.Range(0, pages.Count).ToArray();
            if (m > 0) new Random(options.Seed + (7919 * m)).Shuffle(order);
            trained.Add(ClaimModel.TrainRanked([.. order.Select(i => pages[i])], options with { Seed = options.Seed + (7919 * m) }));
        }
        return Trained.Of(Average(trained));
    };

    /// <summary>The model whose weights are the mean of <paramref name="models"/>' (its log-odds is the mean log-odds).</summary>
    public static ClaimModel Average(IReadOnlyList<ClaimModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var named = new double[ClaimFeatures.Names.Count];
        var hashed = new Dictionary<int, double>();
        foreach (var model in models)
        {
            for (var i = 0; i < named.Length; i++) named[i] += model.NamedWeights[i] / models.Count;
            foreach (var (bucket, weight) in model.HashedWeights) hashed[bucket] = hashed.GetValueOrDefault(bucket) + weight / models.Count;
        }
        return new ClaimModel
        {
            Bias = Math.Round(models.Average(m => m.Bias), 4),
            NamedWeights = [.. named.Select(w => Math.Round(w, 4))],
            HashedWeights = hashed.Where(p => Math.Round(p.Value, 4) != 0).ToDictionary(p => p.Key, p => Math.Round(p.Value, 4)),
        };
    }

    /// <summary>
    /// Plain training followed by the pairwise passes of <see cref="ClaimModel.TrainRanked"/> (<paramref name="epochs"/> passes,
    /// <paramref name="negatives"/> non-claims of the same page per claim).
    /// </summary>
    public static Func<IReadOnlyList<FeaturedArticle>, Trained> Pairwise(ClaimModel.TrainingOptions options, int epochs, int negatives, double rate = 0.05) =>
        DetectionTuning.Lexical(options with { PairEpochs = epochs, PairNegatives = negatives, PairRate = rate });

    /// <summary>
    /// The plain model, scoring each unit relative to its page: log-odds minus <paramref name="strength"/> times how far the
    /// mean of the page's <paramref name="top"/> best log-odds lies above the training pages' typical value. A unit far below
    /// its page's best claims drops; on a page whose best units are weak, the rest rise.
    /// </summary>
    public static Func<IReadOnlyList<FeaturedArticle>, Trained> PageRelative(ClaimModel.TrainingOptions options, double strength, int top) => training =>
    {
        ArgumentNullException.ThrowIfNull(training);
        var model = ClaimModel.Train(training.SelectMany(a => a.Parts).SelectMany(p => p.Samples).ToList(), options);
        double TopMean(IEnumerable<FeatureVector> units) => units.Where(f => f.NeverClaim is null).Select(model.Logit).OrderDescending().Take(top).DefaultIfEmpty(0).Average();
        // The reference level: the median page's top mean, measured on the training pages (in-sample, so a little high).
        var levels = training.SelectMany(a => a.Parts).Select(p => TopMean(p.Samples.Select(s => s.Features))).Order().ToList();
        var reference = levels.Count == 0 ? 0 : levels[levels.Count / 2];
        return new Trained(model, part =>
        {
            var shift = strength * (TopMean(part.Samples.Select(s => s.Features)) - reference);
            return part.Spans.Select((span, i) =>
            {
                var f = part.Samples[i].Features;
                var p = f.NeverClaim is not null ? 0 : 1 / (1 + Math.Exp(-(model.Logit(f) - shift)));
                return new ClaimDetector.ScoredSentence(span, p, f, model);
            }).ToList();
        });
    };
}
