namespace KnowledgeBase.Retrieval;

/// <summary>
/// Turns texts into sentence embeddings. Records are embedded as passages; a claim as a query (the model may
/// prefix it). Implementations must be safe to call from several threads.
/// </summary>
public interface ITextEmbedder
{
    /// <summary>The model's name and version, stored with each embedding so that a new model re-embeds.</summary>
    string Model { get; }

    int Dimensions { get; }

    float[][] EmbedPassages(IReadOnlyList<string> texts, CancellationToken cancellationToken);

    float[] EmbedQuery(string text, CancellationToken cancellationToken);
}
