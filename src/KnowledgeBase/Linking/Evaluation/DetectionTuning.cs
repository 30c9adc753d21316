using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Linking.Evaluation;

/// <summary>
/// Chooses training settings by cross-validation inside the training articles only (grouped by article, so by
/// publisher), never by looking at a held-out article: the criterion is the sentence-level precision at recall 0.90
/// of the pooled out-of-fold probabilities.
/// </summary>
public static class DetectionTuning
{
    /// <summary>The settings tried: regularisation, the hashed words' learning rate and the claims' weight in the loss.</summary>
    public static IReadOnlyList<ClaimModel.TrainingOptions> Grid { get; } =
    [
        .. from l2 in new[] { 1e-4, 1e-3, 3e-3, 1e-2 }
           from wordRate in new[] { 0.1, 0.25, 0.5 }
           from claimWeight in new[] { 1.0, 1.5, 2.0 }
           select new ClaimModel.TrainingOptions(L2: l2, WordRate: wordRate, ClaimWeight: claimWeight),
    ];

    /// <summary>The single-stage lexical model trained with <paramref name="options"/>.</summary>
    public static Func<IReadOnlyList<FeaturedArticle>, Trained> Lexical(ClaimModel.TrainingOptions options) =>
        training => Trained.Of(ClaimModel.Train(Flatten(training), options));

    /// <summary>
    /// The two-stage detector: the lexical model, then <see cref="ContextModel"/> over its log-odds, trained on the
    /// training articles' out-of-fold log-odds (<paramref name="folds"/> folds by article, inside the training set).
    /// </summary>
    public static Func<IReadOnlyList<FeaturedArticle>, Trained> Stacked(ClaimModel.TrainingOptions options, int folds = 5) => training =>
    {
        var (model, context) = TrainStacked(training, options, folds);
        return new Trained(model, part => Score(model, context, part));
    };

    /// <summary>The lexical model on all of <paramref name="training"/> and the context model on its out-of-fold log-odds.</summary>
    public static (ClaimModel Model, ContextModel Context) TrainStacked(IReadOnlyList<FeaturedArticle> training, ClaimModel.TrainingOptions options, int folds = 5)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        var outOfFold = new List<(IReadOnlyList<double>, IReadOnlyList<FeatureVector>, IReadOnlyList<bool>)>();
        for (var f = 0; f < folds; f++)
        {
            var fold = f;
            var inner = ClaimModel.Train(Flatten(training.Where((_, i) => i % folds != fold)), options);
            foreach (var article in training.Where((_, i) => i % folds == fold))
                foreach (var part in article.Parts)
                {
                    var features = part.Samples.Select(s => s.Features).ToList();
                    outOfFold.Add((features.Select(inner.Logit).ToList(), features, part.Samples.Select(s => s.IsClaim).ToList()));
                }
        }
        return (ClaimModel.Train(Flatten(training), options), ContextModel.Train(outOfFold, options.ClaimWeight));
    }

    private static List<TrainingSample> Flatten(IEnumerable<FeaturedArticle> articles) => articles.SelectMany(a => a.Parts).SelectMany(p => p.Samples).ToList();

    private static List<ClaimDetector.ScoredSentence> Score(ClaimModel model, ContextModel context, FeaturedPart part)
    {
        var features = part.Samples.Select(s => s.Features).ToList();
        var probabilities = context.Probabilities(features.Select(model.Logit).ToList(), features);
        return part.Spans.Select((span, i) => new ClaimDetector.ScoredSentence(span, probabilities[i], features[i], model)).ToList();
    }

    /// <summary>Precision of the sentences ranked by probability at the first cut that reaches <paramref name="recall"/> of the claims.</summary>
    public static double PrecisionAtRecall(IEnumerable<(double Probability, bool IsClaim)> points, double recall)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ranked = points.OrderByDescending(p => p.Probability).ToList();
        var claims = ranked.Count(p => p.IsClaim);
        if (claims == 0) return 1;
        var needed = (int)Math.Ceiling(recall * claims);
        var found = 0;
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked[i].IsClaim) found++;
            if (found >= needed) return (double)found / (i + 1);
        }
        return (double)claims / ranked.Count;
    }

    /// <summary>Out-of-fold probabilities of every sentence of <paramref name="articles"/> in <paramref name="folds"/> folds by article.</summary>
    public static List<(double Probability, bool IsClaim)> OutOfFold(IReadOnlyList<FeaturedArticle> articles, int folds, Func<IReadOnlyList<FeaturedArticle>, Trained> train)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(train);
        var points = new List<(double, bool)>();
        for (var f = 0; f < folds; f++)
        {
            var fold = f;
            var trained = train(articles.Where((_, i) => i % folds != fold).ToList());
            foreach (var article in articles.Where((_, i) => i % folds == fold))
                foreach (var part in article.Parts)
                {
                    var scored = trained.ScorePart(part);
                    for (var s = 0; s < scored.Count; s++) points.Add((scored[s].Probability, part.Samples[s].IsClaim));
                }
        }
        return points;
    }

    /// <summary>The grid point with the best inner-CV precision at recall 0.90 (ties: the earlier, more regularised... in grid order).</summary>
    public static (ClaimModel.TrainingOptions Options, double Precision) Select(IReadOnlyList<FeaturedArticle> training, IReadOnlyList<ClaimModel.TrainingOptions> grid,
        Func<ClaimModel.TrainingOptions, Func<IReadOnlyList<FeaturedArticle>, Trained>> trainer, int folds = 6)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(trainer);
        var best = (Options: grid[0], Precision: -1.0);
        foreach (var options in grid)
        {
            var precision = PrecisionAtRecall(OutOfFold(training, folds, trainer(options)), 0.90);
            if (precision > best.Precision + 1e-9) best = (options, precision);
        }
        return best;
    }
}
