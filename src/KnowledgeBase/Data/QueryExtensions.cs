using KnowledgeBase.Domain;

namespace KnowledgeBase.Data;

/// <summary>Query pieces used by more than one screen.</summary>
public static class QueryExtensions
{
    /// <summary>Studies tagged with the therapy type <paramref name="slug"/>; all studies when it is null.</summary>
    public static IQueryable<Study> WithTherapyType(this IQueryable<Study> studies, string? slug) =>
        slug is null ? studies : studies.Where(s => s.TherapyTypes.Any(t => t.Slug == slug));

    /// <summary>Trials tagged with the therapy type <paramref name="slug"/>; all trials when it is null.</summary>
    public static IQueryable<Trial> WithTherapyType(this IQueryable<Trial> trials, string? slug) =>
        slug is null ? trials : trials.Where(t => t.TherapyTypes.Any(tt => tt.Slug == slug));

    /// <summary>Claims an editor has not yet confirmed or rejected.</summary>
    public static IQueryable<Claim> AwaitingReview(this IQueryable<Claim> claims) =>
        claims.Where(c => c.Status == ClaimStatus.Candidate);

    /// <summary>Newest import first; articles of one file in their order in the file.</summary>
    public static IOrderedQueryable<Source> NewestFirst(this IQueryable<Source> sources) =>
        sources.OrderByDescending(s => s.ImportedAt).ThenBy(s => s.FileName).ThenBy(s => s.PartIndex);

    /// <summary>The therapy taxonomy in display order.</summary>
    public static IOrderedQueryable<TherapyType> InDisplayOrder(this IQueryable<TherapyType> types) =>
        types.OrderBy(t => t.SortOrder).ThenBy(t => t.Id);
}
