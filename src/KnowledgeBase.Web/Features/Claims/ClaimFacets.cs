using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;

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

    /// <summary>The status, assessment, therapy and anchoring facets of a claims list, from its counts (each under every filter but its own).</summary>
    public static IReadOnlyList<FacetGroup> Build(ClaimFilter filter, ClaimListCounts counts, BrowseState state, IReadOnlyList<TherapyTag> taxonomy)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(taxonomy);
        return
        [
            FacetGroups.Build(ClaimListQuery.StatusKey, "Review status", "claim", state, Enum.GetValues<ClaimStatus>()
                .Select(s => (Display.Slug(s), Display.Label(s), counts.Statuses.GetValueOrDefault(s), s == filter.Status)), exclusive: true),
            FacetGroups.Build(ClaimListQuery.AssessmentKey, "Assessment", "claim", state, AssessmentFilter.All
                .Select(a => (a.Slug, a.Label, a.Value is { } v ? counts.Assessments.GetValueOrDefault(v) : counts.NotAssessed, a == filter.Assessment)), exclusive: true),
            FacetGroups.Build(ClaimListQuery.TherapyKey, "Therapy type relied on", "claim", state, taxonomy
                .Select(t => (t.Slug, t.Name, counts.Therapies.GetValueOrDefault(t.Slug), filter.Therapies.Contains(t.Slug)))),
            FacetGroups.Build(ClaimListQuery.OrphanedKey, "Anchoring", "claim", state,
            [
                ("no", "Found in the current text", counts.Anchored, filter.Orphaned == false),
                ("yes", "Orphaned (quote lost)", counts.Orphaned, filter.Orphaned == true),
            ], exclusive: true),
        ];
    }
}
