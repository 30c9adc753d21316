using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Linking.Evaluation;

/// <summary>
/// A second stage, measured and not adopted (it improved calibration, not precision at recall 0.90; docs/claim-detection.md): a small logistic regression that re-scores each sentence from the first stage's log-odds of the
/// sentence itself and of its neighbours (the sentences either side, the lead-in it hangs under, the window of five
/// around it, the whole article). Lists inherit their lead-in, a diary entry sits among diary entries, and a reference
/// list is a run of low scores: this reads those patterns from the scores instead of from more word features.
/// Trained on out-of-fold first-stage scores, so it learns how far to trust a score the first stage has not fitted.
/// </summary>
public sealed class ContextModel
{
    /// <summary>The inputs, in weight order.</summary>
    public static IReadOnlyList<string> InputNames { get; } =
    [
        "own", "previous", "next", "no-previous", "no-next", "lead-in", "no-lead-in", "window-mean", "window-max", "article-mean",
    ];

    /// <summary>The intercept.</summary>
    public double Bias { get; init; }

    /// <summary>One weight per <see cref="InputNames"/> entry.</summary>
    public IReadOnlyList<double> Weights { get; init; } = new double[InputNames.Count];

    /// <summary>Probabilities of every sentence of one text from the first stage's log-odds.</summary>
    public double[] Probabilities(IReadOnlyList<double> logits, IReadOnlyList<FeatureVector> features)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(features);
        var inputs = Inputs(logits, features);
        var result = new double[logits.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var z = Bias;
            for (var k = 0; k < inputs[i].Length; k++) z += Weights[k] * inputs[i][k];
            result[i] = 1 / (1 + Math.Exp(-z));
        }
        return result;
    }

    /// <summary>The inputs of every sentence: log-odds clipped to [-8, 8] and divided by 4, so that they are of the order of 1.</summary>
    public static double[][] Inputs(IReadOnlyList<double> logits, IReadOnlyList<FeatureVector> features)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(features);
        var n = logits.Count;
        var z = new double[n];
        for (var i = 0; i < n; i++) z[i] = Math.Clamp(logits[i], -8, 8) / 4;
        var mean = n == 0 ? 0 : z.Average();
        var result = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var lead = features[i].LeadIn;
            double sum = 0, max = double.MinValue;
            var count = 0;
            for (var j = Math.Max(0, i - 2); j <= Math.Min(n - 1, i + 2); j++)
            {
                if (j == i) continue;
                sum += z[j];
                max = Math.Max(max, z[j]);
                count++;
            }
            result[i] =
            [
                z[i],
                i > 0 ? z[i - 1] : 0,
                i + 1 < n ? z[i + 1] : 0,
                i > 0 ? 0 : 1,
                i + 1 < n ? 0 : 1,
                lead >= 0 && lead < n ? z[lead] : 0,
                lead >= 0 && lead < n ? 0 : 1,
                count == 0 ? 0 : sum / count,
                count == 0 ? 0 : max,
                mean,
            ];
        }
        return result;
    }

    /// <summary>Trains on texts given as (first-stage log-odds, features, labels), by full-batch gradient descent: deterministic.</summary>
    public static ContextModel Train(IEnumerable<(IReadOnlyList<double> Logits, IReadOnlyList<FeatureVector> Features, IReadOnlyList<bool> Labels)> texts, double claimWeight = 1.5, double l2 = 1e-3, int iterations = 400)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var rows = new List<(double[] X, bool Y)>();
        foreach (var (logits, features, labels) in texts)
        {
            var inputs = Inputs(logits, features);
            for (var i = 0; i < inputs.Length; i++) rows.Add((inputs[i], labels[i]));
        }
        var k = InputNames.Count;
        var w = new double[k];
        var bias = 0.0;
        var total = rows.Sum(r => r.Y ? claimWeight : 1.0);
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var gradient = new double[k];
            var gradientBias = 0.0;
            foreach (var (x, y) in rows)
            {
                var z = bias;
                for (var j = 0; j < k; j++) z += w[j] * x[j];
                var g = (y ? claimWeight : 1.0) * (1 / (1 + Math.Exp(-z)) - (y ? 1 : 0));
                gradientBias += g;
                for (var j = 0; j < k; j++) gradient[j] += g * x[j];
            }
            const double rate = 2.0;
            bias -= rate * gradientBias / total;
            for (var j = 0; j < k; j++) w[j] -= rate * (gradient[j] / total + l2 * w[j]);
        }
        return new ContextModel { Bias = Math.Round(bias, 4), Weights = [.. w.Select(x => Math.Round(x, 4))] };
    }
}
