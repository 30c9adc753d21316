namespace KnowledgeBase.Domain;

/// <summary>Controlled categories are managed by admins; free tags are added by any editor.</summary>
public enum TagKind
{
    Category,
    Free,
}

/// <summary>A label on claims. Names are unique regardless of case.</summary>
public sealed class Tag : IVersioned
{
    public const int MaxNameLength = 60;

    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Upper-case invariant name: the uniqueness key.</summary>
    public required string NormalizedName { get; set; }
    public TagKind Kind { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public List<Claim> Claims { get; set; } = [];

    public static string Normalize(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>The categories every knowledge base starts with (seeded by migration; ids are stable).</summary>
    public static IReadOnlyList<Tag> InitialCategories { get; } =
    [
        Category(1, "efficacy", "Says the therapy works: slows, stops or reverses the disease, improves function."),
        Category(2, "safety", "Says the therapy is safe, well tolerated or free of side effects."),
        Category(3, "survival", "Says the therapy prolongs life or improves survival figures."),
        Category(4, "mechanism", "Explains how the therapy is supposed to work."),
        Category(5, "regulatory status", "Approvals, designations, trial phases and regulators' decisions."),
        Category(6, "cost/access", "Price, availability, eligibility or how to get the treatment."),
        Category(7, "patient testimonial", "An individual patient's story offered as evidence."),
    ];

    private static Tag Category(int id, string name, string description) => new()
    {
        Id = id,
        Name = name,
        NormalizedName = Normalize(name),
        Kind = TagKind.Category,
        Description = description,
        CreatedAt = new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc),
    };
}
