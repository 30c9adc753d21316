using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Sources;
using KnowledgeBase.Web.Features.Tags;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>The claims list: filters, tag facet, paging, and the bulk-tag form for editors.</summary>
public sealed partial class ClaimsController
{
    public const int PageSize = 50;

    /// <summary>Tags shown in the facet; the rest are reached by typing their name (the list says how many are hidden).</summary>
    public const int TagFacetSize = 30;

    /// <summary>Sources listed in the source drop-down when there are more (the rest are reached from the sources list or a source's page).</summary>
    public const int SourceChoices = 100;

    /// <summary>Most claims linked to records whose flags <c>?flags=yes</c> computes: <see cref="ClaimRecordChecks.FlagScanLimit"/>.</summary>
    public const int FlagScanLimit = ClaimRecordChecks.FlagScanLimit;

    /// <summary>
    /// Claims, filtered by source (<c>?source=3</c>), status (<c>?status=candidate</c>), assessment
    /// (<c>?assessment=overstated</c> or <c>not-assessed</c>), the therapy type of the evidence they rely on
    /// (<c>?therapy=msc-ntf</c>, repeatable: any of them), whether they are orphaned (<c>?orphaned=yes</c>)
    /// and tags by name, all of them (<c>?tag=safety&amp;tag=survival</c>), whether claim-vs-record flags not dismissed
    /// are raised on them (<c>?flags=yes</c>); sorted (<c>?sort=newest</c>),
    /// 50 a page. Unknown values are reported and ignored.
    /// </summary>
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromQuery] int? source,
        [FromQuery] string? status,
        [FromQuery] string? assessment,
        [FromQuery(Name = "tag")] string[]? tag,
        [FromQuery(Name = "therapy")] string[]? therapy,
        [FromQuery] string? orphaned,
        [FromQuery] string? flags,
        [FromQuery] string? sort,
        [FromQuery(Name = SourceClassificationFacets.KindKey)] string[]? kind,
        [FromQuery(Name = SourceClassificationFacets.ConditionKey)] string[]? condition,
        [FromQuery] int page = 1,
        CancellationToken cancellationToken = default)
    {
        var selectedStatus = Display.ParseSlug<ClaimStatus>(status);
        var selectedAssessment = AssessmentFilter.Parse(assessment);
        int? selectedSourceId = source is { } wantedSource && await db.Sources.AnyAsync(s => s.Id == wantedSource, cancellationToken) ? wantedSource : null;

        var taxonomy = await db.TherapyTypes.AsNoTracking().InDisplayOrder()
            .Select(t => new TherapyTag(t.Slug, t.Name))
            .ToListAsync(cancellationToken);
        var unknownOther = new List<string>();
        var therapies = FacetParsing.Therapies(therapy, taxonomy, unknownOther);
        var kinds = SourceClassificationFacets.Parse(kind, SourceTaxonomy.TherapyKinds, "therapy kind", unknownOther);
        var conditions = SourceClassificationFacets.Parse(condition, SourceTaxonomy.Conditions, "condition", unknownOther);
        bool? selectedOrphaned = orphaned?.Trim().ToLowerInvariant() switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        };
        if (selectedOrphaned is null && !string.IsNullOrWhiteSpace(orphaned)) unknownOther.Add($"orphaned filter “{orphaned.Trim()}” (use yes or no)");
        var selectedFlags = string.Equals(flags?.Trim(), "yes", StringComparison.OrdinalIgnoreCase);
        if (!selectedFlags && !string.IsNullOrWhiteSpace(flags)) unknownOther.Add($"flags filter “{flags.Trim()}” (use yes)");
        List<int>? flaggedIds = null;
        var selectedSort = Display.ParseSlug<ClaimSort>(sort);
        if (selectedSort is null && !string.IsNullOrWhiteSpace(sort)) unknownOther.Add($"sort order “{sort.Trim()}”");
        var order = selectedSort ?? ClaimSort.Text;

        var vocabulary = await db.Tags.AsNoTracking().InDisplayOrder()
            .Select(t => new { Badge = new TagBadge(t.Id, t.Name, t.Kind, t.Description), t.NormalizedName })
            .ToListAsync(cancellationToken);
        var wantedTags = (tag ?? []).Select(TagQueries.CleanName).Where(n => n.Length > 0).ToList();
        var selectedTags = wantedTags
            .Select(n => vocabulary.FirstOrDefault(t => t.NormalizedName == Tag.Normalize(n))?.Badge)
            .OfType<TagBadge>()
            .DistinctBy(t => t.Id)
            .ToList();
        var unknownTags = wantedTags.Where(n => vocabulary.All(t => t.NormalizedName != Tag.Normalize(n))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        // Every filter but one: how each facet's counts are taken (a count is what its link shows).
        IQueryable<Claim> Filtered(string? except = null)
        {
            var q = db.Claims.AsNoTracking();
            if (except != "source" && selectedSourceId is { } sourceId) q = q.Where(c => c.SourceId == sourceId);
            if (except != "status" && selectedStatus is not null) q = q.Where(c => c.Status == selectedStatus);
            if (except != "assessment" && selectedAssessment is { Value: { } wanted }) q = q.WithAssessment(wanted);
            else if (except != "assessment" && selectedAssessment is not null) q = q.NotAssessed();
            if (except != "therapy" && therapies.Count > 0) q = q.ReliesOnTherapy(therapies, db.TherapyTypes);
            if (except != "orphaned" && selectedOrphaned is { } o) q = q.Where(c => c.IsOrphaned == o);
            if (except != "flags" && flaggedIds is not null) q = q.Where(c => flaggedIds.Contains(c.Id));
            if (except != SourceClassificationFacets.KindKey) q = q.FromSourcesOfKinds(kinds);
            if (except != SourceClassificationFacets.ConditionKey) q = q.FromSourcesAbout(conditions);
            return q.WithAllTags(selectedTags.Select(t => t.Id));
        }

        // Claim-vs-record flags are computed, not stored: only on request, for the claims linked to a record under the other filters.
        if (selectedFlags)
        {
            if (await recordChecks.FlaggedAmongAsync(Filtered("flags"), cancellationToken) is { } flagged)
            {
                flaggedIds = [.. flagged];
            }
            else
            {
                unknownOther.Add($"flags filter over more than {FlagScanLimit:N0} claims linked to records (narrow the list by source, status or therapy first)");
                selectedFlags = false;
            }
        }

        var query = Filtered();

        // Facet counts respect every current filter, the selected tags included: each count is
        // exactly what its link shows (the list narrowed by that tag), never a dead end.
        var tagCounts = await query.SelectMany(c => c.Tags)
            .GroupBy(t => t.Id)
            .Select(g => new { TagId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TagId, g => g.Count, cancellationToken);
        var facet = vocabulary
            .Select(t => new TagFacetOption(t.Badge, tagCounts.GetValueOrDefault(t.Badge.Id), selectedTags.Any(s => s.Id == t.Badge.Id)))
            .Where(o => o.Count > 0 || o.Selected)
            .OrderByDescending(o => o.Selected).ThenByDescending(o => o.Count).ThenBy(o => o.Tag.Kind).ThenBy(o => o.Tag.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var (sources, sourcesHidden) = await SourceChoicesAsync(Filtered("source"), selectedSourceId, cancellationToken);
        var selectedSource = sources.FirstOrDefault(s => s.Id == selectedSourceId);

        var filter = new ClaimListFilter(
            selectedSource?.Id,
            selectedStatus is { } s ? Display.Slug(s) : null,
            selectedAssessment?.Slug,
            [.. selectedTags.Select(t => t.Name)],
            1,
            therapies,
            selectedOrphaned,
            order == ClaimSort.Text ? null : Display.Slug(order))
        {
            Kinds = kinds,
            Conditions = conditions,
            Flagged = selectedFlags,
        };
        var state = filter.State();
        var claimFacets = await ClaimFacets.CountAsync(db, Filtered, state, selectedStatus, selectedAssessment, therapies, taxonomy, selectedOrphaned, cancellationToken);
        // The source's classification (decision 0017): a claim counts under each therapy kind and condition of its source.
        var kindCounts = await Filtered(SourceClassificationFacets.KindKey).SelectMany(c => c.Source!.TherapyKinds)
            .GroupBy(k => k.Slug).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var conditionCounts = await Filtered(SourceClassificationFacets.ConditionKey).SelectMany(c => c.Source!.Conditions)
            .GroupBy(k => k.Slug).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
        IReadOnlyList<FacetGroup> facets =
        [
            .. claimFacets,
            .. (selectedFlags
                ? [FacetGroups.Build("flags", "Claim vs record", "claim", state, [("yes", "Flagged against its record (not dismissed)", flaggedIds!.Count, true)], exclusive: true)]
                : Array.Empty<FacetGroup>()),
            SourceClassificationFacets.Group(SourceClassificationFacets.KindKey, "Source’s therapy kind", "claim", state, SourceTaxonomy.TherapyKinds, kindCounts, kinds),
            SourceClassificationFacets.Group(SourceClassificationFacets.ConditionKey, "Source’s condition", "claim", state, SourceTaxonomy.Conditions, conditionCounts, conditions),
        ];

        var total = await query.CountAsync(cancellationToken);
        var window = PageWindow.Of(total, page, PageSize);
        var ordered = order switch
        {
            ClaimSort.Newest => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
            ClaimSort.Links => query.OrderByDescending(c => c.Links.Count).ThenBy(c => c.SourceId).ThenBy(c => c.Start).ThenBy(c => c.Id),
            _ => query.OrderBy(c => c.SourceId).ThenBy(c => c.Start).ThenBy(c => c.Id),
        };
        var rows = await ordered
            .Page(window)
            .Select(c => new ClaimRow(
                c.Id,
                c.Quote,
                c.SourceId,
                c.Source!.Title,
                c.Status,
                c.IsOrphaned,
                c.Links.Count,
                c.Tags.OrderBy(t => t.Kind == TagKind.Category ? 0 : 1).ThenBy(t => t.NormalizedName)
                    .Select(t => new TagBadge(t.Id, t.Name, t.Kind, t.Description))
                    .ToList()))
            .ToListAsync(cancellationToken);

        return View(new ClaimListViewModel(
            rows,
            sources,
            selectedSource,
            selectedStatus,
            selectedAssessment,
            selectedTags,
            [.. facet.Take(TagFacetSize)],
            Math.Max(0, facet.Count - TagFacetSize),
            [.. vocabulary.Select(t => t.Badge.Name)],
            filter with { Page = window.Page },
            window.Page,
            window.PageCount,
            total,
            UnknownStatus: selectedStatus is null && !string.IsNullOrWhiteSpace(status) ? status : null,
            UnknownSource: selectedSource is null && source is not null,
            UnknownAssessment: selectedAssessment is null && !string.IsNullOrWhiteSpace(assessment) ? assessment : null,
            UnknownTags: unknownTags)
        {
            Facets = facets,
            Sorts = [.. Enum.GetValues<ClaimSort>().Select(o => new SortOption(Display.Slug(o), ClaimFacets.SortLabel(o), o == order))],
            UnknownOther = unknownOther,
            SourcesHidden = sourcesHidden,
            FlaggedHref = selectedFlags ? null : state.Set("flags", "yes"),
        });
    }

    /// <summary>
    /// The source drop-down: every source while there are at most <see cref="SourceChoices"/>; beyond
    /// that the ones with the most claims under the other filters, plus the selected one, and how many
    /// are left out (a drop-down of 100,000 sources took seconds to build and weighed megabytes).
    /// Counts follow the other filters either way; options are in title order.
    /// </summary>
    private async Task<(IReadOnlyList<SourceOption> Sources, int Hidden)> SourceChoicesAsync(
        IQueryable<Claim> claims, int? selected, CancellationToken ct)
    {
        var sourceTotal = await db.Sources.CountAsync(ct);
        if (sourceTotal <= SourceChoices)
        {
            var counts = await claims.GroupBy(c => c.SourceId)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var all = await db.Sources.AsNoTracking()
                .OrderBy(s => s.Title).ThenBy(s => s.Id)
                .Select(s => new { s.Id, s.Title })
                .ToListAsync(ct);
            return ([.. all.Select(s => new SourceOption(s.Id, s.Title, counts.GetValueOrDefault(s.Id)))], 0);
        }

        var top = await claims.GroupBy(c => c.SourceId)
            .Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key)
            .Take(SourceChoices)
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        if (selected is { } id && !top.ContainsKey(id))
            top[id] = await claims.CountAsync(c => c.SourceId == id, ct);
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
