using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Linking;
using KnowledgeBase.Search;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>
/// Claims from other sources that say the same thing as a claim, with the evidence editors recorded for them.
/// Bounded work at any size: two full-text queries on the claims index (each stops at the index's count cap; ids
/// only, no counts of the other kinds and no snippets),
/// then a word-overlap comparison of at most <see cref="Candidates"/> quotes, at most <see cref="Shown"/> shown.
/// </summary>
public sealed class SimilarClaims(KnowledgeBaseDbContext db, ISearchEngine search)
{
    /// <summary>Claims the full-text index is asked for, per query.</summary>
    public const int Candidates = 40;

    /// <summary>Similar claims shown on a claim's page.</summary>
    public const int Shown = 5;

    /// <summary>Words of the claim the index is asked for (see <see cref="ClaimSimilarity.QueryWords"/>).</summary>
    public const int QueryWords = 8;

    /// <summary>How many of the longest words must all appear for the precise first query.</summary>
    public const int AllOfWords = 4;

    public async Task<IReadOnlyList<SimilarClaimRow>> FindAsync(int claimId, int sourceId, string quote, CancellationToken ct)
    {
        var words = ClaimSimilarity.QueryWords(quote, QueryWords);
        if (words.Count == 0) return [];

        // First every one of the most telling words (precise), then any of them (finds rewordings); both bounded.
        var ids = new List<int>();
        foreach (var text in new[] { string.Join(' ', words.Take(AllOfWords)), string.Join(" OR ", words) })
        {
            foreach (var id in await search.RankedIdsAsync(SearchQueryParser.Parse(text), SearchKind.Claim, Candidates, ct))
                if (id != claimId && !ids.Contains(id)) ids.Add(id);
        }
        if (ids.Count == 0) return [];

        var candidates = await db.Claims.AsNoTracking()
            .Where(c => ids.Contains(c.Id) && c.SourceId != sourceId && c.Status != ClaimStatus.Rejected)
            .Select(c => new { c.Id, c.Quote, c.SourceId, SourceTitle = c.Source!.Title })
            .ToListAsync(ct);
        var mine = ClaimSimilarity.Words(quote);
        var similar = candidates
            .Select(c => (Claim: c, Overlap: ClaimSimilarity.Overlap(mine, ClaimSimilarity.Words(c.Quote))))
            .Where(c => c.Overlap >= ClaimSimilarity.SameClaim)
            .OrderByDescending(c => c.Overlap)
            .ThenBy(c => c.Claim.Id)
            .Take(Shown)
            .ToList();
        if (similar.Count == 0) return [];

        var similarIds = similar.Select(s => s.Claim.Id).ToList();
        var links = (await db.EvidenceLinks.AsNoTracking()
                .Where(l => similarIds.Contains(l.ClaimId) && (l.StudyId != null || l.TrialId != null))
                .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
                .Select(l => new
                {
                    l.Id, l.ClaimId, l.StudyId, l.TrialId, l.Relation, l.Assessment, l.CreatedBy,
                    StudyLabel = l.Study != null ? (l.Study.ShortLabel ?? l.Study.Title) : null,
                    TrialNctId = l.Trial != null ? l.Trial.NctId : null,
                })
                .ToListAsync(ct))
            .ToLookup(l => l.ClaimId);

        return similar.Select(s => new SimilarClaimRow(
                s.Claim.Id,
                s.Claim.Quote,
                s.Claim.SourceId,
                s.Claim.SourceTitle,
                s.Overlap,
                [.. links[s.Claim.Id].Select(l => new ReusableLink(
                    l.Id,
                    EvidenceTarget.Of(l.StudyId, l.TrialId),
                    l.StudyLabel is { } label ? Display.LabelHead(label) : "Trial " + l.TrialNctId,
                    l.StudyId is { } study ? $"/studies/{study}" : $"/trials/{l.TrialId}",
                    l.Relation,
                    l.Assessment,
                    l.CreatedBy))]))
            .ToList();
    }

    /// <summary>"assessed 3 times: overstated twice, unsupported once", or "not assessed yet".</summary>
    public static string AssessmentSummary(IEnumerable<EvidenceAssessment?> assessments)
    {
        var assessed = assessments.OfType<EvidenceAssessment>().ToList();
        if (assessed.Count == 0) return "not assessed yet";
        var parts = assessed
            .GroupBy(a => a)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key)
            .Select(g => Display.Label(g.Key).ToLowerInvariant() + " " + Times(g.Count()));
        return $"assessed {Times(assessed.Count)}: {string.Join(", ", parts)}";
    }

    private static string Times(int n) => n switch
    {
        1 => "once",
        2 => "twice",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " times",
    };
}

public sealed record SimilarClaimRow(int Id, string Quote, int SourceId, string SourceTitle, double Overlap, IReadOnlyList<ReusableLink> Links)
{
    public string Summary => SimilarClaims.AssessmentSummary(Links.Select(l => l.Assessment));
}

/// <summary>Evidence an editor recorded for a similar claim, which can be recorded for this claim in one click.</summary>
public sealed record ReusableLink(int Id, string Target, string Label, string Href, EvidenceRelation Relation, EvidenceAssessment? Assessment, string CreatedBy);
