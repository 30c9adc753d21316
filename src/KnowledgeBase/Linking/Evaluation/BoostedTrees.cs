namespace KnowledgeBase.Linking.Evaluation;

/// <summary>
/// Gradient-boosted regression trees for a binary label (logistic loss, Newton leaves, L2 on leaf values), in plain C#:
/// a second stage for the claim detector measured by <c>tune-detector --trees</c> and not adopted (decision 0025). It reads dense inputs (the named cues as 0/1, the linear stage's log-odds of
/// the unit and its neighbours) and can express what a weighted sum cannot: "a number and no therapy subject is
/// background", "a benefit word under a logistics heading is logistics". Split candidates are quantiles of each input
/// (a 0/1 input has one), found once before training; training is deterministic (no sampling).
/// </summary>
public sealed class BoostedTrees
{
    /// <summary>One node of a tree: an inner node sends x[Input] &lt;= Cut left; a leaf (Input &lt; 0) holds its value.</summary>
    public sealed record Node(int Input, double Cut, int Left, int Right, double Value);

    /// <summary>Training settings.</summary>
    public sealed record Options(int Trees = 150, int Depth = 3, double Shrinkage = 0.1, double MinLeafWeight = 5, double Lambda = 2, double ClaimWeight = 1.5, int MaxCuts = 24);

    /// <summary>The trees; a model's log-odds is <see cref="Base"/> (or the given initial margin) plus the sum of their leaves.</summary>
    public IReadOnlyList<IReadOnlyList<Node>> Trees { get; init; } = [];

    /// <summary>The constant the trees start from (when no initial margin is given).</summary>
    public double Base { get; init; }

    /// <summary>The log-odds of one row of inputs.</summary>
    public double Logit(ReadOnlySpan<double> x, double initial = double.NaN)
    {
        var z = double.IsNaN(initial) ? Base : initial;
        foreach (var tree in Trees)
        {
            var n = 0;
            while (tree[n].Input >= 0) n = x[tree[n].Input] <= tree[n].Cut ? tree[n].Left : tree[n].Right;
            z += tree[n].Value;
        }
        return z;
    }

    /// <summary>
    /// Trains on <paramref name="rows"/> (each of the same length) with labels <paramref name="labels"/>. With
    /// <paramref name="initial"/>, the trees correct those margins (boosting from the linear stage) instead of starting
    /// from the claims' base rate.
    /// </summary>
    public static BoostedTrees Train(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, Options? options = null, IReadOnlyList<double>? initial = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new Options();
        var n = rows.Count;
        var d = n == 0 ? 0 : rows[0].Length;
        var weight = new double[n];
        double positive = 0, total = 0;
        for (var i = 0; i < n; i++)
        {
            weight[i] = labels[i] ? options.ClaimWeight : 1;
            total += weight[i];
            if (labels[i]) positive += weight[i];
        }
        var baseScore = initial is null && total > 0 ? Math.Log(Math.Max(positive, 1e-6) / Math.Max(total - positive, 1e-6)) : 0;

        // Cut points per input: the distinct values' midpoints, thinned to quantiles; each row's bin per input.
        var cuts = new double[d][];
        var bins = new byte[d][];
        for (var j = 0; j < d; j++)
        {
            var distinct = rows.Select(r => r[j]).Distinct().Order().ToArray();
            var mids = new List<double>();
            for (var k = 1; k < distinct.Length; k++) mids.Add((distinct[k - 1] + distinct[k]) / 2);
            if (mids.Count > options.MaxCuts)
            {
                var sorted = rows.Select(r => r[j]).Order().ToArray();
                var chosen = new SortedSet<double>();
                for (var q = 1; q <= options.MaxCuts; q++)
                {
                    var v = sorted[Math.Min(sorted.Length - 1, q * sorted.Length / (options.MaxCuts + 1))];
                    var at = mids.BinarySearch(v);
                    chosen.Add(mids[Math.Clamp(at < 0 ? ~at : at, 0, mids.Count - 1)]);
                }
                mids = [.. chosen];
            }
            cuts[j] = [.. mids];
            bins[j] = new byte[n];
            for (var i = 0; i < n; i++)
            {
                var at = Array.BinarySearch(cuts[j], rows[i][j]);
                bins[j][i] = (byte)(at < 0 ? ~at : at);
            }
        }

        var margin = new double[n];
        for (var i = 0; i < n; i++) margin[i] = initial is null ? baseScore : initial[i];
        var gradient = new double[n];
        var hessian = new double[n];
        var trees = new List<IReadOnlyList<Node>>(options.Trees);
        var all = Enumerable.Range(0, n).ToArray();
        for (var t = 0; t < options.Trees; t++)
        {
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-margin[i]));
                gradient[i] = weight[i] * (p - (labels[i] ? 1 : 0));
                hessian[i] = Math.Max(weight[i] * p * (1 - p), 1e-9);
            }
            var nodes = new List<Node>();
            Grow(nodes, all, 0, options, cuts, bins, gradient, hessian);
            for (var i = 0; i < n; i++)
            {
                var k = 0;
                while (nodes[k].Input >= 0) k = bins[nodes[k].Input][i] <= BinOf(cuts[nodes[k].Input], nodes[k].Cut) ? nodes[k].Left : nodes[k].Right;
                margin[i] += nodes[k].Value;
            }
            trees.Add(nodes);
        }
        return new BoostedTrees { Trees = trees, Base = Math.Round(baseScore, 6) };
    }

    private static int BinOf(double[] cuts, double cut) => Array.BinarySearch(cuts, cut);

    private static int Grow(List<Node> nodes, int[] members, int depth, Options options, double[][] cuts, byte[][] bins, double[] gradient, double[] hessian)
    {
        double g = 0, h = 0;
        foreach (var i in members) { g += gradient[i]; h += hessian[i]; }
        var index = nodes.Count;
        nodes.Add(Leaf(g, h, options));
        if (depth >= options.Depth || h < 2 * options.MinLeafWeight) return index;

        var parentScore = g * g / (h + options.Lambda);
        var best = (Gain: 1e-6, Input: -1, Bin: -1);
        var gs = new double[options.MaxCuts + 2];
        var hs = new double[options.MaxCuts + 2];
        for (var j = 0; j < cuts.Length; j++)
        {
            var count = cuts[j].Length + 1;
            if (count < 2) continue;
            Array.Clear(gs);
            Array.Clear(hs);
            var column = bins[j];
            foreach (var i in members) { gs[column[i]] += gradient[i]; hs[column[i]] += hessian[i]; }
            double gl = 0, hl = 0;
            for (var b = 0; b < count - 1; b++)
            {
                gl += gs[b];
                hl += hs[b];
                var gr = g - gl;
                var hr = h - hl;
                if (hl < options.MinLeafWeight || hr < options.MinLeafWeight) continue;
                var gain = gl * gl / (hl + options.Lambda) + gr * gr / (hr + options.Lambda) - parentScore;
                if (gain > best.Gain) best = (gain, j, b);
            }
        }
        if (best.Input < 0) return index;

        var left = members.Where(i => bins[best.Input][i] <= best.Bin).ToArray();
        var right = members.Where(i => bins[best.Input][i] > best.Bin).ToArray();
        var l = Grow(nodes, left, depth + 1, options, cuts, bins, gradient, hessian);
        var r = Grow(nodes, right, depth + 1, options, cuts, bins, gradient, hessian);
        nodes[index] = new Node(best.Input, cuts[best.Input][best.Bin], l, r, 0);
        return index;
    }

    private static Node Leaf(double g, double h, Options options) => new(-1, 0, -1, -1, Math.Round(-options.Shrinkage * g / (h + options.Lambda), 6));
}
