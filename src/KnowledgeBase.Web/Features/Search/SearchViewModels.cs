using System.Globalization;
using KnowledgeBase.Search;
using KnowledgeBase.Web.Features.Shared;

namespace KnowledgeBase.Web.Features.Search;

/// <summary>The search page: the query as typed, what was found, and links that keep the query while changing kind or page.</summary>
public sealed record SearchViewModel(
    string Query,
    SearchKind? Kind,
    string? UnknownKind,
    SearchQuery Parsed,
    SearchResults Results)
{
    public int Page => Math.Clamp(Results.Request.Page, 1, Results.Request.MaxPage);

    public SearchGroup? KindGroup => Kind is { } kind ? Results.Groups.FirstOrDefault(g => g.Kind == kind) : null;

    /// <summary>Pages that are known to exist for the chosen kind (counts stop at the cap, so at most the cap's pages).</summary>
    public int PageCount => KindGroup is { } group
        ? Math.Max(1, Math.Min(Results.Request.MaxPage, (group.Count.Value + Results.Request.PageSize - 1) / Results.Request.PageSize))
        : 1;

    /// <summary>The position of the first hit on this page, for the list's numbering.</summary>
    public int FirstNumber => (Page - 1) * Results.Request.PageSize + 1;

    public string Href(SearchKind? kind, int page = 1)
    {
        var url = "/search?q=" + Uri.EscapeDataString(Query);
        if (kind is { } k) url += "&kind=" + SearchKinds.Slug(k);
        if (page > 1) url += "&page=" + page.ToString(CultureInfo.InvariantCulture);
        return url;
    }
}

/// <summary>Names, URL slugs and record addresses for each kind of search hit.</summary>
public static class SearchKinds
{
    public static IReadOnlyList<SearchKind> All { get; } = Enum.GetValues<SearchKind>();

    public static string Slug(SearchKind kind) => kind switch
    {
        SearchKind.Claim => "claims",
        SearchKind.Source => "sources",
        SearchKind.Study => "studies",
        _ => "trials",
    };

    public static SearchKind? Parse(string? slug) =>
        All.Cast<SearchKind?>().FirstOrDefault(k => string.Equals(Slug(k!.Value), slug?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Plural(SearchKind kind) => kind switch
    {
        SearchKind.Claim => "Claims",
        SearchKind.Source => "Sources",
        SearchKind.Study => "Studies",
        _ => "Trials",
    };

    public static string Singular(SearchKind kind) => kind switch
    {
        SearchKind.Claim => "claim",
        SearchKind.Source => "source",
        SearchKind.Study => "study",
        _ => "trial",
    };

    public static string RecordHref(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return "/" + Slug(hit.Kind) + "/" + hit.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"1,000+" when the count stopped at the cap.</summary>
    public static string Count(SearchCount count) => Display.Number(count.Value) + (count.IsCapped ? "+" : "");
}
