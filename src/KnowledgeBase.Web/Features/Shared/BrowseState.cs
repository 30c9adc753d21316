using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace KnowledgeBase.Web.Features.Shared;

/// <summary>
/// A browse page's state as it appears in its URL: <c>/studies?therapy=adipose-msc&amp;phase=phase-1&amp;sort=title&amp;page=2</c>.
/// Built from the values the page understood (unknown ones are dropped), so every link it makes is
/// canonical, shareable and back-button friendly. Changing a filter always returns to page 1.
/// </summary>
public sealed class BrowseState(string path, IEnumerable<KeyValuePair<string, string>> pairs)
{
    public const string PageKey = "page";

    private readonly List<KeyValuePair<string, string>> _pairs = [.. pairs.Where(p => !string.IsNullOrEmpty(p.Value))];

    public string Path { get; } = path;

    public IReadOnlyList<string> Values(string key) => [.. _pairs.Where(p => p.Key == key).Select(p => p.Value)];

    public bool Has(string key) => _pairs.Any(p => p.Key == key);

    /// <summary>Every key except <paramref name="keys"/>: the hidden fields a form must carry to keep the other filters.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Except(params string[] keys) =>
        [.. _pairs.Where(p => !keys.Contains(p.Key) && p.Key != PageKey)];

    public string Href() => Path + QueryString.Create(_pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).ToUriComponent();

    /// <summary>Adds <paramref name="value"/> to a key's values, or removes it when present.</summary>
    public string Toggle(string key, string value)
    {
        var present = _pairs.Any(p => p.Key == key && p.Value == value);
        var next = present
            ? _pairs.Where(p => !(p.Key == key && p.Value == value))
            : _pairs.Append(new(key, value));
        return With(next);
    }

    /// <summary>Replaces a key's values by <paramref name="value"/> (none when null).</summary>
    public string Set(string key, string? value) =>
        With(_pairs.Where(p => p.Key != key).Concat(value is null ? [] : [new KeyValuePair<string, string>(key, value)]));

    public string Without(params string[] keys) => With(_pairs.Where(p => !keys.Contains(p.Key)));

    public string Page(int page) =>
        new BrowseState(Path, _pairs.Where(p => p.Key != PageKey).Concat(page > 1 ? [new KeyValuePair<string, string>(PageKey, page.ToString(CultureInfo.InvariantCulture))] : [])).Href();

    private string With(IEnumerable<KeyValuePair<string, string>> next) =>
        new BrowseState(Path, next.Where(p => p.Key != PageKey)).Href();
}

/// <summary>One value of a facet: its URL slug, label, how many rows the list would show with it, whether it is chosen, and the link that toggles it.</summary>
public sealed record FacetValue(string Slug, string Label, int Count, bool Selected, string Href);

/// <summary>
/// A facet (a list of values the user can combine with OR) with the link that clears it.
/// Counts are taken with every other facet's filter applied but not this one's, so a count is what
/// its link adds to the list.
/// </summary>
public sealed record FacetGroup(string Key, string Title, string Noun, IReadOnlyList<FacetValue> Values, string ClearHref)
{
    public bool AnySelected => Values.Any(v => v.Selected);
}

/// <summary>A choice of a list's sort order.</summary>
public sealed record SortOption(string Slug, string Label, bool Selected);

/// <summary>Paging and size of a browse list; <see cref="State"/> makes the links.</summary>
public sealed record BrowsePaging(int Page, int PageCount, int PageSize, int Total, int Shown, BrowseState State)
{
    public static IReadOnlyList<int> Sizes { get; } = [10, 25, 50, 100];

    public const int DefaultSize = 25;

    public int FirstRow => Total == 0 ? 0 : ((Page - 1) * PageSize) + 1;

    public int LastRow => FirstRow == 0 ? 0 : FirstRow + Shown - 1;

    /// <summary>The page size asked for when it is one we offer, otherwise the default.</summary>
    public static int SizeOf(int? requested) => requested is { } r && Sizes.Contains(r) ? r : DefaultSize;
}

/// <summary>Reading facet values from a query string: known slugs in, unknown ones reported.</summary>
public static class FacetParsing
{
    /// <summary>The enum values named by <paramref name="slugs"/> (distinct, in enum order) and the slugs that name none.</summary>
    public static (IReadOnlyList<TEnum> Values, IReadOnlyList<string> Unknown) Enums<TEnum>(IEnumerable<string>? slugs, params TEnum[] excluded)
        where TEnum : struct, Enum
    {
        var known = new List<TEnum>();
        var unknown = new List<string>();
        foreach (var slug in (slugs ?? []).Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            if (Display.ParseSlug<TEnum>(slug) is { } value && !excluded.Contains(value)) known.Add(value);
            else unknown.Add(slug.Trim());
        }
        return ([.. Enum.GetValues<TEnum>().Where(known.Contains)], [.. unknown.Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>As <see cref="Enums{TEnum}(IEnumerable{string}?, TEnum[])"/>, adding "what “slug”" to <paramref name="unknown"/> for each slug not understood.</summary>
    public static IReadOnlyList<TEnum> Enums<TEnum>(IEnumerable<string?>? slugs, string what, List<string> unknown, params TEnum[] excluded)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(unknown);
        var (values, bad) = Enums(slugs?.OfType<string>(), excluded);
        unknown.AddRange(bad.Select(b => $"{what} “{b}”"));
        return values;
    }

    /// <summary>Therapy type slugs (case-insensitive) in taxonomy order; others reported.</summary>
    public static IReadOnlyList<string> Therapies(IEnumerable<string?>? wanted, IReadOnlyList<TherapyTag> taxonomy, List<string> unknown)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(unknown);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in (wanted ?? []).OfType<string>().Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            var match = taxonomy.FirstOrDefault(t => string.Equals(t.Slug, w.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null) unknown.Add($"therapy type “{w.Trim()}”");
            else found.Add(match.Slug);
        }
        return [.. taxonomy.Select(t => t.Slug).Where(found.Contains)];
    }

    /// <summary>A year between 1000 and 9999, or null with the text reported when it is not one.</summary>
    public static int? Year(string? text, List<string> unknown)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1000 and <= 9999) return year;
        unknown.Add(text.Trim());
        return null;
    }

    /// <summary>The bits of a flags enum, in order, without None.</summary>
    public static IEnumerable<TEnum> Bits<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Where(v => Convert.ToInt32(v, CultureInfo.InvariantCulture) != 0);

    /// <summary>How many rows have each bit, from counts per stored combination of bits.</summary>
    public static Dictionary<TEnum, int> CountBits<TEnum>(IEnumerable<(TEnum Combination, int Count)> combinations) where TEnum : struct, Enum
    {
        var rows = combinations.ToList();
        return Bits<TEnum>().ToDictionary(
            bit => bit,
            bit => rows.Where(r => (Convert.ToInt32(r.Combination, CultureInfo.InvariantCulture) & Convert.ToInt32(bit, CultureInfo.InvariantCulture)) != 0).Sum(r => r.Count));
    }
}

/// <summary>The GET form above a browse list: sort order, page size and (for studies) a year range; it carries the facets as hidden fields.</summary>
public sealed record BrowseToolbarModel(BrowseState State, IReadOnlyList<SortOption> Sorts, int PageSize, YearRange? Years);

/// <summary>The year range chosen (<see cref="From"/>, <see cref="To"/>) and the years the library spans.</summary>
public sealed record YearRange(int? From, int? To, int? Min, int? Max);

public static class FacetGroups
{
    /// <summary>A facet whose values toggle in the URL (or, when <paramref name="exclusive"/>, replace each other); values with no rows are left out unless chosen.</summary>
    public static FacetGroup Build(string key, string title, string noun, BrowseState state, IEnumerable<(string Slug, string Label, int Count, bool Selected)> values, bool exclusive = false)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(key, title, noun,
            [.. values.Where(v => v.Count > 0 || v.Selected)
                .Select(v => new FacetValue(v.Slug, v.Label, v.Count, v.Selected,
                    exclusive ? (v.Selected ? state.Without(key) : state.Set(key, v.Slug)) : state.Toggle(key, v.Slug)))],
            state.Without(key));
    }
}
