using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Linking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Web.Infrastructure;

namespace KnowledgeBase.Web.Features.Claims;

[Route("claims")]
public sealed partial class ClaimsController(
    KnowledgeBaseDbContext db, EvidenceLookup evidence, SimilarClaims similarClaims, ClaimRecordChecks recordChecks, ChangeStampedCache shared, TimeProvider clock) : Controller
{
    /// <summary>The claim in context, its evidence, suggested evidence with reasons, and (for editors) the forms to change them.</summary>
    [HttpGet("{id:int}")]
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    public async Task<IActionResult> Details(int id, [FromQuery] string? q, [FromQuery] string? target, CancellationToken cancellationToken)
    {
        var chosen = EvidenceTarget.TryParse(target, out var parsed) ? parsed : default;
        // No stored text holds a NUL (PostgreSQL text cannot), and Npgsql refuses one in a parameter.
        q = q?.Replace("\0", "", StringComparison.Ordinal);
        var page = await BuildPageAsync(id, q, chosen, cancellationToken);
        return page is null ? NotFound() : View("Details", page);
    }

    private async Task<ClaimDetailsViewModel?> BuildPageAsync(int id, string? query, EvidenceTarget chosen, CancellationToken ct)
    {
        var claim = await db.Claims.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new ClaimDetailsViewModel(
                c.Id,
                c.Quote,
                c.Prefix,
                c.Suffix,
                c.Start,
                c.End,
                c.Status,
                c.IsOrphaned,
                c.CreatedAt,
                c.UpdatedAt,
                c.SourceId,
                c.Source!.Title,
                c.Links.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
                    .Select(l => new EvidenceLinkRow(
                        l.Id,
                        l.Relation,
                        l.Assessment,
                        l.StudyId,
                        l.Study != null ? l.Study.Title : null,
                        l.Study != null ? l.Study.ShortLabel : null,
                        l.TrialId,
                        l.Trial != null ? l.Trial.NctId : null,
                        l.Trial != null ? l.Trial.Title : null,
                        l.Note,
                        l.CreatedBy,
                        l.CreatedAt,
                        l.UpdatedAt) { Version = l.Version })
                    .ToList())
            {
                Version = c.Version,
                CreatedBy = c.CreatedBy,
                DetectionSignals = c.DetectionSignals,
                Confidence = c.Confidence,
            })
            .SingleOrDefaultAsync(ct);
        if (claim is null) return null;

        var source = await db.Sources.AsNoTracking().Include(s => s.References).SingleAsync(s => s.Id == claim.SourceId, ct);
        var articleLinks = await db.EvidenceLinks.AsNoTracking()
            .Where(l => l.Claim!.SourceId == claim.SourceId && l.ClaimId != claim.Id)
            .Select(l => new { l.StudyId, l.TrialId })
            .ToListAsync(ct);
        var context = ClaimContexts.For(source.CleanedText, claim.Start, claim.End, claim.Quote, source.References) with
        {
            LinkedStudyIds = articleLinks.Select(l => l.StudyId).OfType<int>().Distinct().ToList(),
            LinkedTrialIds = articleLinks.Select(l => l.TrialId).OfType<int>().Distinct().ToList(),
        };
        var linked = claim.Links.Select(l => EvidenceTarget.Of(l.StudyId, l.TrialId)).ToHashSet(StringComparer.Ordinal);
        var ranked = await evidence.SuggestAsync(context, SuggestionsPerClaim, ct);
        var best = ranked.Count > 0 ? ranked[0].Score : 0;
        var suggestions = ranked
            .Select(s =>
            {
                var option = EvidenceLookup.OptionFor(s.Candidate);
                return new SuggestionRow(option, s.Score, [.. s.Reasons.Select(r => Evidence.SuggestionDisplay.Reason(r.Text))], linked.Contains(option.Target))
                {
                    Weak = Evidence.SuggestionDisplay.IsWeak(s, best),
                    NamedBy = Evidence.SuggestionDisplay.NamingReason(s),
                };
            })
            .ToList();
        // No silent default: the relation is pre-selected only when the chosen record is a suggestion the claim
        // itself names (author, journal, identifier, product, title), and the form says so.
        var chosenTarget = EvidenceTarget.Of(chosen.StudyId, chosen.TrialId);
        var namedBy = chosen.IsNone ? null : suggestions.Find(s => s.Option.Target == chosenTarget)?.NamedBy;

        var loadedAt = clock.GetUtcNow().UtcTicks;
        return claim with
        {
            Suggestions = suggestions,
            Query = query,
            SearchResults = string.IsNullOrWhiteSpace(query) ? [] : await evidence.SearchAsync(query, ct),
            NewLinkTarget = await evidence.OptionAsync(chosen, ct),
            SimilarClaims = await similarClaims.FindAsync(claim.Id, claim.SourceId, claim.Quote, ct),
            RecordChecks = RecordCheckView.For(
                await recordChecks.ForClaimAsync(claim.Id, claim.Quote, ct),
                await db.FlagDismissals.AsNoTracking().Where(d => d.ClaimId == claim.Id)
                    .Select(d => new FlagDismissalView(d.Id, d.FlagKind, d.Record, d.Note, d.DismissedBy, d.DismissedAt))
                    .ToListAsync(ct)),
            RelationPreselectedBecause = namedBy is null ? null : Evidence.SuggestionDisplay.Reason(namedBy),
            NewLink = new EvidenceLinkForm
            {
                Target = EvidenceTarget.Of(chosen.StudyId, chosen.TrialId),
                Relation = namedBy is null ? null : EvidenceRelation.CitesExplicitly,
                Version = claim.Version,
                LoadedAt = loadedAt,
            },
            SpanForm = new ClaimSpanForm { Quote = claim.Quote, Version = claim.Version, LoadedAt = loadedAt },
        };
    }
}
