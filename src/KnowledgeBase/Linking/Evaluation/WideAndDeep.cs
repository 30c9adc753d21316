using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Linking.Evaluation;

/// <summary>
/// A measured alternative to the logistic regression (docs/claim-detection.md): the same linear part over the named cues
/// and hashed words ("wide") plus one hidden layer of tanh units over the named cues only ("deep"), trained jointly by
/// SGD. The hidden units can express conjunctions such as "a number and no therapy subject". Deterministic (fixed seed).
/// </summary>
public sealed class WideAndDeep
{
    private readonly double bias;
    private readonly double[] named;
    private readonly double[] hashed;
    private readonly double[,] hidden;
    private readonly double[] hiddenBias;
    private readonly double[] output;

    private WideAndDeep(double bias, double[] named, double[] hashed, double[,] hidden, double[] hiddenBias, double[] output)
    {
        this.bias = bias;
        this.named = named;
        this.hashed = hashed;
        this.hidden = hidden;
        this.hiddenBias = hiddenBias;
        this.output = output;
    }

    /// <summary>The log-odds that the unit is a claim.</summary>
    public double Logit(FeatureVector features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var h = new double[output.Length];
        return Forward(features, h);
    }

    private double Forward(FeatureVector features, double[] h)
    {
        var z = bias;
        foreach (var i in features.Named) z += named[i];
        foreach (var b in features.Hashed) z += hashed[b];
        for (var k = 0; k < h.Length; k++)
        {
            var a = hiddenBias[k];
            foreach (var i in features.Named) a += hidden[k, i];
            h[k] = Math.Tanh(a);
            z += output[k] * h[k];
        }
        return z;
    }

    /// <summary>Trains with the linear model's settings and <paramref name="units"/> hidden units.</summary>
    public static WideAndDeep Train(IReadOnlyList<TrainingSample> samples, ClaimModel.TrainingOptions options, int units = 8, double hiddenRate = 0.05)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var model = new WideAndDeep(0, new double[ClaimFeatures.Names.Count], new double[ClaimFeatures.HashBuckets], new double[units, ClaimFeatures.Names.Count], new double[units], new double[units]);
        for (var k = 0; k < units; k++)
        {
            model.output[k] = (random.NextDouble() - 0.5) * 0.2;
            for (var i = 0; i < ClaimFeatures.Names.Count; i++) model.hidden[k, i] = (random.NextDouble() - 0.5) * 0.2;
        }
        var order = Enumerable.Range(0, samples.Count).ToArray();
        var h = new double[units];
        var step = 0;
        var b = 0.0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var sample = samples[index];
                if (sample.Features.NeverClaim is not null) continue;
                var current = new WideAndDeep(b, model.named, model.hashed, model.hidden, model.hiddenBias, model.output);
                var z = current.Forward(sample.Features, h);
                var p = 1 / (1 + Math.Exp(-z));
                var weight = sample.IsClaim ? options.ClaimWeight : 1.0;
                var g = weight * (p - (sample.IsClaim ? 1 : 0));
                var rate = options.LearningRate / Math.Sqrt(1 + step++ / (double)Math.Max(1, samples.Count));
                b -= rate * g;
                foreach (var i in sample.Features.Named) model.named[i] -= rate * (g + options.L2 * model.named[i]);
                foreach (var w in sample.Features.Hashed) model.hashed[w] -= rate * options.WordRate * (g + options.L2 * model.hashed[w]);
                for (var k = 0; k < units; k++)
                {
                    var gh = g * model.output[k] * (1 - h[k] * h[k]);
                    model.output[k] -= rate * hiddenRate * (g * h[k] + options.L2 * model.output[k]);
                    model.hiddenBias[k] -= rate * hiddenRate * gh;
                    foreach (var i in sample.Features.Named) model.hidden[k, i] -= rate * hiddenRate * (gh + options.L2 * model.hidden[k, i]);
                }
            }
        }
        return new WideAndDeep(b, model.named, model.hashed, model.hidden, model.hiddenBias, model.output);
    }

    /// <summary>A cross-validation trainer (signals shown from a linear model trained beside it).</summary>
    public static Func<IReadOnlyList<FeaturedArticle>, Trained> Trainer(ClaimModel.TrainingOptions options, int units = 8, double hiddenRate = 0.05) => training =>
    {
        var samples = training.SelectMany(a => a.Parts).SelectMany(p => p.Samples).ToList();
        var model = Train(samples, options, units, hiddenRate);
        var shown = new ClaimModel { NamedWeights = new double[ClaimFeatures.Names.Count] };
        return new Trained(shown, part => part.Spans.Select((span, i) =>
        {
            var f = part.Samples[i].Features;
            var p = f.NeverClaim is not null ? 0 : 1 / (1 + Math.Exp(-model.Logit(f)));
            return new ClaimDetector.ScoredSentence(span, p, f, shown);
        }).ToList());
    };
}
