namespace KnowledgeBase.Search;

/// <summary>
/// Full-text search over claims, sources, studies and trials, with identifiers found exactly. One
/// implementation per database provider; all of them take a parsed <see cref="SearchQuery"/> (never
/// the typed text) and return the same shape, so pages and tests do not depend on the provider.
/// </summary>
public interface ISearchEngine
{
    /// <summary>
    /// Runs <paramref name="request"/>. A query the index cannot run yields <see cref="SearchResults.Problem"/>
    /// rather than an exception; cancellation still throws.
    /// </summary>
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of the best <paramref name="max"/> records of one kind for <paramref name="query"/>'s words, best first,
    /// ranked as <see cref="SearchAsync"/> ranks them but without counts, titles or snippets: for callers that only
    /// need candidates (similar claims). Empty when the query has no words the index can run.
    /// </summary>
    Task<IReadOnlyList<int>> RankedIdsAsync(SearchQuery query, SearchKind kind, int max, CancellationToken cancellationToken = default);
}

/// <summary>
/// One search: with a <see cref="Kind"/>, one page of that kind's ranked hits; without, the best
/// <see cref="SearchRequest.PerKindOverview"/> hits of every kind.
/// </summary>
public sealed record SearchRequest(SearchQuery Query, SearchKind? Kind = null, int Page = 1, int PageSize = SearchRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 20;

    /// <summary>How many hits of each kind the overview (no kind chosen) shows.</summary>
    public const int PerKindOverview = 5;

    /// <summary>Counts stop here ("1,000+"): counting a million matches would cost more than the search.</summary>
    public const int CountCap = 1000;

    /// <summary>Ranked hits are paged no further than the count cap: past it, a narrower query serves better.</summary>
    public int MaxPage => Math.Max(1, (CountCap + PageSize - 1) / PageSize);
}

/// <summary>How many records of a kind match, counted up to <see cref="SearchRequest.CountCap"/>.</summary>
public readonly record struct SearchCount(int Value, bool IsCapped)
{
    public static SearchCount Of(int counted) =>
        counted > SearchRequest.CountCap ? new SearchCount(SearchRequest.CountCap, true) : new SearchCount(counted, false);
}

/// <summary>
/// One record found. <see cref="Title"/> and <see cref="Snippet"/> mark matched words between
/// <see cref="SearchHighlight.Open"/> and <see cref="SearchHighlight.Close"/>; they are plain text
/// otherwise and must be encoded for display (see <see cref="SearchHighlight"/>).
/// </summary>
public sealed record SearchHit(
    SearchKind Kind,
    int Id,
    string Title,
    string Snippet,
    string? Context,
    string? MatchedIdentifier = null)
{
    /// <summary>Found by exact identifier lookup rather than by its text.</summary>
    public bool IsIdentifierMatch => MatchedIdentifier is not null;
}

/// <summary>The ranked hits of one kind: a page of them, or the overview's best few.</summary>
public sealed record SearchGroup(SearchKind Kind, SearchCount Count, IReadOnlyList<SearchHit> Hits, bool HasMore);

public sealed record SearchResults(
    SearchRequest Request,
    IReadOnlyList<SearchHit> IdentifierMatches,
    IReadOnlyDictionary<SearchKind, SearchCount> Counts,
    IReadOnlyList<SearchGroup> Groups,
    string? Problem)
{
    public bool HasAnyHit => IdentifierMatches.Count > 0 || Groups.Any(g => g.Hits.Count > 0);
}
