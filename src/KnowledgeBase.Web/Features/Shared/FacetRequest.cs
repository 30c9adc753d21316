using System.Globalization;

namespace KnowledgeBase.Web.Features.Shared;

/// <summary>
/// The one parser of a browse list's query string (studies, trials and claims use it; the evidence map's links and the
/// export read the same keys): each facet's values by key, in the words the page reports back. A value that names
/// nothing is collected in <see cref="Unknown"/> and ignored; the page never fails on a malformed query.
/// </summary>
public sealed class FacetRequest(IQueryCollection query)
{
    /// <summary>What the query asked for that names nothing ("therapy type “x”"), in the order read.</summary>
    public List<string> Unknown { get; } = [];

    public IReadOnlyList<string> Values(string key) => [.. query[key].OfType<string>()];

    /// <summary>The first value of <paramref name="key"/>, as MVC binds a single-valued parameter.</summary>
    public string? Value(string key) => query[key].FirstOrDefault();

    /// <summary>Therapy-type slugs that exist, in display order.</summary>
    public IReadOnlyList<string> Therapies(string key, IReadOnlyList<TherapyTag> taxonomy) => FacetParsing.Therapies(Values(key), taxonomy, Unknown);

    /// <summary>Whether <paramref name="key"/> holds <paramref name="marker"/> (a "not stated" value beside the enum's).</summary>
    public bool Has(string key, string marker) => Values(key).Any(v => IsMarker(v, marker));

    /// <summary>The enum values named (by slug) under <paramref name="key"/>, leaving out <paramref name="marker"/>.</summary>
    public IReadOnlyList<TEnum> Enums<TEnum>(string key, string what, string? marker = null, params TEnum[] excluded)
        where TEnum : struct, Enum => FacetParsing.Enums(Values(key).Where(v => marker is null || !IsMarker(v, marker)), what, Unknown, excluded);

    /// <summary>"with" → true, "without" → false, absent → null; anything else is reported.</summary>
    public bool? Claims(string key, string with, string without) => Choice(key, "claims", with, without);

    /// <summary>A two-way filter: <paramref name="yes"/> → true, <paramref name="no"/> → false, absent → null; anything else is reported as "<paramref name="what"/> filter “x” (use yes or no)".</summary>
    public bool? Choice(string key, string what, string yes, string no)
    {
        var value = Value(key);
        bool? parsed = value?.Trim().ToLowerInvariant() switch
        {
            var v when v == yes => true,
            var v when v == no => false,
            _ => null,
        };
        if (parsed is null && !string.IsNullOrWhiteSpace(value)) Unknown.Add($"{what} filter “{value.Trim()}” (use {yes} or {no})");
        return parsed;
    }

    /// <summary>A one-way filter: whether <paramref name="key"/> is <paramref name="on"/>; anything else is reported as "<paramref name="what"/> filter “x” (use on)".</summary>
    public bool Switch(string key, string what, string on)
    {
        var value = Value(key);
        var parsed = string.Equals(value?.Trim(), on, StringComparison.OrdinalIgnoreCase);
        if (!parsed && !string.IsNullOrWhiteSpace(value)) Unknown.Add($"{what} filter “{value.Trim()}” (use {on})");
        return parsed;
    }

    /// <summary>An id (a whole number) under <paramref name="key"/>, or null when absent or not a number.</summary>
    public int? Id(string key) =>
        int.TryParse(Value(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    public TEnum Sort<TEnum>(string key, TEnum fallback) where TEnum : struct, Enum
    {
        var value = Value(key);
        var parsed = Display.ParseSlug<TEnum>(value);
        if (parsed is null && !string.IsNullOrWhiteSpace(value)) Unknown.Add($"sort order “{value.Trim()}”");
        return parsed ?? fallback;
    }

    public int PageSize(string key) =>
        BrowsePaging.SizeOf(int.TryParse(Value(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : null);

    public int? Year(string key)
    {
        var bad = new List<string>();
        var year = FacetParsing.Year(Value(key), bad);
        Unknown.AddRange(bad.Select(y => $"year “{y}”"));
        return year;
    }

    private static bool IsMarker(string? value, string marker) => string.Equals(value?.Trim(), marker, StringComparison.OrdinalIgnoreCase);
}
