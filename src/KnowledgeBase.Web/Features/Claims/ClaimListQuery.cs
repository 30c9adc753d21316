using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Sources;
using KnowledgeBase.Web.Features.Tags;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>
/// The claims a list selects: source, review status, assessment, therapy type relied on, anchoring, the source's
/// therapy kind and condition, tags (all of them) and, when asked, the claims flagged against their records.
/// </summary>
public sealed record ClaimFilter(
    int? SourceId,
    ClaimStatus? Status,
    AssessmentFilter? Assessment,
    IReadOnlyList<string> Therapies,
    bool? Orphaned,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<TagBadge> Tags)
{
    /// <summary>
    /// The claims with claim-vs-record flags not dismissed (<c>?flags=yes</c>), found under the other filters when the
    /// request was parsed (flags are computed, not stored); null when the list is not narrowed by flags.
    /// </summary>
    public IReadOnlyList<int>? FlaggedIds { get; init; }

    /// <summary>Every filter but <paramref name="except"/> (a facet's key): how each facet's counts are taken, so a count is what its link shows.</summary>
    /// <param name="walkInOrder">Read the therapy filter so that the claims are walked in the list's index order (see <see cref="QueryExtensions.ReliesOnTherapy"/>).</param>
    public IQueryable<Claim> Apply(IQueryable<Claim> claims, IQueryable<TherapyType> therapyTypes, string? except = null, bool walkInOrder = false)
    {
        var q = claims;
        if (except != ClaimListQuery.SourceKey && SourceId is { } sourceId) q = q.Where(c => c.SourceId == sourceId);
        if (except != ClaimListQuery.StatusKey && Status is { } status) q = q.Where(c => c.Status == status);
        if (except != ClaimListQuery.AssessmentKey && Assessment is { Value: { } wanted }) q = q.WithAssessment(wanted);
        else if (except != ClaimListQuery.AssessmentKey && Assessment is not null) q = q.NotAssessed();
        if (except != ClaimListQuery.TherapyKey && Therapies.Count > 0) q = q.ReliesOnTherapy(Therapies, therapyTypes, walkInOrder);
        if (except != ClaimListQuery.OrphanedKey && Orphaned is { } orphaned) q = q.Where(c => c.IsOrphaned == orphaned);
        if (except != ClaimListQuery.FlagsKey && FlaggedIds is { } flagged) q = q.Where(c => flagged.Contains(c.Id));
        if (except != SourceClassificationFacets.KindKey) q = q.FromSourcesOfKinds(Kinds);
        if (except != SourceClassificationFacets.ConditionKey) q = q.FromSourcesAbout(Conditions);
        return q.WithAllTags(Tags.Select(t => t.Id));
    }
}

/// <summary>Values in a claims list's query that name nothing: each is reported on the page and ignored.</summary>
public sealed record ClaimListUnknowns(string? Status, bool Source, string? Assessment, IReadOnlyList<string> Tags, IReadOnlyList<string> Other)
{
    public bool Any => Status is not null || Source || Assessment is not null || Tags.Count > 0 || Other.Count > 0;

    /// <summary>Every value not understood, in the words the list's notice uses ("tag “x”", "therapy type “y”").</summary>
    public IEnumerable<string> Described()
    {
        if (Status is not null) yield return $"claim status “{Status.Trim()}”";
        if (Source) yield return "such source";
        if (Assessment is not null) yield return $"assessment “{Assessment.Trim()}”";
        foreach (var tag in Tags) yield return $"tag “{tag}”";
        foreach (var other in Other) yield return other;
    }
}

/// <summary>What a claims list was asked for, parsed: the filter (flags resolved), the order, and what named nothing.</summary>
public sealed record ClaimListRequest(
    ClaimFilter Filter,
    ClaimSort Order,
    IReadOnlyList<TherapyTag> Taxonomy,
    IReadOnlyList<ClaimListQuery.TagEntry> Vocabulary,
    ClaimListUnknowns Unknown)
{
    /// <summary>The filter as the list's URL state (tags by name, so a shared link says what it shows).</summary>
    public ClaimListFilter UrlFilter => new(
        Filter.SourceId,
        Filter.Status is { } s ? Display.Slug(s) : null,
        Filter.Assessment?.Slug,
        [.. Filter.Tags.Select(t => t.Name)],
        1,
        Filter.Therapies,
        Filter.Orphaned,
        Order == ClaimSort.Text ? null : Display.Slug(Order))
    {
        Kinds = Filter.Kinds,
        Conditions = Filter.Conditions,
        Flagged = Filter.FlaggedIds is not null,
    };

    /// <summary>"Download these claims": the export with the same filter (no order, no page), read back by <see cref="ClaimListQuery.ParseAsync"/>.</summary>
    public string ExportHref => new BrowseState("/claims/export.json", UrlFilter.State().Except(ClaimListQuery.SortKey)).Href();
}

/// <summary>
/// The claims list (/claims) as a query: filter in, page model out. The JSON export (<c>/claims/export.json</c>)
/// reads the same query string through <see cref="ParseAsync"/> and <see cref="Matching"/>, so "download these
/// claims" is exactly the list.
/// </summary>
/// Counts that span the whole list (facets, the source drop-down, the total) come from the <see cref="ClaimFacetIndex"/>,
/// read once per change stamp and shared by every request when a <see cref="ChangeStampedCache"/> is given: any
/// filter's counts are then microseconds at a million claims, where SQL took seconds. After a change they may lag until
/// the index is read again (decisions 0039 and 0042). The flagged claims are computed per filter and stamp.
public sealed class ClaimListQuery(KnowledgeBaseDbContext db, ChangeStampedCache? shared = null)
{
    public const string SourceKey = "source";
    public const string StatusKey = "status";
    public const string AssessmentKey = "assessment";
    public const string TherapyKey = "therapy";
    public const string OrphanedKey = "orphaned";
    public const string FlagsKey = "flags";
    public const string TagKey = "tag";
    public const string SortKey = "sort";

    public const int PageSize = 50;

    /// <summary>From this many matching claims, a therapy-filtered page walks the claims in index order (measured at a million claims).</summary>
    private const int WalkInOrderFrom = 10_000;

    /// <summary>Tags shown in the facet; the rest are reached by typing their name (the list says how many are hidden).</summary>
    public const int TagFacetSize = 30;

    /// <summary>Sources listed in the source drop-down when there are more (the rest are reached from the sources list or a source's page).</summary>
    public const int SourceChoices = 100;

    /// <summary>A tag of the vocabulary with the key it is matched by.</summary>
    public sealed record TagEntry(TagBadge Badge, string NormalizedName);

    public async Task<ClaimListRequest> ParseAsync(FacetRequest query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statusText = query.Value(StatusKey);
        var status = Display.ParseSlug<ClaimStatus>(statusText);
        var assessmentText = query.Value(AssessmentKey);
        var assessment = AssessmentFilter.Parse(assessmentText);
        var sourceText = query.Value(SourceKey);
        int? sourceId = query.Id(SourceKey) is { } wantedSource && await db.Sources.AnyAsync(s => s.Id == wantedSource, ct) ? wantedSource : null;

        var taxonomy = await db.TherapyTypes.AsNoTracking().InDisplayOrder().Select(t => new TherapyTag(t.Slug, t.Name)).ToListAsync(ct);
        var therapies = query.Therapies(TherapyKey, taxonomy);
        var kinds = SourceClassificationFacets.Parse(query.Values(SourceClassificationFacets.KindKey), SourceTaxonomy.TherapyKinds, "therapy kind", query.Unknown);
        var conditions = SourceClassificationFacets.Parse(query.Values(SourceClassificationFacets.ConditionKey), SourceTaxonomy.Conditions, "condition", query.Unknown);
        var orphaned = query.Choice(OrphanedKey, "orphaned", "yes", "no");
        var flagsWanted = query.Switch(FlagsKey, "flags", "yes");
        var order = query.Sort(SortKey, ClaimSort.Text);

        var vocabulary = await db.Tags.AsNoTracking().InDisplayOrder()
            .Select(t => new TagEntry(new TagBadge(t.Id, t.Name, t.Kind, t.Description), t.NormalizedName))
            .ToListAsync(ct);
        var wantedTags = query.Values(TagKey).Select(TagQueries.CleanName).Where(n => n.Length > 0).ToList();
        var tags = wantedTags
            .Select(n => vocabulary.FirstOrDefault(t => t.NormalizedName == Tag.Normalize(n))?.Badge)
            .OfType<TagBadge>()
            .DistinctBy(t => t.Id)
            .ToList();
        var unknownTags = wantedTags.Where(n => vocabulary.All(t => t.NormalizedName != Tag.Normalize(n))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        var filter = new ClaimFilter(sourceId, status, assessment, therapies, orphaned, kinds, conditions, tags);
        // Claim-vs-record flags are computed, not stored: only on request, for the claims linked to a record under the other filters.
        if (flagsWanted)
        {
            var underOthers = filter;
            async Task<FlaggedIds> FlaggedAsync(KnowledgeBaseDbContext context, CancellationToken c) =>
                new(await new ClaimRecordChecks(context).FlaggedAmongAsync(underOthers.Apply(context.Claims.AsNoTracking(), context.TherapyTypes, FlagsKey), c) is { } ids ? [.. ids] : null);
            // The flagged claims select the rows, so never an older stamp's (staleAllowed: false).
            var found = (await shared.SharedOrComputeAsync(
                "claims:flagged:" + new ClaimListRequest(filter, ClaimSort.Text, taxonomy, vocabulary, NoUnknowns).UrlFilter.State().Href(), db, FlaggedAsync, ct, staleAllowed: false)).Value;
            if (found.Ids is { } flagged)
                filter = filter with { FlaggedIds = flagged };
            else
                query.Unknown.Add($"flags filter over more than {ClaimRecordChecks.FlagScanLimit:N0} claims linked to records (narrow the list by source, status or therapy first)");
        }

        var unknown = new ClaimListUnknowns(
            status is null && !string.IsNullOrWhiteSpace(statusText) ? statusText : null,
            sourceId is null && !string.IsNullOrWhiteSpace(sourceText),
            assessment is null && !string.IsNullOrWhiteSpace(assessmentText) ? assessmentText : null,
            unknownTags,
            query.Unknown);
        return new ClaimListRequest(filter, order, taxonomy, vocabulary, unknown);
    }

    /// <summary>The claims the filter selects, unordered (the list sorts and pages them; the export reads them all).</summary>
    public IQueryable<Claim> Matching(ClaimFilter filter, string? except = null, bool walkInOrder = false)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Apply(db.Claims.AsNoTracking(), db.TherapyTypes, except, walkInOrder);
    }

    private static readonly ClaimListUnknowns NoUnknowns = new(null, false, null, [], []);

    /// <summary>The flagged claims under a filter (null: more than the scan limit), as one shared value.</summary>
    private sealed record FlaggedIds(IReadOnlyList<int>? Ids);

    /// <summary>One page of the list with every facet's counts, the tag facet and the source drop-down.</summary>
    public async Task<ClaimListViewModel> PageAsync(ClaimListRequest request, int page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = request.Filter;
        var urlFilter = request.UrlFilter;
        var state = urlFilter.State();
        // The counts come from the claim facet index of the current change stamp; after a change, from the one before
        // (marked stale) while it is rebuilt in the background (decisions 0039 and 0042). The rows are always read now.
        var (index, countsStale) = await ClaimFacetIndex.SharedAsync(shared, db, ct);
        var counts = await CountAsync(index, request, state, ct);
        var total = counts.Total;
        var window = PageWindow.Of(total, page, PageSize);
        // Many claims relying on a therapy, on SQLite, in an order an index has: walk that index (see ReliesOnTherapy).
        var walk = filter.Therapies.Count > 0 && total >= WalkInOrderFrom && request.Order != ClaimSort.Links && db.Database.IsSqlite();
        var rows = await RowsAsync(Sorted(Matching(filter, walkInOrder: walk), request.Order).Page(window), ct);

        var unknown = request.Unknown;
        var tagFacet = counts.TagFacet;
        return new ClaimListViewModel(
            rows,
            counts.Sources,
            counts.Sources.FirstOrDefault(s => s.Id == filter.SourceId),
            filter.Status,
            filter.Assessment,
            filter.Tags,
            [.. tagFacet.Take(TagFacetSize)],
            Math.Max(0, tagFacet.Count - TagFacetSize),
            [.. request.Vocabulary.Select(t => t.Badge.Name)],
            urlFilter with { Page = window.Page },
            window.Page,
            window.PageCount,
            total,
            UnknownStatus: unknown.Status,
            UnknownSource: unknown.Source,
            UnknownAssessment: unknown.Assessment,
            UnknownTags: unknown.Tags)
        {
            Facets = counts.Facets,
            Sorts = [.. Enum.GetValues<ClaimSort>().Select(o => new SortOption(Display.Slug(o), ClaimFacets.SortLabel(o), o == request.Order))],
            UnknownOther = unknown.Other,
            SourcesHidden = counts.SourcesHidden,
            FlaggedHref = filter.FlaggedIds is null ? state.Set(FlagsKey, "yes") : null,
            ExportHref = request.ExportHref,
            CountsStale = countsStale,
        };
    }

    /// <summary>What the list counts over all its claims.</summary>
    private sealed record ListCounts(
        IReadOnlyList<TagFacetOption> TagFacet,
        IReadOnlyList<SourceOption> Sources,
        int SourcesHidden,
        IReadOnlyList<FacetGroup> Facets,
        int Total);

    private async Task<ListCounts> CountAsync(ClaimFacetIndex index, ClaimListRequest request, BrowseState state, CancellationToken ct)
    {
        var filter = request.Filter;
        var counts = index.Count(filter);

        // Facet counts respect every current filter, the selected tags included: each count is
        // exactly what its link shows (the list narrowed by that tag), never a dead end.
        var tagFacet = request.Vocabulary
            .Select(t => new TagFacetOption(t.Badge, counts.Tags.GetValueOrDefault(t.Badge.Id), filter.Tags.Any(s => s.Id == t.Badge.Id)))
            .Where(o => o.Count > 0 || o.Selected)
            .OrderByDescending(o => o.Selected).ThenByDescending(o => o.Count).ThenBy(o => o.Tag.Kind).ThenBy(o => o.Tag.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var (sources, sourcesHidden) = await SourceChoicesAsync(counts.Sources, filter.SourceId, ct);

        // The source's classification (decision 0017): a claim counts under each therapy kind and condition of its source.
        IReadOnlyList<FacetGroup> facets =
        [
            .. ClaimFacets.Build(filter, counts, state, request.Taxonomy),
            .. (filter.FlaggedIds is { } flagged
                ? [FacetGroups.Build(FlagsKey, "Claim vs record", "claim", state, [("yes", "Flagged against its record (not dismissed)", flagged.Count, true)], exclusive: true)]
                : Array.Empty<FacetGroup>()),
            SourceClassificationFacets.Group(SourceClassificationFacets.KindKey, "Source’s therapy kind", "claim", state, SourceTaxonomy.TherapyKinds, counts.Kinds, filter.Kinds),
            SourceClassificationFacets.Group(SourceClassificationFacets.ConditionKey, "Source’s condition", "claim", state, SourceTaxonomy.Conditions, counts.Conditions, filter.Conditions),
        ];

        return new ListCounts(tagFacet, sources, sourcesHidden, facets, counts.Total);
    }

    /// <summary>
    /// A page's rows, then their tags by the page's ids: the tags' query never repeats the list's filter (with a
    /// therapy filter at a million claims, repeating it doubled the page's time).
    /// </summary>
    private async Task<List<ClaimRow>> RowsAsync(IQueryable<Claim> page, CancellationToken ct)
    {
        var rows = await page
            .Select(c => new ClaimRow(c.Id, c.Quote, c.SourceId, c.Source!.Title, c.Status, c.IsOrphaned, c.Links.Count, Array.Empty<TagBadge>()))
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await (
                from tagging in db.Set<Dictionary<string, object>>("ClaimTags")
                join t in db.Tags on EF.Property<int>(tagging, "TagsId") equals t.Id
                where ids.Contains(EF.Property<int>(tagging, "ClaimsId"))
                select new { ClaimId = EF.Property<int>(tagging, "ClaimsId"), Badge = new TagBadge(t.Id, t.Name, t.Kind, t.Description), t.NormalizedName })
            .ToListAsync(ct))
            .OrderBy(t => t.Badge.Kind == TagKind.Category ? 0 : 1).ThenBy(t => t.NormalizedName, StringComparer.Ordinal)
            .ToLookup(t => t.ClaimId, t => t.Badge);
        return [.. rows.Select(r => tags.Contains(r.Id) ? r with { Tags = [.. tags[r.Id]] } : r)];
    }

    private static IQueryable<Claim> Sorted(IQueryable<Claim> claims, ClaimSort order) => order switch
    {
        ClaimSort.Newest => claims.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        ClaimSort.Links => claims.OrderByDescending(c => c.Links.Count).ThenBy(c => c.SourceId).ThenBy(c => c.Start).ThenBy(c => c.Id),
        _ => claims.OrderBy(c => c.SourceId).ThenBy(c => c.Start).ThenBy(c => c.Id),
    };

    /// <summary>
    /// The source drop-down from the claims each source has under the other filters (<paramref name="counts"/>, sources
    /// without any left out): every source while there are at most <see cref="SourceChoices"/>; beyond that the ones
    /// with the most claims, plus the selected one, and how many are left out (a drop-down of 100,000 sources took
    /// seconds to build and weighed megabytes). Options are in title order. The review queue uses it too.
    /// </summary>
    public async Task<(IReadOnlyList<SourceOption> Sources, int Hidden)> SourceChoicesAsync(
        IReadOnlyDictionary<int, int> counts, int? selected, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var sourceTotal = await db.Sources.CountAsync(ct);
        if (sourceTotal <= SourceChoices)
        {
            var all = await db.Sources.AsNoTracking()
                .OrderBy(s => s.Title).ThenBy(s => s.Id)
                .Select(s => new { s.Id, s.Title })
                .ToListAsync(ct);
            return ([.. all.Select(s => new SourceOption(s.Id, s.Title, counts.GetValueOrDefault(s.Id)))], 0);
        }

        var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(SourceChoices).ToDictionary(c => c.Key, c => c.Value);
        if (selected is { } id) top.TryAdd(id, counts.GetValueOrDefault(id));
        var ids = top.Keys.ToList();
        var titles = await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Title })
            .ToListAsync(ct);
        var options = titles.Select(s => new SourceOption(s.Id, s.Title, top[s.Id]))
            .OrderBy(s => s.Title, StringComparer.Ordinal).ThenBy(s => s.Id)
            .ToList();
        return (options, sourceTotal - options.Count);
    }
}
