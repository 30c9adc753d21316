using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// Claims with an evidence link to a study or trial of any of the therapy types <paramref name="slugs"/>.
    /// Written as <c>Id IN (claims linked to those types' studies) OR Id IN (... trials)</c>, read from the
    /// join tables' type index and the links' (StudyId|TrialId, Assessment, ClaimId) indexes, not as a test
    /// of every claim's links: 0.1 s instead of 3.5 s at a million claims.
    /// </summary>
    /// <param name="walkInOrder">
    /// For a page of many matching claims: written <c>Id + 0 IN (...)</c>, which SQLite cannot read through the
    /// primary key, so it walks the claims in the index order the page is sorted by and stops once the page is full,
    /// instead of reading every matching claim and sorting them all (0.3 s for 100,000 of them at a million claims).
    /// Slower when few claims match: the walk then crosses the whole index.
    /// </param>
    public static IQueryable<Claim> ReliesOnTherapy(this IQueryable<Claim> claims, IReadOnlyList<string> slugs, IQueryable<TherapyType> therapyTypes, bool walkInOrder = false)
    {
        ArgumentNullException.ThrowIfNull(therapyTypes);
        var chosen = therapyTypes.Where(t => slugs.Contains(t.Slug));
        var viaStudies = chosen.SelectMany(t => t.Studies).SelectMany(s => s.EvidenceLinks).Select(l => l.ClaimId);
        var viaTrials = chosen.SelectMany(t => t.Trials).SelectMany(tr => tr.EvidenceLinks).Select(l => l.ClaimId);
        return walkInOrder
            ? claims.Where(c => viaStudies.Contains(c.Id + 0) || viaTrials.Contains(c.Id + 0))
            : claims.Where(c => viaStudies.Contains(c.Id) || viaTrials.Contains(c.Id));
    }

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
