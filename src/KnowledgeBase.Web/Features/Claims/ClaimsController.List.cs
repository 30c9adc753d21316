using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Tags;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>The claims list: filters, tag facet, paging, and the bulk-tag form for editors.</summary>
public sealed partial class ClaimsController
{
    public const int PageSize = 50;

    /// <summary>Tags shown in the facet; the rest are reached by typing their name (the list says how many are hidden).</summary>
    public const int TagFacetSize = 30;

    /// <summary>
    /// Claims in text order, filtered by source (<c>?source=3</c>), status (<c>?status=candidate</c>),
    /// assessment (<c>?assessment=overstated</c> or <c>not-assessed</c>) and tags by name, all of
    /// them (<c>?tag=safety&amp;tag=survival</c>), 50 a page. Unknown values are reported and ignored.
    /// </summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromQuery] int? source,
        [FromQuery] string? status,
        [FromQuery] string? assessment,
        [FromQuery(Name = "tag")] string[]? tag,
        [FromQuery] int page = 1,
        CancellationToken cancellationToken = default)
    {
        var selectedStatus = Display.ParseSlug<ClaimStatus>(status);
        var selectedAssessment = AssessmentFilter.Parse(assessment);
        var sources = await db.Sources.AsNoTracking()
            .OrderBy(s => s.Title).ThenBy(s => s.Id)
            .Select(s => new SourceOption(s.Id, s.Title, s.Claims.Count))
            .ToListAsync(cancellationToken);
        var selectedSource = sources.FirstOrDefault(s => s.Id == source);

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

        var query = db.Claims.AsNoTracking();
        if (selectedSource is not null) query = query.Where(c => c.SourceId == selectedSource.Id);
        if (selectedStatus is not null) query = query.Where(c => c.Status == selectedStatus);
        if (selectedAssessment is { Value: { } wanted }) query = query.WithAssessment(wanted);
        else if (selectedAssessment is not null) query = query.NotAssessed();
        query = query.WithAllTags(selectedTags.Select(t => t.Id));

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

        var total = await query.CountAsync(cancellationToken);
        var window = PageWindow.Of(total, page, PageSize);
        var rows = await query
            .OrderBy(c => c.SourceId).ThenBy(c => c.Start).ThenBy(c => c.Id)
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

        var filter = new ClaimListFilter(
            selectedSource?.Id,
            selectedStatus is { } s ? Display.Slug(s) : null,
            selectedAssessment?.Slug,
            [.. selectedTags.Select(t => t.Name)],
            window.Page);
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
            filter,
            window.Page,
            window.PageCount,
            total,
            UnknownStatus: selectedStatus is null && !string.IsNullOrWhiteSpace(status) ? status : null,
            UnknownSource: selectedSource is null && source is not null,
            UnknownAssessment: selectedAssessment is null && !string.IsNullOrWhiteSpace(assessment) ? assessment : null,
            UnknownTags: unknownTags));
    }
}
