using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Studies;

/// <summary>The facets of the studies list, as URL keys.</summary>
public static class StudyFacet
{
    public const string Therapy = "therapy";
    public const string Kind = "kind";
    public const string Level = "level";
    public const string Phase = "phase";
    public const string Cells = "cells";
    public const string Route = "route";
    public const string From = "from";
    public const string To = "to";
    public const string Claims = "claims";
    public const string Sort = "sort";
    public const string Size = "size";

    /// <summary>The <c>phase</c> value for studies with no phase (not a trial publication, or none stated).</summary>
    public const string NotStated = "not-stated";

    public const string WithClaims = "with";
    public const string WithoutClaims = "without";
}

public enum StudySort
{
    Newest,
    Oldest,
    Title,
    Claims,
    Participants,
}

/// <summary>
/// What the studies list is narrowed to. Values of one facet combine with OR, facets with AND;
/// <see cref="Apply"/> can leave one facet out, which is how each facet's counts are taken.
/// </summary>
public sealed record StudyFilter(
    IReadOnlyList<string> Therapies,
    IReadOnlyList<StudyKind> Kinds,
    IReadOnlyList<EvidenceLevel> Levels,
    IReadOnlyList<TrialPhase> Phases,
    bool PhaseNotStated,
    CellSourceFacets Cells,
    RouteFacets Routes,
    int? From,
    int? To,
    bool? HasClaims)
{
    public bool IsEmpty => Therapies.Count == 0 && Kinds.Count == 0 && Levels.Count == 0 && Phases.Count == 0 && !PhaseNotStated
        && Cells == CellSourceFacets.None && Routes == RouteFacets.None && From is null && To is null && HasClaims is null;

    /// <param name="therapyTypes">The therapy types table: the therapy filter is written as
    /// <c>Id IN (the chosen types' studies)</c>, read from the join table's type index, rather than a
    /// test of every study (4x less work for one type of eight at 50,000 studies).</param>
    /// <param name="walkInOrder">
    /// For a page of many studies in the default order on SQLite: the therapy filter written <c>Id + 0 IN (...)</c>, which
    /// SQLite cannot read through the primary key, so it walks <c>IX_Studies_Newest</c> in the page's order and stops
    /// once the page is full, instead of reading every study of the type and sorting them (as the claims list does,
    /// <see cref="KnowledgeBase.Data.QueryExtensions.ReliesOnTherapy"/>).
    /// </param>
    public IQueryable<Study> Apply(IQueryable<Study> studies, IQueryable<TherapyType> therapyTypes, string? except = null, bool walkInOrder = false)
    {
        ArgumentNullException.ThrowIfNull(therapyTypes);
        var q = studies;
        if (except != StudyFacet.Therapy && Therapies.Count > 0)
        {
            var slugs = Therapies;
            var ids = therapyTypes.Where(t => slugs.Contains(t.Slug)).SelectMany(t => t.Studies).Select(s => s.Id);
            q = walkInOrder ? q.Where(s => ids.Contains(s.Id + 0)) : q.Where(s => ids.Contains(s.Id));
        }
        if (except != StudyFacet.Kind && Kinds.Count > 0)
        {
            var kinds = Kinds;
            q = q.Where(s => kinds.Contains(s.Kind));
        }
        if (except != StudyFacet.Level && Levels.Count > 0)
        {
            var levels = Levels;
            q = q.Where(s => levels.Contains(s.EvidenceLevel));
        }
        if (except != StudyFacet.Phase && (Phases.Count > 0 || PhaseNotStated))
        {
            var phases = Phases;
            var none = PhaseNotStated;
            q = q.Where(s => (s.PhaseFacet != null && phases.Contains(s.PhaseFacet.Value)) || (none && s.PhaseFacet == null));
        }
        if (except != StudyFacet.Cells && Cells != CellSourceFacets.None)
        {
            var cells = Cells;
            q = q.Where(s => (s.CellSourceFacet & cells) != 0);
        }
        if (except != StudyFacet.Route && Routes != RouteFacets.None)
        {
            var routes = Routes;
            q = q.Where(s => (s.RouteFacet & routes) != 0);
        }
        if (except != StudyFacet.From && From is { } from) q = q.Where(s => s.Year >= from);
        if (except != StudyFacet.To && To is { } to) q = q.Where(s => s.Year <= to);
        if (except != StudyFacet.Claims && HasClaims is { } has) q = q.Where(s => s.EvidenceLinks.Any() == has);
        return q;
    }

    /// <summary>The filter as URL pairs, in a fixed order.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        foreach (var t in Therapies) yield return new(StudyFacet.Therapy, t);
        foreach (var k in Kinds) yield return new(StudyFacet.Kind, Display.Slug(k));
        foreach (var l in Levels) yield return new(StudyFacet.Level, Display.Slug(l));
        foreach (var p in Phases) yield return new(StudyFacet.Phase, Display.Slug(p));
        if (PhaseNotStated) yield return new(StudyFacet.Phase, StudyFacet.NotStated);
        foreach (var c in FacetParsing.Bits<CellSourceFacets>().Where(b => Cells.HasFlag(b))) yield return new(StudyFacet.Cells, Display.Slug(c));
        foreach (var r in FacetParsing.Bits<RouteFacets>().Where(b => Routes.HasFlag(b))) yield return new(StudyFacet.Route, Display.Slug(r));
        if (From is { } from) yield return new(StudyFacet.From, from.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (To is { } to) yield return new(StudyFacet.To, to.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (HasClaims is { } has) yield return new(StudyFacet.Claims, has ? StudyFacet.WithClaims : StudyFacet.WithoutClaims);
    }
}

/// <summary>Facet counts for the studies list: one GROUP BY per facet on its indexed column.</summary>
public static class StudyFacetCounts
{
    public static async Task<Dictionary<string, int>> TherapiesAsync(IQueryable<Study> filtered, CancellationToken ct) =>
        await filtered.SelectMany(s => s.TherapyTypes).GroupBy(t => t.Slug)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    public static async Task<Dictionary<StudyKind, int>> KindsAsync(IQueryable<Study> filtered, CancellationToken ct) =>
        await filtered.GroupBy(s => s.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    public static async Task<Dictionary<EvidenceLevel, int>> LevelsAsync(IQueryable<Study> filtered, CancellationToken ct) =>
        await filtered.GroupBy(s => s.EvidenceLevel).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>Counts per phase; the null key (studies with no phase) is returned as <paramref name="notStated"/>.</summary>
    public static async Task<(Dictionary<TrialPhase, int> Phases, int NotStated)> PhasesAsync(IQueryable<Study> filtered, CancellationToken ct)
    {
        var rows = await filtered.GroupBy(s => s.PhaseFacet).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return (rows.Where(r => r.Key != null).ToDictionary(r => r.Key!.Value, r => r.Count), rows.Where(r => r.Key == null).Sum(r => r.Count));
    }

    public static async Task<Dictionary<CellSourceFacets, int>> CellsAsync(IQueryable<Study> filtered, CancellationToken ct)
    {
        var rows = await filtered.GroupBy(s => s.CellSourceFacet).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return FacetParsing.CountBits(rows.Select(r => (r.Key, r.Count)));
    }

    public static async Task<Dictionary<RouteFacets, int>> RoutesAsync(IQueryable<Study> filtered, CancellationToken ct)
    {
        var rows = await filtered.GroupBy(s => s.RouteFacet).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return FacetParsing.CountBits(rows.Select(r => (r.Key, r.Count)));
    }
}
