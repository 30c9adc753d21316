using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Tags;
using KnowledgeBase.Web.Features.Shared;

namespace KnowledgeBase.Web.Features.Claims;

public sealed record ClaimListViewModel(
    IReadOnlyList<ClaimRow> Claims,
    IReadOnlyList<SourceOption> Sources,
    SourceOption? SelectedSource,
    ClaimStatus? SelectedStatus,
    AssessmentFilter? SelectedAssessment,
    IReadOnlyList<TagBadge> SelectedTags,
    IReadOnlyList<TagFacetOption> TagFacet,
    int TagFacetHidden,
    IReadOnlyList<string> KnownTagNames,
    ClaimListFilter Filter,
    int Page,
    int PageCount,
    int Total,
    string? UnknownStatus,
    bool UnknownSource,
    string? UnknownAssessment,
    IReadOnlyList<string> UnknownTags)
{
    public bool IsFiltered => SelectedSource is not null || SelectedStatus is not null || SelectedAssessment is not null || SelectedTags.Count > 0
        || Filter.Therapies.Count > 0 || Filter.Orphaned is not null;

    public bool HasUnknownFilters => UnknownStatus is not null || UnknownSource || UnknownAssessment is not null || UnknownTags.Count > 0 || UnknownOther.Count > 0;

    /// <summary>1-based position of the first row on this page.</summary>
    public int FirstRow => Claims.Count == 0 ? 0 : ((Page - 1) * ClaimListQuery.PageSize) + 1;

    public int LastRow => FirstRow == 0 ? 0 : FirstRow + Claims.Count - 1;

    /// <summary>Status, assessment, linked therapy type and anchoring facets, with counts.</summary>
    public IReadOnlyList<FacetGroup> Facets { get; init; } = [];

    /// <summary>The list narrowed to claims with claim-vs-record flags not dismissed; null while that filter is on.</summary>
    public string? FlaggedHref { get; init; }

    public IReadOnlyList<SortOption> Sorts { get; init; } = [];

    /// <summary>Other values not understood (therapy type, orphaned, sort), described for the notice.</summary>
    public IReadOnlyList<string> UnknownOther { get; init; } = [];

    /// <summary>Sources left out of the drop-down (only the ones with the most claims are listed when there are many).</summary>
    public int SourcesHidden { get; init; }

    /// <summary>"Download these claims": the JSON export of exactly this filter (<see cref="ClaimListRequest.ExportHref"/>).</summary>
    public string ExportHref { get; init; } = "/claims/export.json";

    /// <summary>The counts (facets, drop-down, total) are from before the latest change and are being recounted.</summary>
    public bool CountsStale { get; init; }
}

public sealed record SourceOption(int Id, string Title, int ClaimCount);

public sealed record ClaimRow(int Id, string Quote, int SourceId, string SourceTitle, ClaimStatus Status, bool IsOrphaned, int LinkCount, IReadOnlyList<TagBadge> Tags);

/// <summary>The assessment filter: claims with a link assessed as <see cref="Value"/>, or (null) claims nobody has assessed yet.</summary>
public sealed record AssessmentFilter(EvidenceAssessment? Value)
{
    public const string NotAssessedSlug = "not-assessed";

    public string Slug => Shared.Display.Slug(Value);

    public string Label => Value is null ? "Not assessed yet" : Shared.Display.Label(Value);

    public static IReadOnlyList<AssessmentFilter> All { get; } =
        [.. Enum.GetValues<EvidenceAssessment>().Select(a => new AssessmentFilter(a)), new AssessmentFilter((EvidenceAssessment?)null)];

    public static AssessmentFilter? Parse(string? slug) =>
        string.Equals(slug?.Trim(), NotAssessedSlug, StringComparison.OrdinalIgnoreCase)
            ? new AssessmentFilter((EvidenceAssessment?)null)
            : Shared.Display.ParseSlug<EvidenceAssessment>(slug) is { } a ? new AssessmentFilter(a) : null;
}

/// <summary>A tag in the facet: how many claims the list would show with it added to the current filters.</summary>
public sealed record TagFacetOption(TagBadge Tag, int Count, bool Selected);

/// <summary>
/// The list's filters as they appear in its URL: <c>/claims?source=3&amp;status=candidate&amp;assessment=overstated&amp;tag=safety&amp;tag=survival&amp;page=2</c>.
/// Tags go by name, so a shared link says what it shows.
/// </summary>
public sealed record ClaimListFilter(
    int? Source,
    string? Status,
    string? Assessment,
    IReadOnlyList<string> Tags,
    int Page = 1,
    IReadOnlyList<string>? TherapySlugs = null,
    bool? Orphaned = null,
    string? Sort = null)
{
    public IReadOnlyList<string> Therapies => TherapySlugs ?? [];

    /// <summary>The source therapy kinds and conditions filtered by (decision 0017).</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    public IReadOnlyList<string> Conditions { get; init; } = [];

    /// <summary>Only claims with claim-vs-record flags not dismissed (<c>?flags=yes</c>).</summary>
    public bool Flagged { get; init; }

    public string Href() => Page > 1 ? State().Page(Page) : State().Href();

    /// <summary>The filters as URL state (without the page), for facet and sort links.</summary>
    public BrowseState State()
    {
        var query = new List<KeyValuePair<string, string>>();
        if (Source is { } source) query.Add(new("source", source.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (Status is not null) query.Add(new("status", Status));
        if (Assessment is not null) query.Add(new("assessment", Assessment));
        query.AddRange(Therapies.Select(t => new KeyValuePair<string, string>("therapy", t)));
        if (Orphaned is { } orphaned) query.Add(new("orphaned", orphaned ? "yes" : "no"));
        if (Flagged) query.Add(new("flags", "yes"));
        query.AddRange(Kinds.Select(k => new KeyValuePair<string, string>(Sources.SourceClassificationFacets.KindKey, k)));
        query.AddRange(Conditions.Select(c => new KeyValuePair<string, string>(Sources.SourceClassificationFacets.ConditionKey, c)));
        query.AddRange(Tags.Select(t => new KeyValuePair<string, string>("tag", t)));
        if (Sort is not null) query.Add(new("sort", Sort));
        return new BrowseState("/claims", query);
    }

    public string PageHref(int page) => (this with { Page = page }).Href();

    public string WithTag(string name) => (this with { Tags = [.. Tags, name], Page = 1 }).Href();

    public string WithoutTag(string name) =>
        (this with { Tags = [.. Tags.Where(t => !string.Equals(t, name, StringComparison.Ordinal))], Page = 1 }).Href();

    public string WithoutTags() => (this with { Tags = [], Page = 1 }).Href();
}
