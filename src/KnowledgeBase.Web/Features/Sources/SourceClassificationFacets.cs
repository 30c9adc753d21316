using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;

namespace KnowledgeBase.Web.Features.Sources;

/// <summary>
/// Browsing sources, and the claims they make, by the source's classification (decision 0017):
/// <c>?kind=prp&amp;condition=autism</c>. OR within a facet, AND across facets, as the other browse pages.
/// </summary>
public static class SourceClassificationFacets
{
    public const string KindKey = "kind";
    public const string ConditionKey = "condition";

    /// <summary>The slugs of <paramref name="vocabulary"/> named by <paramref name="wanted"/> (any case), in display order; others reported.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string?>? wanted, IReadOnlyList<TaxonomyEntry> vocabulary, string what, List<string> unknown)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(unknown);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in (wanted ?? []).OfType<string>().Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            var match = vocabulary.FirstOrDefault(t => string.Equals(t.Slug, w.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null) unknown.Add($"{what} “{w.Trim()}”");
            else found.Add(match.Slug);
        }
        return [.. vocabulary.Select(t => t.Slug).Where(found.Contains)];
    }

    public static IQueryable<Source> OfKinds(this IQueryable<Source> sources, IReadOnlyList<string> kinds) =>
        kinds.Count == 0 ? sources : sources.Where(s => s.TherapyKinds.Any(k => kinds.Contains(k.Slug)));

    public static IQueryable<Source> AboutConditions(this IQueryable<Source> sources, IReadOnlyList<string> conditions) =>
        conditions.Count == 0 ? sources : sources.Where(s => s.Conditions.Any(c => conditions.Contains(c.Slug)));

    public static IQueryable<Claim> FromSourcesOfKinds(this IQueryable<Claim> claims, IReadOnlyList<string> kinds) =>
        kinds.Count == 0 ? claims : claims.Where(c => c.Source!.TherapyKinds.Any(k => kinds.Contains(k.Slug)));

    public static IQueryable<Claim> FromSourcesAbout(this IQueryable<Claim> claims, IReadOnlyList<string> conditions) =>
        conditions.Count == 0 ? claims : claims.Where(c => c.Source!.Conditions.Any(x => conditions.Contains(x.Slug)));

    /// <summary>A facet over a vocabulary, with the count beside each value (values without rows left out unless chosen).</summary>
    public static FacetGroup Group(string key, string title, string noun, BrowseState state, IReadOnlyList<TaxonomyEntry> vocabulary,
        IReadOnlyDictionary<string, int> counts, IReadOnlyList<string> selected)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(selected);
        return FacetGroups.Build(key, title, noun, state,
            vocabulary.Select(v => (v.Slug, v.Name, counts.GetValueOrDefault(v.Slug), selected.Contains(v.Slug))));
    }

    /// <summary>Display names of stored slugs, in vocabulary order (a slug no longer in the vocabulary shows as itself).</summary>
    public static IReadOnlyList<TaxonomyEntry> Entries(IEnumerable<string> slugs, IReadOnlyList<TaxonomyEntry> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return [.. slugs.Distinct(StringComparer.Ordinal)
            .Select(s => vocabulary.FirstOrDefault(v => v.Slug == s) ?? new TaxonomyEntry(s, s))
            .OrderBy(e => vocabulary.ToList().FindIndex(v => v.Slug == e.Slug) is var i && i < 0 ? int.MaxValue : i)];
    }
}
