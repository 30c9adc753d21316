using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Primitives;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Sources;

/// <summary>
/// The article page (/sources/{id}): the source with its claims highlighted, a page at a time for a long one
/// (<see cref="SourcePages"/>). Only the page's text is read from the database for a long source, and only the
/// claims of that page (with those that cannot be placed, listed on every page).
/// </summary>
public sealed class SourceDetailsQuery(KnowledgeBaseDbContext db, SourcePageMaps pageMaps)
{
    /// <summary>Texts longer than this (characters) are not re-parsed for the page's list of removed boilerplate.</summary>
    public const int StrippedMaxChars = 1_000_000;

    private sealed record Header(
        int Id, string Title, TitleOrigin TitleOrigin, string? Publisher, string? Url, string FileName, int PartIndex,
        DateTime ImportedAt, DateTime? UpdatedAt, string ContentHash, int CleanedLength, int OriginalLength, int Version,
        bool ClassificationCorrected, List<string> Kinds, List<string> Conditions);

    /// <summary>
    /// The page <paramref name="page"/> (1-based), or the page holding <paramref name="claim"/>, or the first;
    /// null when there is no such source or no such page.
    /// </summary>
    public async Task<SourceDetailsViewModel?> PageAsync(int id, int? page, int? claim, CancellationToken ct)
    {
        var source = await db.Sources.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new Header(
                s.Id, s.Title, s.TitleOrigin, s.Publisher, s.Url, s.FileName, s.PartIndex,
                s.ImportedAt, s.UpdatedAt, s.ContentHash, s.CleanedText.Length, s.OriginalText.Length, s.Version, s.ClassificationCorrected,
                s.TherapyKinds.Select(k => k.Slug).ToList(),
                s.Conditions.Select(c => c.Slug).ToList()))
            .SingleOrDefaultAsync(ct);
        if (source is null) return null;

        var cleanedQuery = db.Sources.AsNoTracking().Where(s => s.Id == id);
        var (map, wholeText) = await PageMapAsync(source, cleanedQuery, ct);
        var pages = map.Pages;
        if (page is { } number && (number < 1 || number > pages.Count)) return null;
        var shown = page is { } n ? pages[n - 1] : await PageOfClaimAsync(id, claim, pages, ct);

        // The claims of the page shown, and those that cannot be placed anywhere (listed on every page).
        var length = map.TextLength;
        var claimCount = await db.Claims.CountAsync(c => c.SourceId == id, ct);
        var claims = await db.Claims.AsNoTracking()
            .Where(c => c.SourceId == id)
            .Where(c => c.IsOrphaned || c.Start < 0 || c.End > length || c.End <= c.Start || (c.Start < shown.End && c.End > shown.Start))
            .OrderBy(c => c.Start).ThenBy(c => c.Id)
            .Select(c => new SourceClaimRow(c.Id, c.Quote, c.Start, c.End, c.Status, c.IsOrphaned, c.Links.Count))
            .ToListAsync(ct);
        var references = await ReferencesAsync(id, ct);

        // What the evidence-list download would hold (SourceEvidenceAsync): a claim's link, or a reference resolved to a record.
        var hasEvidence = references.Any(r => r.StudyId is not null || r.TrialId is not null)
            || await db.EvidenceLinks.AnyAsync(l => l.Claim!.SourceId == id && l.Claim.Status != ClaimStatus.Rejected && (l.StudyId != null || l.TrialId != null), ct);

        // Rejected and orphaned claims are listed, never highlighted: their offsets no longer say anything.
        var spans = claims
            .Where(c => c.Status != ClaimStatus.Rejected && !c.IsOrphaned)
            .Select(c => new HighlightSpan(c.Id, c.Start, c.End, Display.Slug(c.Status)));
        var pageText = await PageTextAsync(map, shown, wholeText, cleanedQuery, ct);
        var text = HighlightedText.BuildPage(pageText, shown.Start, map.TextLength, spans);
        var unplaced = text.Unplaced.Select(s => s.Id).ToHashSet();
        // A claim that starts on an earlier page and reaches into this one is drawn here but listed on its own page.
        var onThisPage = claims.Where(c => !c.IsOrphaned && !unplaced.Contains(c.Id) && c.Start >= shown.Start && (c.Start < shown.End || shown.Start == shown.End)).ToList();
        var (stripped, strippedIsCurrent) = source.OriginalLength <= StrippedMaxChars
            ? StrippedLines(await cleanedQuery.Select(s => s.OriginalText).SingleAsync(ct), wholeText ?? await cleanedQuery.Select(s => s.CleanedText).SingleAsync(ct))
            : ([], false);

        return new SourceDetailsViewModel(
            source.Id, source.Title, source.TitleOrigin, source.Publisher, source.Url, source.FileName, source.PartIndex,
            source.ImportedAt, source.UpdatedAt, source.ContentHash, map.TextLength,
            text,
            onThisPage,
            claims.Where(c => c.IsOrphaned || unplaced.Contains(c.Id)).ToList(),
            references)
        {
            Classification = new SourceClassificationView(
                SourceClassificationFacets.Entries(source.Kinds, SourceTaxonomy.TherapyKinds),
                SourceClassificationFacets.Entries(source.Conditions, SourceTaxonomy.Conditions)),
            ClassificationCorrected = source.ClassificationCorrected,
            Version = source.Version,
            Stripped = stripped,
            StrippedIsCurrent = strippedIsCurrent,
            StrippedSkipped = source.OriginalLength > StrippedMaxChars,
            Page = shown,
            PageCount = pages.Count,
            TotalClaimCount = claimCount,
            HasEvidence = hasEvidence,
        };
    }

    /// <summary>
    /// The text's pages: a short text is read whole and split here (and kept for the page); a long one's map comes from
    /// the shared <see cref="SourcePageMaps"/>. The length is counted by the database, in characters: at most half a page
    /// of them is one page whatever they are.
    /// </summary>
    private async Task<(SourcePageMap Map, string? WholeText)> PageMapAsync(Header source, IQueryable<Source> cleanedQuery, CancellationToken ct)
    {
        if (source.CleanedLength <= SourcePages.PageChars / 2)
        {
            var wholeText = await cleanedQuery.Select(s => s.CleanedText).SingleAsync(ct);
            return (SourcePageMap.Of(wholeText), wholeText);
        }
        var map = await pageMaps.GetAsync(source.Id, source.ContentHash, source.CleanedLength,
            () => cleanedQuery.Select(s => s.CleanedText).SingleAsync(CancellationToken.None));
        return (map, null);
    }

    /// <summary>The page holding the claim when it is this source's, else the first page.</summary>
    private async Task<TextPage> PageOfClaimAsync(int id, int? claim, IReadOnlyList<TextPage> pages, CancellationToken ct) =>
        claim is { } claimId && await db.Claims.AsNoTracking().Where(c => c.Id == claimId && c.SourceId == id).Select(c => (int?)c.Start).SingleOrDefaultAsync(ct) is { } claimStart
            ? SourcePages.PageOf(pages, claimStart)
            : pages[0];

    /// <summary>Only the page's text is read (substring counts characters, hence the map's code-point offsets).</summary>
    private static async Task<string> PageTextAsync(SourcePageMap map, TextPage shown, string? wholeText, IQueryable<Source> cleanedQuery, CancellationToken ct)
    {
        var (from, count) = (map.CodePointStarts[shown.Number - 1], map.CodePointLengths[shown.Number - 1]);
        var pageText = wholeText is not null
            ? wholeText[shown.Start..shown.End]
            : await cleanedQuery.Select(s => s.CleanedText.Substring(from, count)).SingleAsync(ct);
        if (pageText.Length != shown.End - shown.Start)
            pageText = (await cleanedQuery.Select(s => s.CleanedText).SingleAsync(ct))[shown.Start..shown.End]; // a text changed meanwhile, or holds a lone surrogate
        return pageText;
    }

    private Task<List<SourceReferenceRow>> ReferencesAsync(int id, CancellationToken ct) =>
        db.SourceReferences.AsNoTracking()
            .Where(r => r.SourceId == id)
            .OrderBy(r => r.Ordinal)
            .Select(r => new SourceReferenceRow(
                r.Ordinal, r.Label, r.Text, r.Url, r.Pmid, r.Doi, r.NctId,
                r.StudyId, r.Study != null ? r.Study.Title : null,
                r.TrialId, r.Trial != null ? r.Trial.NctId : null))
            .ToListAsync(ct);

    /// <summary>
    /// The boilerplate lines the parser removes from the stored original text, with why. Re-derived (not stored):
    /// when today's rules clean the text differently from the stored cleaned text, the page says so.
    /// </summary>
    private static (IReadOnlyList<StrippedLine> Lines, bool IsCurrent) StrippedLines(string originalText, string cleanedText)
    {
        try
        {
            var articles = ArticleParser.Parse(originalText);
            var same = articles.FirstOrDefault(a => a.CleanedText == cleanedText);
            return same is not null ? (same.Stripped, true) : (articles[0].Stripped, false);
        }
        catch (ImportFormatException)
        {
            return ([], false);
        }
    }
}
