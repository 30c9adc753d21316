using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

public enum ClaimSort
{
    Text,
    Newest,
    Links,
}

/// <summary>The claims list's facets (status, assessment, linked therapy type, orphaned), each counted under the other filters.</summary>
public static class ClaimFacets
{
    public static string SortLabel(ClaimSort sort) => sort switch
    {
        ClaimSort.Text => "Source, in text order",
        ClaimSort.Newest => "Newest first",
        ClaimSort.Links => "Most evidence links",
        _ => sort.ToString(),
    };

    /// <summary>
    /// The status, assessment, therapy and anchoring facets of a claims list: each counted under every filter but its
    /// own (<paramref name="filtered"/>), from the link table alone when those filters keep every claim.
    /// </summary>
    public static async Task<IReadOnlyList<FacetGroup>> CountAsync(
        KnowledgeBaseDbContext db,
        ClaimFilter filter,
        Func<string?, IQueryable<Claim>> filtered,
        BrowseState state,
        IReadOnlyList<TherapyTag> taxonomy,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filtered);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(db);
        var (status, assessment, therapies, orphaned) = (filter.Status, filter.Assessment, filter.Therapies, filter.Orphaned);
        IQueryable<EvidenceLink> LinksUnder(string key) =>
            filter.KeepsEveryClaim(key) ? db.EvidenceLinks : filtered(key).SelectMany(c => c.Links);
        var groups = new List<FacetGroup>();

        var statusCounts = await filtered("status").GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        groups.Add(FacetGroups.Build("status", "Review status", "claim", state, Enum.GetValues<ClaimStatus>()
            .Select(s => (Display.Slug(s), Display.Label(s), statusCounts.GetValueOrDefault(s), s == status)), exclusive: true));

        // "Not assessed" is the claims under the other filters less those with an assessed link: two index reads,
        // where a test of every claim's links took seconds at a million claims.
        var assessedLinks = LinksUnder("assessment").Where(l => l.Assessment != null);
        var assessed = await assessedLinks
            .GroupBy(l => l.Assessment)
            .Select(g => new { g.Key, Count = g.Select(l => l.ClaimId).Distinct().Count() })
            .ToListAsync(ct);
        var notAssessed = await filtered("assessment").CountAsync(ct) - await assessedLinks.Select(l => l.ClaimId).Distinct().CountAsync(ct);
        groups.Add(FacetGroups.Build("assessment", "Assessment", "claim", state, AssessmentFilter.All
            .Select(a => (a.Slug, a.Label, a.Value is null ? notAssessed : assessed.Where(r => r.Key == a.Value).Sum(r => r.Count), a == assessment)), exclusive: true));

        var typeIds = await db.TherapyTypes.AsNoTracking().ToDictionaryAsync(t => t.Slug, t => t.Id, ct);
        var therapyCounts = await LinksUnder("therapy").CountByTherapyReliedOnAsync(db, ct);
        groups.Add(FacetGroups.Build("therapy", "Therapy type relied on", "claim", state, taxonomy
            .Select(t => (t.Slug, t.Name, therapyCounts.GetValueOrDefault(typeIds.GetValueOrDefault(t.Slug)), therapies.Contains(t.Slug)))));

        var orphanCounts = await filtered("orphaned").GroupBy(c => c.IsOrphaned).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        groups.Add(FacetGroups.Build("orphaned", "Anchoring", "claim", state,
        [
            ("no", "Found in the current text", orphanCounts.GetValueOrDefault(false), orphaned == false),
            ("yes", "Orphaned (quote lost)", orphanCounts.GetValueOrDefault(true), orphaned == true),
        ], exclusive: true));

        return groups;
    }
}
