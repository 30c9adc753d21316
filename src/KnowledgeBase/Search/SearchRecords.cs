using System.Globalization;
using KnowledgeBase.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Search;

/// <summary>A record's plain title and the line that places it (its source, journal and year, registry id and status).</summary>
public sealed record SearchRecordInfo(string Title, string? Context, string Summary);

/// <summary>
/// The provider-neutral half of search, in LINQ: exact identifier lookups (each an indexed column
/// comparison) and the titles and context lines of a page's hits. Every engine shares it.
/// </summary>
public static class SearchRecords
{
    /// <summary>The records whose identifier column equals one of the query's identifiers, in the query's order.</summary>
    public static async Task<IReadOnlyList<SearchHit>> FindByIdentifiersAsync(
        KnowledgeBaseDbContext db, IReadOnlyList<SearchIdentifier> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(identifiers);
        var hits = new List<SearchHit>();
        foreach (var id in identifiers)
        {
            if (id.Kind == IdentifierKind.Nct)
            {
                var trialIds = await db.Trials.AsNoTracking().Where(t => t.NctId == id.Value).Select(t => t.Id).ToListAsync(cancellationToken);
                hits.AddRange(await HitsAsync(db, SearchKind.Trial, trialIds, id, cancellationToken));
                continue;
            }
            var studies = db.Studies.AsNoTracking();
            studies = id.Kind switch
            {
                IdentifierKind.Pmid => studies.Where(s => s.Pmid == id.Value),
                IdentifierKind.Doi => studies.Where(s => s.Doi == id.Value),
                _ => studies.Where(s => s.Pmcid == id.Value),
            };
            var studyIds = await studies.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
            hits.AddRange(await HitsAsync(db, SearchKind.Study, studyIds, id, cancellationToken));
        }
        return hits.DistinctBy(h => (h.Kind, h.Id)).ToList();
    }

    private static async Task<IEnumerable<SearchHit>> HitsAsync(
        KnowledgeBaseDbContext db, SearchKind kind, IReadOnlyList<int> ids, SearchIdentifier identifier, CancellationToken cancellationToken)
    {
        var info = await DescribeAsync(db, kind, ids, cancellationToken);
        return ids.Where(info.ContainsKey)
            .Select(id => new SearchHit(kind, id, info[id].Title, info[id].Summary, info[id].Context, identifier.Display));
    }

    /// <summary>Title, context line and a short summary of each record in <paramref name="ids"/> (missing ids are left out).</summary>
    public static async Task<IReadOnlyDictionary<int, SearchRecordInfo>> DescribeAsync(
        KnowledgeBaseDbContext db, SearchKind kind, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) return new Dictionary<int, SearchRecordInfo>();
        switch (kind)
        {
            case SearchKind.Claim:
                return await db.Claims.AsNoTracking().Where(c => ids.Contains(c.Id))
                    .Select(c => new { c.Id, c.Quote, SourceTitle = c.Source!.Title })
                    .ToDictionaryAsync(c => c.Id, c => new SearchRecordInfo(c.Quote, "Claim in “" + c.SourceTitle + "”", ""), cancellationToken);
            case SearchKind.Source:
                return await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id))
                    .Select(s => new { s.Id, s.Title, s.Publisher })
                    .ToDictionaryAsync(s => s.Id, s => new SearchRecordInfo(s.Title, Join("Source", s.Publisher), ""), cancellationToken);
            case SearchKind.Study:
                return await db.Studies.AsNoTracking().Where(s => ids.Contains(s.Id))
                    .Select(s => new { s.Id, s.Title, s.Authors, s.Journal, s.Year, s.Doi, s.Pmid })
                    .ToDictionaryAsync(
                        s => s.Id,
                        s => new SearchRecordInfo(
                            s.Title,
                            Join("Study", s.Journal, s.Year?.ToString(CultureInfo.InvariantCulture)),
                            Join(null, s.Authors, s.Pmid is null ? null : "PMID " + s.Pmid, s.Doi is null ? null : "doi:" + s.Doi) ?? ""),
                        cancellationToken);
            case SearchKind.Trial:
                return await db.Trials.AsNoTracking().Where(t => ids.Contains(t.Id))
                    .Select(t => new { t.Id, t.NctId, t.Title, t.PhaseText, t.Status, t.Sponsor, t.Intervention })
                    .ToDictionaryAsync(
                        t => t.Id,
                        t => new SearchRecordInfo(
                            t.Title ?? t.NctId,
                            Join("Trial " + t.NctId, t.PhaseText, t.Status),
                            Join(null, t.Sponsor, t.Intervention) ?? ""),
                        cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of record.");
        }
    }

    private static string? Join(string? head, params string?[] parts)
    {
        var all = parts.Prepend(head).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        return all.Count == 0 ? null : string.Join(" · ", all);
    }
}
