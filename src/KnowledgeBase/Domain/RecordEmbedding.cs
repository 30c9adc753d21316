namespace KnowledgeBase.Domain;

/// <summary>Which kind of record an embedding belongs to.</summary>
public enum EmbeddedRecordKind
{
    Study = 0,
    Trial = 1,
}

/// <summary>
/// The sentence embedding of one study or trial, for the evidence ranking. <see cref="TextHash"/> is the
/// SHA-256 of the text that was embedded, so a record whose text changed (or a new <see cref="Model"/>) is
/// embedded again; a row whose record was deleted is removed by the next fill. Not part of the history.
/// </summary>
public sealed class RecordEmbedding
{
    public int Id { get; set; }
    public EmbeddedRecordKind Kind { get; set; }
    public int RecordId { get; set; }

    /// <summary>The model's name and version.</summary>
    public required string Model { get; set; }

    /// <summary>SHA-256 of the embedded text, lower-case hex.</summary>
    public required string TextHash { get; set; }

    /// <summary>The unit-length vector as little-endian half-precision floats (768 bytes for 384 dimensions).</summary>
    public required byte[] Vector { get; set; }

    public DateTime ComputedAt { get; set; }
}
