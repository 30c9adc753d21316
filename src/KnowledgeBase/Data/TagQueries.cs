using KnowledgeBase.Domain;

namespace KnowledgeBase.Data;

/// <summary>Tag names as people type them, and the claim filters the claims list and bulk tagging share.</summary>
public static class TagQueries
{
    /// <summary>
    /// The name as it is stored: trimmed, runs of whitespace collapsed to one space (case kept).
    /// Its <see cref="Tag.Normalize"/> form is the uniqueness key.
    /// </summary>
    public static string CleanName(string? name) =>
        string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Null when <paramref name="cleanName"/> (see <see cref="CleanName"/>) can be a tag's name, otherwise why not.</summary>
    public static string? CheckName(string cleanName)
    {
        ArgumentNullException.ThrowIfNull(cleanName);
        if (cleanName.Length == 0) return "Enter a tag name.";
        if (cleanName.Length > Tag.MaxNameLength)
            return $"A tag name can have at most {Tag.MaxNameLength} characters; “{cleanName[..20]}…” has {cleanName.Length}.";
        if (cleanName.Any(char.IsControl)) return "A tag name cannot contain control characters.";
        // U+202E and its kin make a name display as another ("gat" shown as "tag"): nothing a tag name needs.
        if (cleanName.Any(StoredText.IsDirectionControl))
            return "A tag name cannot contain invisible direction controls (such as U+202E, right-to-left override): type the name as it should read.";
        return null;
    }

    /// <summary>The tag whose name equals <paramref name="name"/> ignoring case and spacing.</summary>
    public static IQueryable<Tag> Named(this IQueryable<Tag> tags, string name)
    {
        var normalized = Tag.Normalize(name);
        return tags.Where(t => t.NormalizedName == normalized);
    }

    /// <summary>Claims carrying every one of the tags (AND); all claims when there are none.</summary>
    public static IQueryable<Claim> WithAllTags(this IQueryable<Claim> claims, IEnumerable<int> tagIds)
    {
        ArgumentNullException.ThrowIfNull(tagIds);
        foreach (var id in tagIds.Distinct())
        {
            claims = claims.Where(c => c.Tags.Any(t => t.Id == id));
        }
        return claims;
    }

    /// <summary>Claims with at least one evidence link assessed as <paramref name="assessment"/>.</summary>
    public static IQueryable<Claim> WithAssessment(this IQueryable<Claim> claims, EvidenceAssessment assessment) =>
        claims.Where(c => c.Links.Any(l => l.Assessment == assessment));

    /// <summary>Claims no editor has assessed yet: no link at all, or only links without an assessment.</summary>
    public static IQueryable<Claim> NotAssessed(this IQueryable<Claim> claims) =>
        claims.Where(c => !c.Links.Any(l => l.Assessment != null));

    /// <summary>Category tags first (the controlled vocabulary), then free tags, each alphabetically.</summary>
    public static IOrderedQueryable<Tag> InDisplayOrder(this IQueryable<Tag> tags) =>
        tags.OrderBy(t => t.Kind == TagKind.Category ? 0 : 1).ThenBy(t => t.NormalizedName);
}
