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
    /// The plain model, then <paramref name="epochs"/> passes of a pairwise logistic loss that pushes each claim above
    /// <paramref name="negatives"/> non-claims drawn from the same page (<paramref name="samePage"/>) or from any page:
    /// it optimises the ranking the threshold cuts, not each unit's probability. The bias is then refitted pointwise.
    /// </summary>
    public static Func<IReadOnlyList<FeaturedArticle>, Trained> Pairwise(ClaimModel.TrainingOptions options, int epochs, int negatives, bool samePage, double rate = 0.05) => training =>
    {
        ArgumentNullException.ThrowIfNull(training);
        var start = ClaimModel.Train(training.SelectMany(a => a.Parts).SelectMany(p => p.Samples).ToList(), options);
        var named = start.NamedWeights.ToArray();
        var hashed = new double[ClaimFeatures.HashBuckets];
        foreach (var (b, w) in start.HashedWeights) hashed[b] = w;
        var pages = training.Select(a => a.Parts.SelectMany(p => p.Samples).Where(s => s.Features.NeverClaim is null).ToList()).ToList();
        var allNegatives = pages.SelectMany(p => p.Where(s => !s.IsClaim)).ToList();
        var random = new Random(options.Seed);
        double Score(TrainingSample s)
        {
            var z = 0.0;
            foreach (var i in s.Features.Named) z += named[i];
            foreach (var b in s.Features.Hashed) z += hashed[b];
            return z;
        }
        void Step(TrainingSample s, double g)
        {
            foreach (var i in s.Features.Named) named[i] -= rate * (g + options.L2 * named[i]);
            foreach (var b in s.Features.Hashed) hashed[b] -= rate * options.WordRate * (g + options.L2 * hashed[b]);
        }
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            foreach (var page in pages)
            {
                var pool = samePage ? page.Where(s => !s.IsClaim).ToList() : allNegatives;
                if (pool.Count == 0) continue;
                foreach (var claim in page.Where(s => s.IsClaim))
                {
                    for (var k = 0; k < negatives; k++)
                    {
                        var other = pool[random.Next(pool.Count)];
                        var margin = Score(claim) - Score(other);
                        var g = -1 / (1 + Math.Exp(margin)); // d/dmargin of log(1 + e^-margin)
                        Step(claim, g);
                        Step(other, -g);
                    }
                }
            }
        }
        var ranked = new ClaimModel { Bias = 0, NamedWeights = named, HashedWeights = Enumerable.Range(0, hashed.Length).Where(b => hashed[b] != 0).ToDictionary(b => b, b => hashed[b]) };
        // Refit the intercept and one scale on the training units (Platt), so that probabilities mean what they say.
        var points = pages.SelectMany(p => p).Select(s => (Z: ranked.Logit(s.Features), Y: s.IsClaim ? 1.0 : 0.0)).ToList();
        var (scale, bias) = Platt(points);
        return Trained.Of(new ClaimModel
        {
            Bias = bias,
            NamedWeights = [.. named.Select(w => w * scale)],
            HashedWeights = ranked.HashedWeights.ToDictionary(p => p.Key, p => p.Value * scale),
        });
    };

    /// <summary>Fits p = sigmoid(a z + b) by gradient descent on the log loss.</summary>
    public static (double Scale, double Bias) Platt(IReadOnlyList<(double Z, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double a = 1, b = 0;
        for (var iteration = 0; iteration < 300; iteration++)
        {
            double ga = 0, gb = 0;
            foreach (var (z, y) in points)
            {
                var p = 1 / (1 + Math.Exp(-(a * z + b)));
                ga += (p - y) * z;
                gb += p - y;
            }
            a -= 0.5 * ga / points.Count;
            b -= 0.5 * gb / points.Count;
        }
        return (a, b);
    }

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
