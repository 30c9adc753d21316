namespace KnowledgeBase.Domain;

/// <summary>
/// One recorded change to the knowledge base: who, when, which record, and each field's value
/// before and after. Written by the DbContext in the same transaction as the change itself.
/// </summary>
public sealed class ChangeRecord
{
    public long Id { get; set; }
    public DateTime At { get; set; }

    /// <summary>The account's e-mail, or a system actor such as "import".</summary>
    public required string Actor { get; set; }

    /// <summary>"Claim", "EvidenceLink", "FlagDismissal", "Tag", "Source", "Study", "Trial".</summary>
    public required string EntityType { get; set; }
    public int EntityId { get; set; }

    /// <summary>"created", "updated", "deleted", "tag added", "tag removed".</summary>
    public required string Action { get; set; }

    /// <summary>The claim concerned, when the change is about one (its own row, its links or its tags).</summary>
    public int? ClaimId { get; set; }

    public List<FieldChange> Changes { get; set; } = [];
}

/// <summary>A field's value before and after a change, as display text (long values shortened).</summary>
public sealed record FieldChange(string Field, string? Before, string? After);
