using System.Data.Common;
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

    /// <summary>
    /// Changes applied to an index claim by claim when it is brought up to date; past this many, or after any change that
    /// is not about one existing claim's own row, links or tags, it is read again whole.
    /// </summary>
    public const int MaxChangesApplied = 1_000;

    private readonly Sets _sets;

    /// <summary>How long an index is brought up to date claim by claim before it is read whole again.</summary>
    public static readonly TimeSpan ReadWholeEvery = TimeSpan.FromMinutes(10);

    private ClaimFacetIndex(Sets sets, long stamp, DateTimeOffset readWholeAt, int? claimsReread = null)
    {
        _sets = sets;
        Stamp = stamp;
        ReadWholeAt = readWholeAt;
        ClaimsReread = claimsReread;
    }

    /// <summary>When the sets this index was brought up from were read whole.</summary>
    public DateTimeOffset ReadWholeAt { get; }

    /// <summary>How many claims were read again to bring an older index up to date; null when the index was read whole.</summary>
    public int? ClaimsReread { get; }

    /// <summary>The newest change-history id read before the index was: every change up to it is in the index.</summary>
    public long Stamp { get; }

    /// <summary>Every claim.</summary>
    public IdSet All => _sets.All;

    /// <summary>The index of the current change stamp, or of an older one (stale) while it is rebuilt: see <see cref="ChangeStampedCache"/>.</summary>
    public static Task<Shared<ClaimFacetIndex>> SharedAsync(ChangeStampedCache? shared, KnowledgeBaseDbContext db, CancellationToken ct) =>
        shared.SharedOrComputeAsync(SharedKey, db, BuildAsync, ct, update: (context, previous, c) => UpdateAsync(previous, context, c));

    /// <summary>
    /// <paramref name="previous"/> brought up to date: the claims named by the changes since its stamp are read again
    /// and their bits set anew (milliseconds after an editor's change), unless a change is not about one existing
    /// claim (a new claim, a source, study, trial or tag edited, an import) or there are more than
    /// <see cref="MaxChangesApplied"/>: then the whole index is read again.
    /// </summary>
    public static async Task<ClaimFacetIndex> UpdateAsync(ClaimFacetIndex previous, KnowledgeBaseDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(db);
        var stamp = await LatestChangeAsync(db, ct);
        if (stamp == previous.Stamp) return previous;
        // A write that leaves no history row (by hand, outside the app) is never named by a change: reading the whole index
        // now and then bounds how long it can go unseen.
        if (TimeProvider.System.GetUtcNow() - previous.ReadWholeAt > ReadWholeEvery) return await BuildAsync(db, ct);
        var changes = await ChangesAsync(db, previous.Stamp, stamp, ct);
        // A tag created or renamed changes no claim's tags (tagging a claim is a change of that claim).
        changes.RemoveAll(c => c.EntityType == nameof(Tag) && c.Action != "deleted");
        if (changes.Count > MaxChangesApplied
            || changes.Any(c => c.ClaimId is not { } id || id >= previous.All.Capacity || (c.EntityType == nameof(Claim) && c.Action == "created")))
        {
            return await BuildAsync(db, ct);
        }
        var sets = previous._sets.Copy();
        List<int> claims = [.. changes.Select(c => c.ClaimId!.Value).Distinct()];
        return await sets.RereadAsync(db, claims, ct)
            ? new ClaimFacetIndex(sets, stamp, previous.ReadWholeAt, claims.Count)
            : await BuildAsync(db, ct);
    }

    /// <summary>
    /// Runs the update's queries once, for the first claim, on a copy that is dropped: what the start-up warm-up calls, so
    /// that the first update after an editor's change does not pay for compiling them (it must end within the 100 ms a
    /// request waits for exact counts).
    /// </summary>
    public static async Task WarmUpdateAsync(ClaimFacetIndex index, KnowledgeBaseDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(db);
        await ChangesAsync(db, index.Stamp, await LatestChangeAsync(db, ct), ct);
        if (await db.Claims.OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct) is { } first)
            await index._sets.Copy().RereadAsync(db, [first], ct);
    }

    /// <summary>What the change history says changed after <paramref name="after"/> up to <paramref name="upTo"/> (one more than <see cref="MaxChangesApplied"/> at most).</summary>
    private static Task<List<Change>> ChangesAsync(KnowledgeBaseDbContext db, long after, long upTo, CancellationToken ct) =>
        db.ChangeRecords.AsNoTracking()
            .Where(r => r.Id > after && r.Id <= upTo).OrderBy(r => r.Id).Take(MaxChangesApplied + 1)
            .Select(r => new Change(r.EntityType, r.Action, r.ClaimId))
            .ToListAsync(ct);

    private sealed record Change(string EntityType, string Action, int? ClaimId);

    /// <summary>
    /// The therapy types the claims of <paramref name="links"/> rely on, by type id: through any link to a study or trial
    /// of that type (a pair per link and type; the callers set bits, so repeats do no harm).
    /// </summary>
    private static IEnumerable<IQueryable<Reliance>> RelianceOf(KnowledgeBaseDbContext db, IQueryable<EvidenceLink> links) =>
    [
        from l in links
        join st in db.Set<Dictionary<string, object>>("StudyTherapyTypes") on l.StudyId equals EF.Property<int?>(st, "StudiesId")
        select new Reliance(l.ClaimId, EF.Property<int>(st, "TherapyTypesId")),
        from l in links
        join tt in db.Set<Dictionary<string, object>>("TrialTherapyTypes") on l.TrialId equals EF.Property<int?>(tt, "TrialsId")
        select new Reliance(l.ClaimId, EF.Property<int>(tt, "TherapyTypesId")),
    ];

    private sealed record Reliance(int ClaimId, int TypeId);

    private static async Task<long> LatestChangeAsync(KnowledgeBaseDbContext db, CancellationToken ct) =>
        await db.ChangeRecords.MaxAsync(r => (long?)r.Id, ct) ?? 0;

    /// <summary>Reads the index: one streamed query per table (claims, links, the therapy join tables, tags, source classification).</summary>
    public static async Task<ClaimFacetIndex> BuildAsync(KnowledgeBaseDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Rows added while the index is read are left out (a claim above the last id) or land in it early: either way the
        // index is stored under the stamp read before it, so the next request recounts.
        var readAt = TimeProvider.System.GetUtcNow();
        var stamp = await LatestChangeAsync(db, ct);
        var last = await db.Claims.MaxAsync(c => (int?)c.Id, ct) ?? 0;
        var b = new Sets(last + 1, await db.Sources.CountAsync(ct));
        var linked = new IdSet(last + 1);
        var unassessedLink = new IdSet(last + 1);

        // The two largest tables are read with a plain data reader and their enums turned into numbers by the query: EF
        // made an object and a string a row (about 80 bytes a claim), garbage the collector let grow by some 70 MB at a
        // million claims before collecting it, the highest moment of the start-up on PostgreSQL.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using (var command = Command(db,
                $"SELECT \"Id\", \"SourceId\", {Ordinal<ClaimStatus>("Status")}, \"IsOrphaned\", \"Confidence\" IS NOT NULL " +
                "FROM \"Claims\" WHERE \"Id\" <= @last ORDER BY \"Id\"", last))
            await using (var claims = await command.ExecuteReaderAsync(ct))
            {
                while (await claims.ReadAsync(ct))
                {
                    var (id, sourceId) = (claims.GetInt32(0), claims.GetInt32(1));
                    b.All.Add(id);
                    b.ByStatus[claims.GetInt32(2)].Add(id);
                    if (claims.GetBoolean(3)) b.Orphaned.Add(id);
                    if (claims.GetBoolean(4)) b.Scored.Add(id);
                    if (b.RunSources.Count == 0 || b.RunSources[^1] != sourceId)
                    {
                        b.RunStarts.Add(id);
                        b.RunSources.Add(sourceId);
                    }
                }
            }

            await using var linksCommand = Command(db,
                $"SELECT \"ClaimId\", {Ordinal<EvidenceAssessment>("Assessment")} FROM \"EvidenceLinks\" WHERE \"ClaimId\" <= @last", last);
            await using var links = await linksCommand.ExecuteReaderAsync(ct);
            while (await links.ReadAsync(ct))
            {
                var claimId = links.GetInt32(0);
                if (!b.All.Contains(claimId)) continue;
                linked.Add(claimId);
                if (links.IsDBNull(1))
                {
                    unassessedLink.Add(claimId);
                }
                else
                {
                    b.Assessed.Add(claimId);
                    b.ByAssessment[links.GetInt32(1)].Add(claimId);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        // A claim relies on a therapy type through any link to a study or trial of that type.
        var slugs = await db.TherapyTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Slug, ct);
        foreach (var reliance in RelianceOf(db, db.EvidenceLinks.Where(l => l.ClaimId <= last)))
        {
            await foreach (var r in reliance.AsAsyncEnumerable().WithCancellation(ct))
            {
                if (b.All.Contains(r.ClaimId) && slugs.TryGetValue(r.TypeId, out var slug)) b.Of(b.ByTherapy, slug).Add(r.ClaimId);
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
                if (sources.Contains(source)) b.Of(b.ByKind, kind).AddRange(from, to);
            }
            foreach (var (condition, sources) in conditions)
            {
                if (sources.Contains(source)) b.Of(b.ByCondition, condition).AddRange(from, to);
            }
        }
        // Ranges span ids of deleted claims between a source's claims: those are not claims.
        foreach (var set in b.ByKind.Values.Concat(b.ByCondition.Values)) set.IntersectWith(b.All);
        // The review queue's claims: not rejected, anchored, and with no link or one not yet assessed.
        b.Waiting.UnionWith(b.All);
        b.Waiting.ExceptWith(b.ByStatus[(int)ClaimStatus.Rejected]);
        b.Waiting.ExceptWith(b.Orphaned);
        linked.ExceptWith(unassessedLink);
        b.Waiting.ExceptWith(linked);
        return new ClaimFacetIndex(b, stamp, readAt);

        void AddSource(Dictionary<string, IdSet> sets, string slug, int sourceId)
        {
            if ((uint)sourceId >= (uint)sourceCapacity) return; // a source without claims (or newer than them)
            if (!sets.TryGetValue(slug, out var set)) sets[slug] = set = new IdSet(sourceCapacity);
            set.Add(sourceId);
        }
    }

    /// <summary>A query with the parameter <c>@last</c> on the context's connection (both providers' SQL).</summary>
    private static DbCommand Command(KnowledgeBaseDbContext db, string sql, int last)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@last";
        parameter.Value = last;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>SQL giving the number of the enum member whose name <paramref name="column"/> holds (NULL stays NULL): enums are stored by name.</summary>
    private static string Ordinal<TEnum>(string column) where TEnum : struct, Enum =>
        $"CASE \"{column}\" {string.Concat(Enum.GetValues<TEnum>().Select(v => $"WHEN '{v}' THEN {Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)} "))}END";

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
            Enum.GetValues<ClaimStatus>().ToDictionary(s => s, s => underStatus.CountIntersection(_sets.ByStatus[(int)s])),
            Enum.GetValues<EvidenceAssessment>().ToDictionary(a => a, a => underAssessment.CountIntersection(_sets.ByAssessment[(int)a])),
            underAssessment.CountExcept(_sets.Assessed),
            _sets.ByTherapy.ToDictionary(t => t.Key, t => underTherapy.CountIntersection(t.Value), StringComparer.Ordinal),
            underOrphaned.CountExcept(_sets.Orphaned),
            underOrphaned.CountIntersection(_sets.Orphaned),
            _sets.ByKind.ToDictionary(k => k.Key, k => underKind.CountIntersection(k.Value), StringComparer.Ordinal),
            _sets.ByCondition.ToDictionary(c => c.Key, c => underCondition.CountIntersection(c.Value), StringComparer.Ordinal),
            _sets.ByTag.ToDictionary(t => t.Key, t => t.Value.Count(all.Contains)),
            CountBySource(Under(ClaimListQuery.SourceKey)));
    }

    /// <summary>The review queue's claims (not rejected, anchored, with no link or one not yet assessed) in each source, and how many have a detector's confidence, in <paramref name="sourceId"/> or all.</summary>
    public ReviewQueueCounts CountWaiting(int? sourceId)
    {
        var inSource = _sets.Waiting;
        if (sourceId is { } id)
        {
            inSource = OfSource(id);
            inSource.IntersectWith(_sets.Waiting);
        }
        return new ReviewQueueCounts(CountBySource(_sets.Waiting), _sets.Waiting.Count(), inSource.Count(), inSource.CountIntersection(_sets.Scored));
    }

    private List<(string Key, IdSet Set)> Constraints(ClaimFilter filter)
    {
        var constraints = new List<(string Key, IdSet Set)>();
        if (filter.SourceId is { } sourceId) constraints.Add((ClaimListQuery.SourceKey, OfSource(sourceId)));
        if (filter.Status is { } status) constraints.Add((ClaimListQuery.StatusKey, _sets.ByStatus[(int)status]));
        if (filter.Assessment is { } assessment)
        {
            var set = assessment.Value is { } value ? _sets.ByAssessment[(int)value] : Except(All, _sets.Assessed);
            constraints.Add((ClaimListQuery.AssessmentKey, set));
        }
        if (filter.Therapies.Count > 0) constraints.Add((ClaimListQuery.TherapyKey, AnyOf(_sets.ByTherapy, filter.Therapies)));
        if (filter.Orphaned is { } orphaned) constraints.Add((ClaimListQuery.OrphanedKey, orphaned ? _sets.Orphaned : Except(All, _sets.Orphaned)));
        if (filter.FlaggedIds is { } flagged) constraints.Add((ClaimListQuery.FlagsKey, IdSet.Of(flagged, All.Capacity)));
        if (filter.Kinds.Count > 0) constraints.Add((SourceClassificationFacets.KindKey, AnyOf(_sets.ByKind, filter.Kinds)));
        if (filter.Conditions.Count > 0) constraints.Add((SourceClassificationFacets.ConditionKey, AnyOf(_sets.ByCondition, filter.Conditions)));
        // Tags narrow the list (all of them) and are never left out: the tag facet counts under every filter.
        foreach (var tag in filter.Tags)
            constraints.Add((ClaimListQuery.TagKey, IdSet.Of(_sets.ByTag.GetValueOrDefault(tag.Id) ?? [], All.Capacity)));
        return constraints;
    }

    private static IdSet Except(IdSet set, IdSet less)
    {
        var result = set.Copy();
        result.ExceptWith(less);
        return result;
    }

    private IdSet AnyOf(Dictionary<string, IdSet> sets, IReadOnlyList<string> keys)
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
        for (var r = 0; r < _sets.RunSources.Count; r++)
        {
            if (_sets.RunSources[r] == sourceId) set.AddRange(_sets.RunStarts[r], RunEnd(r));
        }
        set.IntersectWith(All);
        return set;
    }

    /// <summary>How many claims of <paramref name="claims"/> each source has (sources with none left out).</summary>
    private Dictionary<int, int> CountBySource(IdSet claims)
    {
        var counts = new Dictionary<int, int>();
        for (var r = 0; r < _sets.RunSources.Count; r++)
        {
            var n = claims.CountRange(_sets.RunStarts[r], RunEnd(r));
            if (n > 0) counts[_sets.RunSources[r]] = counts.GetValueOrDefault(_sets.RunSources[r]) + n;
        }
        return counts;
    }

    private int RunEnd(int run) => run + 1 < _sets.RunStarts.Count ? _sets.RunStarts[run + 1] : All.Capacity;

    /// <summary>The index's sets. Changed only while an index is read or brought up to date, never once it is shared.</summary>
    private sealed class Sets
    {
        public Sets(int capacity, int sources)
        {
            All = new(capacity);
            ByStatus = [.. Enum.GetValues<ClaimStatus>().Select(_ => new IdSet(capacity))];
            Orphaned = new(capacity);
            Scored = new(capacity);
            Waiting = new(capacity);
            Assessed = new(capacity);
            ByAssessment = [.. Enum.GetValues<EvidenceAssessment>().Select(_ => new IdSet(capacity))];
            // A run per source, more where a source's claims are not all consecutive.
            RunStarts = new(sources + 16);
            RunSources = new(sources + 16);
        }

        /// <summary>
        /// A copy that shares every set with <paramref name="other"/> until it changes one (<see cref="Writable"/>): an
        /// editor's change touches a few sets of a claim, and copying them all (about 9 MB at a million claims) for
        /// each change let the heap grow by tens of megabytes over a few changes before a full collection.
        /// </summary>
        private Sets(Sets other)
        {
            _shared = new(ReferenceEqualityComparer.Instance);
            All = other.All;
            ByStatus = [.. other.ByStatus];
            Orphaned = other.Orphaned;
            Scored = other.Scored;
            Waiting = other.Waiting;
            Assessed = other.Assessed;
            ByAssessment = [.. other.ByAssessment];
            ByTherapy = new(other.ByTherapy, StringComparer.Ordinal);
            ByKind = new(other.ByKind, StringComparer.Ordinal);
            ByCondition = new(other.ByCondition, StringComparer.Ordinal);
            ByTag = new(other.ByTag); // arrays are replaced, never changed, so they may be shared
            RunStarts = other.RunStarts;
            RunSources = other.RunSources;
            foreach (var set in Every()) _shared.Add(set);
        }

        /// <summary>The sets still shared with the index this one was copied from (null for an index read whole).</summary>
        private readonly HashSet<IdSet>? _shared;

        /// <summary>The copies <see cref="Writable"/> made, by the shared set each replaced.</summary>
        private readonly Dictionary<IdSet, IdSet> _copies = new(ReferenceEqualityComparer.Instance);

        public IdSet All { get; private set; }
        public IdSet[] ByStatus { get; }
        public IdSet Orphaned { get; private set; }
        public IdSet Scored { get; private set; }
        public IdSet Waiting { get; private set; }
        public IdSet Assessed { get; private set; }
        public IdSet[] ByAssessment { get; }
        public Dictionary<string, IdSet> ByTherapy { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, IdSet> ByKind { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, IdSet> ByCondition { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, int[]> ByTag { get; } = [];
        public List<int> RunStarts { get; }
        public List<int> RunSources { get; }

        private IEnumerable<IdSet> Every() =>
            new[] { All, Orphaned, Scored, Waiting, Assessed }.Concat(ByStatus).Concat(ByAssessment)
                .Concat(ByTherapy.Values).Concat(ByKind.Values).Concat(ByCondition.Values);

        /// <summary>
        /// <paramref name="set"/>, or, if it is (or was) shared with the index this one was copied from, its copy, made and
        /// put in its place the first time.
        /// </summary>
        private IdSet Writable(IdSet set)
        {
            if (_copies.TryGetValue(set, out var copied)) return copied;
            if (_shared is null || !_shared.Remove(set)) return set;
            var mine = _copies[set] = set.Copy();
            if (ReferenceEquals(All, set)) All = mine;
            if (ReferenceEquals(Orphaned, set)) Orphaned = mine;
            if (ReferenceEquals(Scored, set)) Scored = mine;
            if (ReferenceEquals(Waiting, set)) Waiting = mine;
            if (ReferenceEquals(Assessed, set)) Assessed = mine;
            Replace(ByStatus, set, mine);
            Replace(ByAssessment, set, mine);
            foreach (var sets in new[] { ByTherapy, ByKind, ByCondition })
            {
                foreach (var key in sets.Where(s => ReferenceEquals(s.Value, set)).Select(s => s.Key).ToList()) sets[key] = mine;
            }
            return mine;

            static void Replace(IdSet[] sets, IdSet old, IdSet by)
            {
                for (var i = 0; i < sets.Length; i++)
                {
                    if (ReferenceEquals(sets[i], old)) sets[i] = by;
                }
            }
        }

        public Sets Copy() => new(this);

        public IdSet Of(Dictionary<string, IdSet> sets, string key)
        {
            if (!sets.TryGetValue(key, out var set)) sets[key] = set = new IdSet(All.Capacity);
            return set;
        }

        /// <summary>The source of the run holding <paramref name="claimId"/>, or null before the first run.</summary>
        public int? SourceAt(int claimId)
        {
            var run = RunStarts.BinarySearch(claimId);
            if (run < 0) run = ~run - 1;
            return run < 0 ? null : RunSources[run];
        }

        /// <summary>
        /// Reads <paramref name="claimIds"/> (existing claims, or deleted ones) again and sets their bits anew. False when
        /// one of them is not in its source's run of ids (a claim that moved to another source): the index must be read whole.
        /// </summary>
        public async Task<bool> RereadAsync(KnowledgeBaseDbContext db, List<int> claimIds, CancellationToken ct)
        {
            var rows = await db.Claims.AsNoTracking().Where(c => claimIds.Contains(c.Id))
                .Select(c => new { c.Id, c.SourceId, c.Status, c.IsOrphaned, Scored = c.Confidence != null })
                .ToDictionaryAsync(c => c.Id, ct);
            if (rows.Values.Any(r => SourceAt(r.Id) != r.SourceId)) return false;
            var links = (await db.EvidenceLinks.AsNoTracking().Where(l => claimIds.Contains(l.ClaimId))
                .Select(l => new { l.ClaimId, l.Assessment }).ToListAsync(ct)).ToLookup(l => l.ClaimId, l => l.Assessment);
            var slugs = await db.TherapyTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Slug, ct);
            var found = new List<Reliance>();
            foreach (var query in RelianceOf(db, db.EvidenceLinks.Where(l => claimIds.Contains(l.ClaimId)))) found.AddRange(await query.ToListAsync(ct));
            var reliance = found.Where(r => slugs.ContainsKey(r.TypeId)).ToLookup(r => r.ClaimId, r => slugs[r.TypeId]);
            var taggings = (await db.Set<Dictionary<string, object>>("ClaimTags")
                .Select(t => new { Claim = EF.Property<int>(t, "ClaimsId"), Tag = EF.Property<int>(t, "TagsId") })
                .Where(t => claimIds.Contains(t.Claim))
                .ToListAsync(ct)).ToLookup(t => t.Claim, t => t.Tag);

            foreach (var id in claimIds)
            {
                // The source's classification stays with a claim that still exists (a claim never changes source here).
                var kinds = ByKind.Where(k => k.Value.Contains(id)).Select(k => k.Key).ToList();
                var conditions = ByCondition.Where(k => k.Value.Contains(id)).Select(k => k.Key).ToList();
                Clear(id);
                if (!rows.TryGetValue(id, out var row)) continue;
                Writable(All).Add(id);
                Writable(ByStatus[(int)row.Status]).Add(id);
                if (row.IsOrphaned) Writable(Orphaned).Add(id);
                if (row.Scored) Writable(Scored).Add(id);
                foreach (var kind in kinds) Writable(ByKind[kind]).Add(id);
                foreach (var condition in conditions) Writable(ByCondition[condition]).Add(id);
                var assessments = links[id].ToList();
                foreach (var assessment in assessments.OfType<EvidenceAssessment>())
                {
                    Writable(Assessed).Add(id);
                    Writable(ByAssessment[(int)assessment]).Add(id);
                }
                if (row.Status != ClaimStatus.Rejected && !row.IsOrphaned && (assessments.Count == 0 || assessments.Contains(null))) Writable(Waiting).Add(id);
                foreach (var slug in reliance[id]) Writable(Of(ByTherapy, slug)).Add(id);
                foreach (var tag in taggings[id])
                {
                    var claims = ByTag.GetValueOrDefault(tag) ?? [];
                    var at = Array.BinarySearch(claims, id);
                    if (at < 0) ByTag[tag] = [.. claims[..~at], id, .. claims[~at..]];
                }
            }
            return true;
        }

        private void Clear(int id)
        {
            foreach (var set in Every().Where(s => s.Contains(id)).ToList()) Writable(set).Remove(id);
            foreach (var (tag, claims) in ByTag.Where(t => Array.BinarySearch(t.Value, id) >= 0).ToList())
                ByTag[tag] = [.. claims.Where(c => c != id)];
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
