using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KnowledgeBase.Linking.Detection;

/// <summary>One labelled sentence for training: its features and whether it is a claim.</summary>
public sealed record TrainingSample(FeatureVector Features, bool IsClaim);

/// <summary>
/// Logistic regression over <see cref="ClaimFeatures"/>: the probability that a sentence is a claim. Trained in plain
/// C# by stochastic gradient descent with L2 regularisation, in a fixed order from a fixed seed, so the same data
/// always gives the same weights. Small enough to commit as JSON (only non-zero weights are kept).
/// </summary>
public sealed class ClaimModel
{
    /// <summary>Training settings; part of the model file so a model can be reproduced.</summary>
    /// <param name="PairEpochs">Passes of the pairwise (ranking) loss after the pointwise training, 0 for none (see <see cref="TrainRanked"/>).</param>
    /// <param name="PairNegatives">Non-claims of the same page each claim is paired with per pass.</param>
    /// <param name="PairRate">The pairwise passes' learning rate.</param>
    public sealed record TrainingOptions(int Epochs = 30, double LearningRate = 0.2, double L2 = 1e-4, double ClaimWeight = 1.5, double WordRate = 0.5, int Seed = 14,
        int PairEpochs = 0, int PairNegatives = 3, double PairRate = 0.05);

    /// <summary>The bias (intercept).</summary>
    public double Bias { get; init; }

    /// <summary>Weights of the named features, by <see cref="ClaimFeatures.Names"/> index.</summary>
    public IReadOnlyList<double> NamedWeights { get; init; } = [];

    /// <summary>Weights of the hashed buckets that are not zero.</summary>
    public IReadOnlyDictionary<int, double> HashedWeights { get; init; } = new Dictionary<int, double>();

    /// <summary>The probability that the sentence with these features is a claim.</summary>
    /// <remarks>A unit the features mark as never a claim (<see cref="FeatureVector.NeverClaim"/>) gets 0.</remarks>
    public double Probability(FeatureVector features) => features is { NeverClaim: not null } ? 0 : 1 / (1 + Math.Exp(-Logit(features)));

    /// <summary>The log-odds that the sentence with these features is a claim.</summary>
    public double Logit(FeatureVector features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var z = Bias;
        foreach (var i in features.Named) z += NamedWeights[i];
        // The same sum in the same order as a lookup per bucket: a bucket without a weight adds 0, which leaves z as it was.
        var dense = Dense;
        foreach (var b in features.Hashed) z += (uint)b < (uint)dense.Length ? dense[b] : 0;
        return z;
    }

    /// <summary>
    /// The hashed weights as an array by bucket (a lookup is one load, not a hash). Features only ever name buckets below
    /// <see cref="ClaimFeatures.HashBuckets"/>, so a weight keyed outside them could never be added and is left out.
    /// </summary>
    private double[] Dense => dense ??= HashedWeights
        .Where(p => p.Key is >= 0 and < ClaimFeatures.HashBuckets)
        .Aggregate(new double[ClaimFeatures.HashBuckets], (array, p) => { array[p.Key] = p.Value; return array; });
    private double[]? dense;

    /// <summary>The named features that pushed this sentence towards "claim" and are worth showing, strongest first.</summary>
    public IReadOnlyList<string> Signals(FeatureVector features)
    {
        ArgumentNullException.ThrowIfNull(features);
        // Strongest first, then by index: a total order (the named features are distinct), so any sort gives this list.
        var shown = new List<int>(8);
        foreach (var i in features.Named)
        {
            if (NamedWeights[i] > 0.05) shown.Add(i);
        }
        shown.Sort((a, b) => NamedWeights[b].CompareTo(NamedWeights[a]) is var byWeight and not 0 ? byWeight : a.CompareTo(b));
        var signals = new List<string>(shown.Count);
        foreach (var i in shown)
        {
            if (ClaimFeatures.SignalOf(i) is { } signal && !signals.Contains(signal)) signals.Add(signal);
        }
        return signals;
    }

    /// <summary>Trains a model on <paramref name="samples"/> (in their given order, shuffled by the seed each epoch).</summary>
    /// <param name="samples">The labelled units.</param>
    /// <param name="options">The settings (defaults when null).</param>
    /// <param name="sampleWeights">Each sample's weight in the loss (1 when null), on top of the claims' weight.</param>
    public static ClaimModel Train(IReadOnlyList<TrainingSample> samples, TrainingOptions? options = null, IReadOnlyList<double>? sampleWeights = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (sampleWeights is not null && sampleWeights.Count != samples.Count) throw new ArgumentException("one weight per sample", nameof(sampleWeights));
        options ??= new TrainingOptions();
        var named = new double[ClaimFeatures.Names.Count];
        var hashed = new double[ClaimFeatures.HashBuckets];
        var bias = 0.0;
        var order = Enumerable.Range(0, samples.Count).ToArray();
        var random = new Random(options.Seed);
        var step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var sample = samples[index];
                // Units the features rule out are scored 0 whatever the weights: they teach the weights nothing.
                if (sample.Features.NeverClaim is not null) continue;
                var z = bias;
                foreach (var i in sample.Features.Named) z += named[i];
                foreach (var b in sample.Features.Hashed) z += hashed[b];
                var p = 1 / (1 + Math.Exp(-z));
                var y = sample.IsClaim ? 1.0 : 0.0;
                var weight = (sample.IsClaim ? options.ClaimWeight : 1.0) * (sampleWeights?[index] ?? 1.0);
                var rate = options.LearningRate / Math.Sqrt(1 + step++ / (double)Math.Max(1, samples.Count));
                var gradient = weight * (p - y);
                bias -= rate * gradient;
                foreach (var i in sample.Features.Named) named[i] -= rate * (gradient + options.L2 * named[i]);
                // Hashed words are many and sparse: a lower rate keeps a rare word from outweighing the cues.
                foreach (var b in sample.Features.Hashed) hashed[b] -= rate * options.WordRate * (gradient + options.L2 * hashed[b]);
            }
        }

        var kept = new Dictionary<int, double>();
        for (var b = 0; b < hashed.Length; b++)
        {
            var w = Math.Round(hashed[b], 4);
            if (w != 0) kept[b] = w;
        }
        return new ClaimModel { Bias = Math.Round(bias, 4), NamedWeights = named.Select(w => Math.Round(w, 4)).ToList(), HashedWeights = kept };
    }

    /// <summary>
    /// Trains on <paramref name="pages"/> (each page's units): the pointwise model of <see cref="Train"/>, then, when
    /// <see cref="TrainingOptions.PairEpochs"/> is above 0, passes of a pairwise logistic loss that pushes each claim above
    /// <see cref="TrainingOptions.PairNegatives"/> non-claims drawn from its own page. The threshold cuts a ranking, and the
    /// errors at recall 0.90 are a page's background and logistics outranking its weaker claims: the pairs train exactly
    /// that order, where the pointwise loss spends itself on units far from the cut. The log-odds are then recalibrated
    /// (one scale and the intercept, fitted on out-of-fold log-odds of the training pages) so that probabilities keep their meaning.
    /// </summary>
    public static ClaimModel TrainRanked(IReadOnlyList<IReadOnlyList<TrainingSample>> pages, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(options);
        if (options.PairEpochs <= 0) return Train([.. pages.SelectMany(p => p)], options);

        var (named, hashed) = RankedWeights(pages, options);
        // Log-odds on the training pages themselves are overconfident: the scale is fitted on out-of-fold log-odds
        // (pages in CalibrationFolds folds, each scored by weights trained without it), as a held-out page would be scored.
        var outOfFold = new List<(double Z, double Y)>();
        var folds = Math.Min(CalibrationFolds, pages.Count);
        for (var f = 0; f < folds; f++)
        {
            var fold = f;
            var (foldNamed, foldHashed) = RankedWeights([.. pages.Where((_, i) => i % folds != fold)], options);
            foreach (var page in pages.Where((_, i) => i % folds == fold))
                foreach (var s in page.Where(s => s.Features.NeverClaim is null))
                    outOfFold.Add((Score(s.Features, foldNamed, foldHashed), s.IsClaim ? 1.0 : 0.0));
        }
        var (scale, bias) = Platt(outOfFold);
        var kept = new Dictionary<int, double>();
        for (var b = 0; b < hashed.Length; b++)
        {
            var w = Math.Round(hashed[b] * scale, 4);
            if (w != 0) kept[b] = w;
        }
        return new ClaimModel { Bias = Math.Round(bias, 4), NamedWeights = [.. named.Select(w => Math.Round(w * scale, 4))], HashedWeights = kept };
    }

    /// <summary>Folds of pages whose out-of-fold log-odds calibrate the ranked model.</summary>
    private const int CalibrationFolds = 5;

    /// <summary>The pointwise weights (without the bias) moved by the pairwise passes.</summary>
    private static (double[] Named, double[] Hashed) RankedWeights(IReadOnlyList<IReadOnlyList<TrainingSample>> pages, TrainingOptions options)
    {
        var pointwise = Train([.. pages.SelectMany(p => p)], options);
        var named = pointwise.NamedWeights.ToArray();
        var hashed = new double[ClaimFeatures.HashBuckets];
        foreach (var (b, w) in pointwise.HashedWeights) hashed[b] = w;
        var scored = pages.Select(p => p.Where(s => s.Features.NeverClaim is null).ToList()).ToList();
        var random = new Random(options.Seed);
        for (var epoch = 0; epoch < options.PairEpochs; epoch++)
        {
            foreach (var page in scored)
            {
                var negatives = page.Where(s => !s.IsClaim).ToList();
                if (negatives.Count == 0) continue;
                foreach (var claim in page.Where(s => s.IsClaim))
                {
                    for (var k = 0; k < options.PairNegatives; k++)
                    {
                        var other = negatives[random.Next(negatives.Count)];
                        var margin = Score(claim.Features, named, hashed) - Score(other.Features, named, hashed);
                        var gradient = -1 / (1 + Math.Exp(margin)); // d/d(margin) of log(1 + e^-margin)
                        Step(claim.Features, gradient, named, hashed, options);
                        Step(other.Features, -gradient, named, hashed, options);
                    }
                }
            }
        }
        return (named, hashed);
    }

    private static double Score(FeatureVector features, double[] named, double[] hashed)
    {
        var z = 0.0;
        foreach (var i in features.Named) z += named[i];
        foreach (var b in features.Hashed) z += hashed[b];
        return z;
    }

    private static void Step(FeatureVector features, double gradient, double[] named, double[] hashed, TrainingOptions options)
    {
        foreach (var i in features.Named) named[i] -= options.PairRate * (gradient + options.L2 * named[i]);
        foreach (var b in features.Hashed) hashed[b] -= options.PairRate * options.WordRate * (gradient + options.L2 * hashed[b]);
    }

    /// <summary>Fits p = sigmoid(scale z + bias) to the labels by gradient descent on the log loss (Platt scaling).</summary>
    public static (double Scale, double Bias) Platt(IReadOnlyList<(double Z, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double a = 1, b = 0;
        if (points.Count == 0) return (a, b);
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

    // ---- The model file ---------------------------------------------------------------------------------------------

    private static readonly JsonSerializerOptions FileJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The model file: provenance, the operating point and the weights.</summary>
    public sealed record ModelFile
    {
        public required string Description { get; init; }
        public required string Command { get; init; }
        public required int FeatureSetVersion { get; init; }
        public required string GoldSha256 { get; init; }
        public required string ArticlesSha256 { get; init; }
        public required int Articles { get; init; }
        public required int Sentences { get; init; }
        public required TrainingOptions Training { get; init; }
        public required double Threshold { get; init; }
        public required IReadOnlyDictionary<string, string> CrossValidated { get; init; }
        public required double Bias { get; init; }
        public required IReadOnlyDictionary<string, double> Named { get; init; }
        public required IReadOnlyDictionary<string, double> Hashed { get; init; }
    }

    /// <summary>The file for this model, with its provenance.</summary>
    public ModelFile ToFile(string command, string goldSha256, string articlesSha256, int articles, int sentences, TrainingOptions training,
        double threshold, IReadOnlyDictionary<string, string> crossValidated) => new()
    {
        Description = "Claim detector weights (logistic regression over ClaimFeatures). Written by the train-detector command; do not edit by hand.",
        Command = command,
        FeatureSetVersion = ClaimFeatures.Version,
        GoldSha256 = goldSha256,
        ArticlesSha256 = articlesSha256,
        Articles = articles,
        Sentences = sentences,
        Training = training,
        Threshold = threshold,
        CrossValidated = crossValidated,
        Bias = Bias,
        Named = ClaimFeatures.Names.Select((n, i) => (n, i)).Where(p => NamedWeights[p.i] != 0).ToDictionary(p => p.n, p => NamedWeights[p.i], StringComparer.Ordinal),
        Hashed = new SortedDictionary<int, double>(HashedWeights.ToDictionary()).ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value, StringComparer.Ordinal),
    };

    /// <summary>Writes <paramref name="file"/> as indented JSON.</summary>
    public static string Serialize(ModelFile file) => JsonSerializer.Serialize(file, FileJson);

    /// <summary>Reads a model file; refuses one trained on another feature set.</summary>
    public static (ClaimModel Model, ModelFile File) Deserialize(string json)
    {
        var file = JsonSerializer.Deserialize<ModelFile>(json, FileJson) ?? throw new InvalidDataException("the claim model file is empty");
        if (file.FeatureSetVersion != ClaimFeatures.Version)
            throw new InvalidDataException($"the claim model was trained on feature set {file.FeatureSetVersion}, this build extracts feature set {ClaimFeatures.Version}: run train-detector");
        var named = new double[ClaimFeatures.Names.Count];
        foreach (var (name, weight) in file.Named)
        {
            var index = ClaimFeatures.Names.ToList().IndexOf(name);
            if (index < 0) throw new InvalidDataException($"the claim model names an unknown feature \"{name}\": run train-detector");
            named[index] = weight;
        }
        var hashed = file.Hashed.ToDictionary(p => int.Parse(p.Key, CultureInfo.InvariantCulture), p => p.Value);
        return (new ClaimModel { Bias = file.Bias, NamedWeights = named, HashedWeights = hashed }, file);
    }
}
