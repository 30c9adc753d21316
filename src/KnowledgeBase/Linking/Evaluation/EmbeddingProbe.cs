using System.Security.Cryptography;
using System.Text;
using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Linking.Evaluation;

/// <summary>
/// Sentence embeddings of the development units, cached in a file (bench/out, git-ignored) so that the measurement
/// does not re-embed: key = SHA-256 of the sentence text, value = the embedding.
/// </summary>
public sealed class EmbeddingCache
{
    private readonly Dictionary<string, float[]> vectors = new(StringComparer.Ordinal);

    /// <summary>Number of cached sentences.</summary>
    public int Count => vectors.Count;

    /// <summary>The embedding of <paramref name="text"/>, or null when it is not cached.</summary>
    public float[]? Get(string text) => vectors.GetValueOrDefault(Key(text));

    /// <summary>Embeds every sentence not yet cached with <paramref name="embed"/> (in batches), reporting progress.</summary>
    public int Fill(IEnumerable<string> texts, Func<IReadOnlyList<string>, float[][]> embed, IProgress<string>? progress = null, int batch = 32)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(embed);
        var missing = texts.Distinct(StringComparer.Ordinal).Where(t => !vectors.ContainsKey(Key(t))).ToList();
        for (var i = 0; i < missing.Count; i += batch)
        {
            var chunk = missing.Skip(i).Take(batch).ToList();
            var embedded = embed(chunk);
            for (var k = 0; k < chunk.Count; k++) vectors[Key(chunk[k])] = embedded[k];
            progress?.Report(FormattableString.Invariant($"embedded {Math.Min(i + batch, missing.Count)}/{missing.Count} sentences"));
        }
        return missing.Count;
    }

    /// <summary>Reads a cache file (an empty cache when it does not exist).</summary>
    public static EmbeddingCache Load(string path)
    {
        var cache = new EmbeddingCache();
        if (!File.Exists(path)) return cache;
        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            var length = reader.ReadInt32();
            var vector = new float[length];
            for (var d = 0; d < length; d++) vector[d] = reader.ReadSingle();
            cache.vectors[key] = vector;
        }
        return cache;
    }

    /// <summary>Writes the cache file.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(vectors.Count);
        foreach (var (key, vector) in vectors.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(key);
            writer.Write(vector.Length);
            foreach (var v in vector) writer.Write(v);
        }
    }

    private static string Key(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// Measures what sentence embeddings add to the lexical features: a logistic regression over [lexical features;
/// embedding], trained like <see cref="ClaimModel"/> (same SGD, seed and order) with the embedding's dimensions as dense
/// inputs. For measurement only: embeddings cost milliseconds per sentence and never run in the import.
/// </summary>
public static class EmbeddingProbe
{
    /// <summary>A trainer over lexical features plus the cached embedding (<paramref name="lexical"/> false: embedding only).</summary>
    public static Func<IReadOnlyList<FeaturedArticle>, Trained> Trainer(EmbeddingCache cache, ClaimModel.TrainingOptions options, bool lexical = true, double denseRate = 0.05, bool centred = false)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        return training =>
        {
            var samples = new List<(TrainingSample Sample, float[] Dense)>();
            foreach (var article in training)
                foreach (var part in article.Parts)
                    for (var s = 0; s < part.Spans.Count; s++)
                        samples.Add((part.Samples[s], Dense(cache, part, s, centred)));
            var dims = samples.Count == 0 ? 0 : samples[0].Dense.Length;
            var named = new double[ClaimFeatures.Names.Count];
            var hashed = new double[ClaimFeatures.HashBuckets];
            var dense = new double[dims];
            var bias = 0.0;
            var order = Enumerable.Range(0, samples.Count).ToArray();
            var random = new Random(options.Seed);
            var step = 0;
            for (var epoch = 0; epoch < options.Epochs; epoch++)
            {
                random.Shuffle(order);
                foreach (var index in order)
                {
                    var (sample, x) = samples[index];
                    if (sample.Features.NeverClaim is not null) continue;
                    var z = Logit(bias, named, hashed, dense, sample.Features, x, lexical);
                    var p = 1 / (1 + Math.Exp(-z));
                    var gradient = (sample.IsClaim ? options.ClaimWeight : 1.0) * (p - (sample.IsClaim ? 1.0 : 0.0));
                    var rate = options.LearningRate / Math.Sqrt(1 + step++ / (double)Math.Max(1, samples.Count));
                    bias -= rate * gradient;
                    if (lexical)
                    {
                        foreach (var i in sample.Features.Named) named[i] -= rate * (gradient + options.L2 * named[i]);
                        foreach (var b in sample.Features.Hashed) hashed[b] -= rate * options.WordRate * (gradient + options.L2 * hashed[b]);
                    }
                    for (var d = 0; d < dims; d++) dense[d] -= rate * denseRate * (gradient * x[d] + options.L2 * dense[d]);
                }
            }
            var model = new ClaimModel { Bias = bias, NamedWeights = named, HashedWeights = Enumerable.Range(0, hashed.Length).Where(b => hashed[b] != 0).ToDictionary(b => b, b => hashed[b]) };
            return new Trained(model, part => part.Spans.Select((span, s) =>
            {
                var z = Logit(bias, named, hashed, dense, part.Samples[s].Features, Dense(cache, part, s, centred), lexical);
                return new ClaimDetector.ScoredSentence(span, part.Samples[s].Features.NeverClaim is null ? 1 / (1 + Math.Exp(-z)) : 0, part.Samples[s].Features, model);
            }).ToList());
        };
    }

    private static double Logit(double bias, double[] named, double[] hashed, double[] dense, FeatureVector features, float[] x, bool lexical)
    {
        var z = bias;
        if (lexical)
        {
            foreach (var i in features.Named) z += named[i];
            foreach (var b in features.Hashed) z += hashed[b];
        }
        for (var d = 0; d < dense.Length; d++) z += dense[d] * x[d];
        return z;
    }

    /// <summary>The sentence's embedding scaled to about unit variance per dimension (the model's vectors have length 1).</summary>
    private static float[] Dense(EmbeddingCache cache, FeaturedPart part, int s, bool centred)
    {
        var vector = Vector(cache, part, s);
        var scale = (float)Math.Sqrt(vector.Length);
        if (!centred) return vector.Select(v => v * scale).ToArray();
        var mean = PageMeans.GetValue(part, p => Mean(cache, p));
        return vector.Select((v, d) => (v - mean[d]) * scale).ToArray();
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FeaturedPart, float[]> PageMeans = [];

    private static float[] Vector(EmbeddingCache cache, FeaturedPart part, int s) =>
        cache.Get(part.Spans[s].Slice(part.CleanedText)) ?? throw new InvalidOperationException("a sentence is not in the embedding cache: fill it first");

    /// <summary>The mean embedding of a page's units: subtracting it keeps what a unit says beyond the page's topic.</summary>
    private static float[] Mean(EmbeddingCache cache, FeaturedPart part)
    {
        var mean = new float[Vector(cache, part, 0).Length];
        for (var s = 0; s < part.Spans.Count; s++)
        {
            var v = Vector(cache, part, s);
            for (var d = 0; d < mean.Length; d++) mean[d] += v[d] / part.Spans.Count;
        }
        return mean;
    }
}
