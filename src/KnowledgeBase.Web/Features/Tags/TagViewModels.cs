using KnowledgeBase.Domain;

namespace KnowledgeBase.Web.Features.Tags;

/// <summary>A tag as a badge: categories and free tags look different (<see cref="TagDisplay.BadgeClass"/>).</summary>
public sealed record TagBadge(int Id, string Name, TagKind Kind, string? Description = null);

/// <summary>The tags block of a claim page.</summary>
public sealed record ClaimTagsViewModel(
    int ClaimId,
    IReadOnlyList<TagBadge> Tags,
    bool CanEdit,
    IReadOnlyList<string> KnownNames,
    string? Status,
    string? Error,
    string? AttemptedName);

/// <summary>Labels and CSS classes for tags, and where a tag's claims are listed.</summary>
public static class TagDisplay
{
    public static string KindLabel(TagKind kind) => kind == TagKind.Category ? "category" : "free tag";

    public static string BadgeClass(TagKind kind) => kind == TagKind.Category ? "badge badge--tag badge--tag-category" : "badge badge--tag badge--tag-free";

    /// <summary>The claims list filtered by this tag (by name: readable, shareable URLs).</summary>
    public static string ClaimsHref(string name) => "/claims?tag=" + Uri.EscapeDataString(name);
}

/// <summary>Tags one claim: an existing tag's name (any case) or a new name, which becomes a free tag.</summary>
public sealed record TagClaimForm
{
    public string? Name { get; init; }
}

/// <summary>Tags the claims ticked on the claims list, then returns to <see cref="ReturnUrl"/> (local addresses only).</summary>
public sealed record BulkTagForm
{
    public List<int> ClaimIds { get; init; } = [];
    public string? Name { get; init; }
    public string? ReturnUrl { get; init; }
}
