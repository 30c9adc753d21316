using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Primitives;
using KnowledgeBase.Web.Features.Sources;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>
/// Which claims have each value of each facet of the claims list and the review queue, as sets of claim ids
/// (<see cref="IdSet"/>), read from the database one table at a time and shared per change stamp (decision 0042). A
/// list's counts under any filters are then intersections of sets: microseconds at a million claims, where counting in
/// SQL took seconds for each filter nobody had asked for since the start. About 7 MB at a million claims.
/// </summary>
public sealed class ClaimFacetIndex
{
    /// <summary>The key it is shared under in the <see cref="ChangeStampedCache"/>.</summary>
    public const string SharedKey = "claims:facet-index";

    private readonly IdSet[] _byStatus;
    private readonly IdSet _orphaned;
    private readonly IdSet[] _byAssessment;
    private readonly IdSet _assessed;
    private readonly IdSet _waiting;
    private readonly IdSet _scored;
    private readonly IReadOnlyDictionary<string, IdSet> _byTherapy;
    private readonly IReadOnlyDictionary<string, IdSet> _byKind;
    private readonly IReadOnlyDictionary<string, IdSet> _byCondition;
    private readonly IReadOnlyDictionary<int, int[]> _byTag;
    private readonly List<int> _runStarts;
    private readonly List<int> _runSources;

    private ClaimFacetIndex(Builder b)
    {
        All = b.All;
        _byStatus = b.ByStatus;
        _orphaned = b.Orphaned;
        _byAssessment = b.ByAssessment;
        _assessed = b.Assessed;
        _scored = b.Scored;
        _byTherapy = b.ByTherapy;
        _byKind = b.ByKind;
        _byCondition = b.ByCondition;
        _byTag = b.ByTag;
        _runStarts = b.RunStarts;
        _runSources = b.RunSources;
        // The review queue's claims: not rejected, anchored, and with no link or one not yet assessed.
        _waiting = All.Copy();
        _waiting.ExceptWith(_byStatus[(int)ClaimStatus.Rejected]);
        _waiting.ExceptWith(_orphaned);
        var settled = b.Linked.Copy();
        settled.ExceptWith(b.UnassessedLink);
        _waiting.ExceptWith(settled);
    }

    /// <summary>Every claim.</summary>
    public IdSet All { get; }

    /// <summary>The index of the current change stamp, or of an older one (stale) while it is rebuilt: see <see cref="ChangeStampedCache"/>.</summary>
    public static Task<Shared<ClaimFacetIndex>> SharedAsync(ChangeStampedCache? shared, KnowledgeBaseDbContext db, CancellationToken ct) =>
        shared.SharedOrComputeAsync(SharedKey, db, BuildAsync, ct);

    /// <summary>Reads the index: one streamed query per table (claims, links, the therapy join tables, tags, source classification).</summary>
    public static async Task<ClaimFacetIndex> BuildAsync(KnowledgeBaseDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Rows added while the index is read are left out (a claim above the last id) or land in it early: either way the
        // index is stored under the stamp read before it, so the next request recounts.
        var last = await db.Claims.MaxAsync(c => (int?)c.Id, ct) ?? 0;
        var b = new Builder(last + 1, await db.Sources.CountAsync(ct));

        await foreach (var c in db.Claims.AsNoTracking().Where(c => c.Id <= last).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.SourceId, c.Status, c.IsOrphaned, Scored = c.Confidence != null })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            b.All.Add(c.Id);
            b.ByStatus[(int)c.Status].Add(c.Id);
            if (c.IsOrphaned) b.Orphaned.Add(c.Id);
            if (c.Scored) b.Scored.Add(c.Id);
            if (b.RunSources.Count == 0 || b.RunSources[^1] != c.SourceId)
            {
                b.RunStarts.Add(c.Id);
                b.RunSources.Add(c.SourceId);
            }
        }

        await foreach (var l in db.EvidenceLinks.AsNoTracking().Where(l => l.ClaimId <= last)
            .Select(l => new { l.ClaimId, l.Assessment }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!b.All.Contains(l.ClaimId)) continue;
            b.Linked.Add(l.ClaimId);
            if (l.Assessment is { } assessment)
            {
                b.Assessed.Add(l.ClaimId);
                b.ByAssessment[(int)assessment].Add(l.ClaimId);
            }
            else
            {
                b.UnassessedLink.Add(l.ClaimId);
            }
        }

        // A claim relies on a therapy type through any link to a study or trial of that type.
        var slugs = await db.TherapyTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Slug, ct);
        var viaStudies =
            from l in db.EvidenceLinks
            join st in db.Set<Dictionary<string, object>>("StudyTherapyTypes") on l.StudyId equals EF.Property<int?>(st, "StudiesId")
            where l.ClaimId <= last
            select new { l.ClaimId, TypeId = EF.Property<int>(st, "TherapyTypesId") };
        var viaTrials =
            from l in db.EvidenceLinks
            join tt in db.Set<Dictionary<string, object>>("TrialTherapyTypes") on l.TrialId equals EF.Property<int?>(tt, "TrialsId")
            where l.ClaimId <= last
            select new { l.ClaimId, TypeId = EF.Property<int>(tt, "TherapyTypesId") };
        foreach (var reliance in new[] { viaStudies, viaTrials })
        {
            await foreach (var r in reliance.AsAsyncEnumerable().WithCancellation(ct))
            {
                if (b.All.Contains(r.ClaimId) && slugs.TryGetValue(r.TypeId, out var slug)) b.Set(b.ByTherapy, slug).Add(r.ClaimId);
            }
        }

        // Each tag's claims in an array of its exact size, sorted: sized by a count read from the tag index first, so
        // that nothing grows (arrays past 85 KB live in the large-object heap until a full collection).
        var taggings = db.Set<Dictionary<string, object>>("ClaimTags")
            .Select(t => new { Claim = EF.Property<int>(t, "ClaimsId"), Tag = EF.Property<int>(t, "TagsId") })
            .Where(t => t.Claim <= last);
        var tagSizes = await taggings.GroupBy(t => t.Tag).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var filled = tagSizes.Keys.ToDictionary(tag => tag, _ => 0);
        foreach (var (tag, size) in tagSizes) b.ByTag[tag] = new int[size];
        await foreach (var t in taggings.AsAsyncEnumerable().WithCancellation(ct))
        {
            // A tagging added after the sizes were read has no room: the index is already older than that change.
            if (b.All.Contains(t.Claim) && b.ByTag.TryGetValue(t.Tag, out var claims) && filled[t.Tag] < claims.Length) claims[filled[t.Tag]++] = t.Claim;
        }
        foreach (var (tag, claims) in b.ByTag)
        {
            if (filled[tag] < claims.Length) b.ByTag[tag] = claims[..filled[tag]];
            Array.Sort(b.ByTag[tag]);
        }

        // A claim counts under each therapy kind and condition of its source (decision 0017): whole runs of its source's
        // claims, found from sets of source ids (streamed: a list of every source's slugs weighed tens of megabytes).
        var sourceCapacity = (b.RunSources.Count == 0 ? 0 : b.RunSources.Max()) + 1;
        var kinds = new Dictionary<string, IdSet>(StringComparer.Ordinal);
        await foreach (var k in db.SourceTherapyKinds.AsNoTracking().Select(k => new { k.SourceId, k.Slug }).AsAsyncEnumerable().WithCancellation(ct))
            AddSource(kinds, k.Slug, k.SourceId);
        var conditions = new Dictionary<string, IdSet>(StringComparer.Ordinal);
        await foreach (var c in db.SourceConditions.AsNoTracking().Select(c => new { c.SourceId, c.Slug }).AsAsyncEnumerable().WithCancellation(ct))
            AddSource(conditions, c.Slug, c.SourceId);
        for (var r = 0; r < b.RunStarts.Count; r++)
        {
            var (from, to, source) = (b.RunStarts[r], r + 1 < b.RunStarts.Count ? b.RunStarts[r + 1] : b.All.Capacity, b.RunSources[r]);
            foreach (var (kind, sources) in kinds)
            {
                if (sources.Contains(source)) b.Set(b.ByKind, kind).AddRange(from, to);
            }
            foreach (var (condition, sources) in conditions)
            {
                if (sources.Contains(source)) b.Set(b.ByCondition, condition).AddRange(from, to);
            }
        }
        // Ranges span ids of deleted claims between a source's claims: those are not claims.
        foreach (var set in b.ByKind.Values.Concat(b.ByCondition.Values)) set.IntersectWith(b.All);
        return new ClaimFacetIndex(b);

        void AddSource(Dictionary<string, IdSet> sets, string slug, int sourceId)
        {
            if ((uint)sourceId >= (uint)sourceCapacity) return; // a source without claims (or newer than them)
            if (!sets.TryGetValue(slug, out var set)) sets[slug] = set = new IdSet(sourceCapacity);
            set.Add(sourceId);
        }
    }

    /// <summary>Every facet of a claims list under <paramref name="filter"/>, each counted under every filter but its own.</summary>
    public ClaimListCounts Count(ClaimFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var constraints = Constraints(filter);
        var cache = new Dictionary<string, IdSet>(StringComparer.Ordinal);
        IdSet Under(string? except)
        {
            // Unset filters leave the same set as no filter at all: computed once.
            var key = except is not null && constraints.Any(c => c.Key == except) ? except : "";
            if (cache.TryGetValue(key, out var found)) return found;
            var applying = constraints.Where(c => c.Key != except).ToList();
            var set = applying.Count == 0 ? All : All.Copy();
            foreach (var (_, constraint) in applying) set.IntersectWith(constraint);
            return cache[key] = set;
        }

        var all = Under(null);
        var underAssessment = Under(ClaimListQuery.AssessmentKey);
        var underOrphaned = Under(ClaimListQuery.OrphanedKey);
        var underStatus = Under(ClaimListQuery.StatusKey);
        var underTherapy = Under(ClaimListQuery.TherapyKey);
        var underKind = Under(SourceClassificationFacets.KindKey);
        var underCondition = Under(SourceClassificationFacets.ConditionKey);
        return new ClaimListCounts(
            all.Count(),
            Enum.GetValues<ClaimStatus>().ToDictionary(s => s, s => underStatus.CountIntersection(_byStatus[(int)s])),
            Enum.GetValues<EvidenceAssessment>().ToDictionary(a => a, a => underAssessment.CountIntersection(_byAssessment[(int)a])),
            underAssessment.CountExcept(_assessed),
            _byTherapy.ToDictionary(t => t.Key, t => underTherapy.CountIntersection(t.Value), StringComparer.Ordinal),
            underOrphaned.CountExcept(_orphaned),
            underOrphaned.CountIntersection(_orphaned),
            _byKind.ToDictionary(k => k.Key, k => underKind.CountIntersection(k.Value), StringComparer.Ordinal),
            _byCondition.ToDictionary(c => c.Key, c => underCondition.CountIntersection(c.Value), StringComparer.Ordinal),
            _byTag.ToDictionary(t => t.Key, t => t.Value.Count(all.Contains)),
            CountBySource(Under(ClaimListQuery.SourceKey)));
    }

    /// <summary>The review queue's claims (not rejected, anchored, with no link or one not yet assessed) in each source, and how many have a detector's confidence, in <paramref name="sourceId"/> or all.</summary>
    public ReviewQueueCounts CountWaiting(int? sourceId)
    {
        var inSource = _waiting;
        if (sourceId is { } id)
        {
            inSource = OfSource(id);
            inSource.IntersectWith(_waiting);
        }
        return new ReviewQueueCounts(CountBySource(_waiting), _waiting.Count(), inSource.Count(), inSource.CountIntersection(_scored));
    }

    private List<(string Key, IdSet Set)> Constraints(ClaimFilter filter)
    {
        var constraints = new List<(string Key, IdSet Set)>();
        if (filter.SourceId is { } sourceId) constraints.Add((ClaimListQuery.SourceKey, OfSource(sourceId)));
        if (filter.Status is { } status) constraints.Add((ClaimListQuery.StatusKey, _byStatus[(int)status]));
        if (filter.Assessment is { } assessment)
        {
            var set = assessment.Value is { } value ? _byAssessment[(int)value] : Except(All, _assessed);
            constraints.Add((ClaimListQuery.AssessmentKey, set));
        }
        if (filter.Therapies.Count > 0) constraints.Add((ClaimListQuery.TherapyKey, AnyOf(_byTherapy, filter.Therapies)));
        if (filter.Orphaned is { } orphaned) constraints.Add((ClaimListQuery.OrphanedKey, orphaned ? _orphaned : Except(All, _orphaned)));
        if (filter.FlaggedIds is { } flagged) constraints.Add((ClaimListQuery.FlagsKey, IdSet.Of(flagged, All.Capacity)));
        if (filter.Kinds.Count > 0) constraints.Add((SourceClassificationFacets.KindKey, AnyOf(_byKind, filter.Kinds)));
        if (filter.Conditions.Count > 0) constraints.Add((SourceClassificationFacets.ConditionKey, AnyOf(_byCondition, filter.Conditions)));
        // Tags narrow the list (all of them) and are never left out: the tag facet counts under every filter.
        foreach (var tag in filter.Tags)
            constraints.Add((ClaimListQuery.TagKey, IdSet.Of(_byTag.GetValueOrDefault(tag.Id) ?? [], All.Capacity)));
        return constraints;
    }

    private static IdSet Except(IdSet set, IdSet less)
    {
        var result = set.Copy();
        result.ExceptWith(less);
        return result;
    }

    private IdSet AnyOf(IReadOnlyDictionary<string, IdSet> sets, IReadOnlyList<string> keys)
    {
        var union = new IdSet(All.Capacity);
        foreach (var key in keys)
        {
            if (sets.TryGetValue(key, out var set)) union.UnionWith(set);
        }
        return union;
    }

    /// <summary>The claims of a source: its runs of ids.</summary>
    private IdSet OfSource(int sourceId)
    {
        var set = new IdSet(All.Capacity);
        for (var r = 0; r < _runSources.Count; r++)
        {
            if (_runSources[r] == sourceId) set.AddRange(_runStarts[r], RunEnd(r));
        }
        set.IntersectWith(All);
        return set;
    }

    /// <summary>How many claims of <paramref name="claims"/> each source has (sources with none left out).</summary>
    private Dictionary<int, int> CountBySource(IdSet claims)
    {
        var counts = new Dictionary<int, int>();
        for (var r = 0; r < _runSources.Count; r++)
        {
            var n = claims.CountRange(_runStarts[r], RunEnd(r));
            if (n > 0) counts[_runSources[r]] = counts.GetValueOrDefault(_runSources[r]) + n;
        }
        return counts;
    }

    private int RunEnd(int run) => run + 1 < _runStarts.Count ? _runStarts[run + 1] : All.Capacity;

    /// <summary>The sets while they are read.</summary>
    private sealed class Builder(int capacity, int sources)
    {
        public IdSet All { get; } = new(capacity);
        public IdSet[] ByStatus { get; } = [.. Enum.GetValues<ClaimStatus>().Select(_ => new IdSet(capacity))];
        public IdSet Orphaned { get; } = new(capacity);
        public IdSet Scored { get; } = new(capacity);
        public IdSet Linked { get; } = new(capacity);
        public IdSet UnassessedLink { get; } = new(capacity);
        public IdSet Assessed { get; } = new(capacity);
        public IdSet[] ByAssessment { get; } = [.. Enum.GetValues<EvidenceAssessment>().Select(_ => new IdSet(capacity))];
        public Dictionary<string, IdSet> ByTherapy { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, IdSet> ByKind { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, IdSet> ByCondition { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, int[]> ByTag { get; } = [];
        // A run per source, more where a source's claims are not all consecutive.
        public List<int> RunStarts { get; } = new(sources + 16);
        public List<int> RunSources { get; } = new(sources + 16);

        public IdSet Set(Dictionary<string, IdSet> sets, string key)
        {
            if (!sets.TryGetValue(key, out var set)) sets[key] = set = new IdSet(capacity);
            return set;
        }
    }
}

/// <summary>A claims list's counts under its filters (<see cref="ClaimFacetIndex.Count"/>): each facet under every filter but its own.</summary>
public sealed record ClaimListCounts(
    int Total,
    IReadOnlyDictionary<ClaimStatus, int> Statuses,
    IReadOnlyDictionary<EvidenceAssessment, int> Assessments,
    int NotAssessed,
    IReadOnlyDictionary<string, int> Therapies,
    int Anchored,
    int Orphaned,
    IReadOnlyDictionary<string, int> Kinds,
    IReadOnlyDictionary<string, int> Conditions,
    IReadOnlyDictionary<int, int> Tags,
    IReadOnlyDictionary<int, int> Sources);

/// <summary>The review queue's counts: waiting claims by source, in all, and in the chosen source with and without a confidence.</summary>
public sealed record ReviewQueueCounts(IReadOnlyDictionary<int, int> BySource, int AllWaiting, int InSource, int InSourceWithConfidence);
