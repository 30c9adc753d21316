using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Linking.TrialComparison;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>
/// A claim held against the records it is linked to (docs/claim-vs-record.md): each linked trial, each trial a linked
/// study reports, and each linked study that reports no trial, compared by <see cref="ClaimRecordComparer"/>.
/// </summary>
public sealed class ClaimRecordChecks(KnowledgeBaseDbContext db)
{
    /// <summary>The comparisons for one claim, in the order its links were made.</summary>
    public async Task<IReadOnlyList<ClaimComparison>> ForClaimAsync(int claimId, string quote, CancellationToken ct)
    {
        var links = await WithRecords(db.EvidenceLinks.AsNoTrackingWithIdentityResolution().Where(l => l.ClaimId == claimId))
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .ToListAsync(ct);
        return Compare(quote, links, await RegistryChangesAsync(links, ct));
    }

    /// <summary>Fields of a trial whose change on a re-import from the registry raises a flag on the claims relying on it.</summary>
    private static readonly string[] WatchedFields = [nameof(Trial.Status), nameof(Trial.Enrollment), nameof(Trial.ResultsPosted)];

    /// <summary>Per trial the links lead to, the status and enrolment changes its history holds, oldest first.</summary>
    public async Task<ILookup<int, RegistryChange>> RegistryChangesAsync(IReadOnlyCollection<EvidenceLink> links, CancellationToken ct)
    {
        var trialIds = links.SelectMany(l => l.Trial is { } t ? [t.Id] : l.Study?.Trials.Select(t => t.Id) ?? []).Distinct().ToList();
        if (trialIds.Count == 0) return Array.Empty<RegistryChange>().ToLookup(_ => 0);
        var records = await db.ChangeRecords.AsNoTracking()
            .Where(r => r.EntityType == nameof(Trial) && r.Action == "updated" && trialIds.Contains(r.EntityId))
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
        return records
            .SelectMany(r => r.Changes.Where(f => WatchedFields.Contains(f.Field)).Select(f => (r.EntityId, Change: new RegistryChange(f.Field, f.Before, f.After, r.At))))
            .ToLookup(x => x.EntityId, x => x.Change);
    }

    /// <summary>The comparisons for many claims at once (the export, the review queue and the list's filter).</summary>
    public async Task<Dictionary<int, IReadOnlyList<ClaimComparison>>> ForClaimsAsync(IReadOnlyCollection<int> claimIds, CancellationToken ct)
    {
        var result = new Dictionary<int, IReadOnlyList<ClaimComparison>>();
        foreach (var chunk in claimIds.Chunk(500))
        {
            var quotes = await db.Claims.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Quote }).ToDictionaryAsync(c => c.Id, c => c.Quote, ct);
            var links = await WithRecords(db.EvidenceLinks.AsNoTrackingWithIdentityResolution().Where(l => chunk.Contains(l.ClaimId) && (l.TrialId != null || l.StudyId != null)))
                .ToListAsync(ct);
            var changes = await RegistryChangesAsync(links, ct);
            foreach (var group in links.GroupBy(l => l.ClaimId))
                result[group.Key] = Compare(quotes[group.Key], group.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id), changes);
        }
        return result;
    }

    /// <summary>
    /// Most claims linked to records whose flags a filter computes (flags are computed on read, decision 0027; about
    /// 2 ms a claim): past this a filter says so instead. Without a filter nothing is computed.
    /// </summary>
    public const int FlagScanLimit = 1_000;

    /// <summary>
    /// The ids of <paramref name="claims"/> linked to a study or trial that have flags not dismissed; null when more
    /// than <see cref="FlagScanLimit"/> of them are linked to records (too many to compute on a request).
    /// </summary>
    public async Task<IReadOnlyCollection<int>?> FlaggedAmongAsync(IQueryable<Claim> claims, CancellationToken ct)
    {
        var linked = await claims.Where(c => c.Links.Any(l => l.TrialId != null || l.StudyId != null))
            .Select(c => c.Id).Take(FlagScanLimit + 1).ToListAsync(ct);
        return linked.Count > FlagScanLimit ? null : [.. (await OpenFlagCountsAsync(linked, ct)).Keys.Order()];
    }

    /// <summary>For each of <paramref name="claimIds"/> with flags, how many are not dismissed (claims without any are left out).</summary>
    public async Task<Dictionary<int, int>> OpenFlagCountsAsync(IReadOnlyCollection<int> claimIds, CancellationToken ct)
    {
        var comparisons = await ForClaimsAsync(claimIds, ct);
        var flagged = comparisons.Where(c => c.Value.Any(r => r.Flags.Count > 0)).Select(c => c.Key).ToList();
        var dismissed = (await db.FlagDismissals.AsNoTracking().Where(d => flagged.Contains(d.ClaimId))
                .Select(d => new { d.ClaimId, d.FlagKind, d.Record }).ToListAsync(ct))
            .Select(d => (d.ClaimId, d.FlagKind, d.Record))
            .ToHashSet();
        var counts = new Dictionary<int, int>();
        foreach (var id in flagged)
        {
            var open = comparisons[id].SelectMany(c => c.Flags).Count(f => !dismissed.Contains((id, f.Kind, f.RecordKey)));
            if (open > 0) counts[id] = open;
        }
        return counts;
    }

    /// <summary>The links' trials and studies with what the comparison reads: the publications reporting each trial.</summary>
    public static IQueryable<EvidenceLink> WithRecords(IQueryable<EvidenceLink> links) => links
        .Include(l => l.Trial!).ThenInclude(t => t.Studies)
        .Include(l => l.Study!).ThenInclude(s => s.Trials).ThenInclude(t => t.Studies)
        .AsSplitQuery();

    /// <summary>
    /// Compares <paramref name="quote"/> with every record the links lead to, each once; a trial carries the registry
    /// changes of <paramref name="changes"/> made after the first link that leads to it.
    /// </summary>
    public static IReadOnlyList<ClaimComparison> Compare(string quote, IEnumerable<EvidenceLink> links, ILookup<int, RegistryChange>? changes = null) =>
        RecordsOf(links, changes).Select(r => ClaimRecordComparer.Compare(quote, r)).ToList();

    public static IReadOnlyList<ComparedRecord> RecordsOf(IEnumerable<EvidenceLink> links, ILookup<int, RegistryChange>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(links);
        var records = new List<ComparedRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(ComparedRecord record, DateTime linked)
        {
            if (!seen.Add(FlagRecords.Key(record.Kind, record.Id))) return;
            if (record.Kind == ComparedRecordKind.Trial && changes is not null)
                record = record with { RegistryChanges = [.. changes[record.Id].Where(c => c.At > linked)] };
            records.Add(record);
        }
        foreach (var link in links)
        {
            if (link.Trial is { } trial) Add(ComparedRecord.From(trial), link.CreatedAt);
            if (link.Study is not { } study) continue;
            if (study.Trials.Count == 0) Add(ComparedRecord.From(study), link.CreatedAt);
            foreach (var reported in study.Trials.OrderBy(t => t.NctId, StringComparer.Ordinal)) Add(ComparedRecord.From(reported), link.CreatedAt);
        }
        return records;
    }
}
