using System.Collections.Concurrent;
using KnowledgeBase.Retrieval;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>
/// Claims' embeddings, computed when first needed and kept for the next request (a singleton, at most
/// <see cref="Capacity"/> claims, about 1.6 KB each; the oldest go first).
/// </summary>
public sealed class ClaimEmbeddings(ITextEmbedder embedder)
{
    public const int Capacity = 5_000;
    public const int Dimensions = 384;

    private readonly ConcurrentDictionary<string, float[]> vectors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    public string Model => embedder.Model;

    public float[] For(string quote, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (vectors.TryGetValue(quote, out var known)) return known;
        var vector = embedder.EmbedQuery(quote, ct);
        if (vectors.TryAdd(quote, vector))
        {
            order.Enqueue(quote);
            while (vectors.Count > Capacity && order.TryDequeue(out var oldest)) vectors.TryRemove(oldest, out _);
        }
        return vector;
    }
}
