using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;

namespace KnowledgeBase.Web.Features.Trials;

/// <summary>The facets of the trials list, as URL keys.</summary>
public static class TrialFacet
{
    public const string Therapy = "therapy";
    public const string Phase = "phase";

    /// <summary>The <c>?phase=</c> value for trials whose phase is not stated.</summary>
    public const string NotStated = "not-stated";
    public const string Design = "design";
    public const string Status = "status";
    public const string Cells = "cells";
    public const string Route = "route";
    public const string Claims = "claims";
    public const string Sort = "sort";
    public const string Size = "size";
}

public enum TrialSort
{
    Nct,
    Title,
    Claims,
    Enrollment,
}

/// <summary>What the trials list is narrowed to: OR within a facet, AND across facets (see <c>StudyFilter</c>).</summary>
public sealed record TrialFilter(
    IReadOnlyList<string> Therapies,
    IReadOnlyList<TrialPhase> Phases,
    bool PhaseNotStated,
    IReadOnlyList<EvidenceLevel> Designs,
    IReadOnlyList<TrialStatusFacet> Statuses,
    CellSourceFacets Cells,
    RouteFacets Routes,
    bool? HasClaims)
{
    public bool IsEmpty => Therapies.Count == 0 && Phases.Count == 0 && !PhaseNotStated && Designs.Count == 0 && Statuses.Count == 0
        && Cells == CellSourceFacets.None && Routes == RouteFacets.None && HasClaims is null;

    /// <param name="therapyTypes">The therapy types table: the therapy filter reads the chosen types' trials from the join table's type index (see <c>StudyFilter.Apply</c>).</param>
    public IQueryable<Trial> Apply(IQueryable<Trial> trials, IQueryable<TherapyType> therapyTypes, string? except = null)
    {
        ArgumentNullException.ThrowIfNull(therapyTypes);
        var q = trials;
        if (except != TrialFacet.Therapy && Therapies.Count > 0)
        {
            var slugs = Therapies;
            var ids = therapyTypes.Where(tt => slugs.Contains(tt.Slug)).SelectMany(tt => tt.Trials).Select(t => t.Id);
            q = q.Where(t => ids.Contains(t.Id));
        }
        if (except != TrialFacet.Phase && (Phases.Count > 0 || PhaseNotStated))
        {
            var phases = Phases;
            var none = PhaseNotStated;
            q = q.Where(t => (t.Phase != null && phases.Contains(t.Phase.Value)) || (none && t.Phase == null));
        }
        if (except != TrialFacet.Design && Designs.Count > 0)
        {
            var designs = Designs;
            q = q.Where(t => designs.Contains(t.EvidenceLevel));
        }
        if (except != TrialFacet.Status && Statuses.Count > 0)
        {
            var statuses = Statuses;
            q = q.Where(t => statuses.Contains(t.StatusFacet));
        }
        if (except != TrialFacet.Cells && Cells != CellSourceFacets.None)
        {
            var cells = Cells;
            q = q.Where(t => (t.CellSourceFacet & cells) != 0);
        }
        if (except != TrialFacet.Route && Routes != RouteFacets.None)
        {
            var routes = Routes;
            q = q.Where(t => (t.RouteFacet & routes) != 0);
        }
        if (except != TrialFacet.Claims && HasClaims is { } has) q = q.Where(t => t.EvidenceLinks.Any() == has);
        return q;
    }

    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        foreach (var t in Therapies) yield return new(TrialFacet.Therapy, t);
        foreach (var p in Phases) yield return new(TrialFacet.Phase, Display.Slug(p));
        if (PhaseNotStated) yield return new(TrialFacet.Phase, TrialFacet.NotStated);
        foreach (var d in Designs) yield return new(TrialFacet.Design, Display.Slug(d));
        foreach (var s in Statuses) yield return new(TrialFacet.Status, Display.Slug(s));
        foreach (var c in FacetParsing.Bits<CellSourceFacets>().Where(b => Cells.HasFlag(b))) yield return new(TrialFacet.Cells, Display.Slug(c));
        foreach (var r in FacetParsing.Bits<RouteFacets>().Where(b => Routes.HasFlag(b))) yield return new(TrialFacet.Route, Display.Slug(r));
        if (HasClaims is { } has) yield return new(TrialFacet.Claims, has ? "with" : "without");
    }
}
