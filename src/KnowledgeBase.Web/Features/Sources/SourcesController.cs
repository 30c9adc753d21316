using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Web.Infrastructure;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Web.Features.Sources;

[Route("sources")]
public sealed class SourcesController(KnowledgeBaseDbContext db, TimeProvider clock, SourcePageMaps pageMaps) : Controller
{
    /// <summary>
    /// Sources, filterable by the therapy kind they sell (<c>?kind=prp</c>) and the condition they are about
    /// (<c>?condition=autism</c>), both repeatable (any of them); each value's count is taken with the other facet applied.
    /// Sorted (<c>?sort=newest|oldest|title|claims</c>) and paged (<c>?page=2&amp;size=50</c>) like the other lists.
    /// </summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromQuery(Name = SourceClassificationFacets.KindKey)] string[]? kind,
        [FromQuery(Name = SourceClassificationFacets.ConditionKey)] string[]? condition,
        [FromQuery] string? sort,
        [FromQuery] int? size,
        [FromQuery] int page = 1,
        CancellationToken cancellationToken = default)
    {
        var request = SourceListQuery.Parse(kind, condition, sort, size);
        return View(await new SourceListQuery(db).PageAsync(request, page, cancellationToken));
    }

    /// <summary>Texts longer than this (characters) are not re-parsed for the page's list of removed boilerplate.</summary>
    public const int StrippedMaxChars = 1_000_000;

    /// <summary>
    /// The article with its claims highlighted, a page at a time for a long one (<see cref="SourcePages"/>):
    /// <c>?page=7</c>, or <c>?claim=123</c> for the page holding that claim. Only the claims of the page shown
    /// are listed, with the total; the whole text is at <c>/sources/{id}/text</c>.
    /// </summary>
    [HttpGet("{id:int}")]
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    public async Task<IActionResult> Details(int id, [FromQuery] int? page, [FromQuery] int? claim, CancellationToken cancellationToken)
    {
        var source = await db.Sources.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new
            {
                s.Id, s.Title, s.TitleOrigin, s.Publisher, s.Url, s.FileName, s.PartIndex,
                s.ImportedAt, s.UpdatedAt, s.ContentHash, CleanedLength = s.CleanedText.Length, OriginalLength = s.OriginalText.Length, s.Version, s.ClassificationCorrected,
                Kinds = s.TherapyKinds.Select(k => k.Slug).ToList(),
                Conditions = s.Conditions.Select(c => c.Slug).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (source is null) return NotFound();

        // The length is counted by the database, in characters: at most half a page of them is one page whatever they are.
        var cleanedQuery = db.Sources.AsNoTracking().Where(s => s.Id == id);
        SourcePageMap map;
        string? wholeText = null;
        if (source.CleanedLength <= SourcePages.PageChars / 2)
        {
            wholeText = await cleanedQuery.Select(s => s.CleanedText).SingleAsync(cancellationToken);
            map = SourcePageMap.Of(wholeText);
        }
        else
        {
            map = await pageMaps.GetAsync(id, source.ContentHash, source.CleanedLength,
                () => cleanedQuery.Select(s => s.CleanedText).SingleAsync(CancellationToken.None));
        }
        var pages = map.Pages;
        TextPage shown;
        if (page is { } number)
        {
            if (number < 1 || number > pages.Count) return NotFound();
            shown = pages[number - 1];
        }
        else if (claim is { } claimId && await db.Claims.AsNoTracking().Where(c => c.Id == claimId && c.SourceId == id).Select(c => (int?)c.Start).SingleOrDefaultAsync(cancellationToken) is { } claimStart)
        {
            shown = SourcePages.PageOf(pages, claimStart);
        }
        else shown = pages[0];

        // The claims of the page shown, and those that cannot be placed anywhere (listed on every page).
        var length = map.TextLength;
        var claimCount = await db.Claims.CountAsync(c => c.SourceId == id, cancellationToken);
        var claims = await db.Claims.AsNoTracking()
            .Where(c => c.SourceId == id)
            .Where(c => c.IsOrphaned || c.Start < 0 || c.End > length || c.End <= c.Start || (c.Start < shown.End && c.End > shown.Start))
            .OrderBy(c => c.Start).ThenBy(c => c.Id)
            .Select(c => new SourceClaimRow(c.Id, c.Quote, c.Start, c.End, c.Status, c.IsOrphaned, c.Links.Count))
            .ToListAsync(cancellationToken);

        var references = await db.SourceReferences.AsNoTracking()
            .Where(r => r.SourceId == id)
            .OrderBy(r => r.Ordinal)
            .Select(r => new SourceReferenceRow(
                r.Ordinal, r.Label, r.Text, r.Url, r.Pmid, r.Doi, r.NctId,
                r.StudyId, r.Study != null ? r.Study.Title : null,
                r.TrialId, r.Trial != null ? r.Trial.NctId : null))
            .ToListAsync(cancellationToken);

        // What the evidence-list download would hold (SourceEvidenceAsync): a claim's link, or a reference resolved to a record.
        var hasEvidence = references.Any(r => r.StudyId is not null || r.TrialId is not null)
            || await db.EvidenceLinks.AnyAsync(l => l.Claim!.SourceId == id && l.Claim.Status != ClaimStatus.Rejected && (l.StudyId != null || l.TrialId != null), cancellationToken);

        // Rejected and orphaned claims are listed, never highlighted: their offsets no longer say anything.
        var spans = claims
            .Where(c => c.Status != ClaimStatus.Rejected && !c.IsOrphaned)
            .Select(c => new HighlightSpan(c.Id, c.Start, c.End, Display.Slug(c.Status)));
        // Only the page's text is read (substring counts characters, hence the map's code-point offsets).
        var (from, count) = (map.CodePointStarts[shown.Number - 1], map.CodePointLengths[shown.Number - 1]);
        var pageText = wholeText is not null
            ? wholeText[shown.Start..shown.End]
            : await cleanedQuery.Select(s => s.CleanedText.Substring(from, count)).SingleAsync(cancellationToken);
        if (pageText.Length != shown.End - shown.Start)
            pageText = (await cleanedQuery.Select(s => s.CleanedText).SingleAsync(cancellationToken))[shown.Start..shown.End]; // a text changed meanwhile, or holds a lone surrogate
        var text = HighlightedText.BuildPage(pageText, shown.Start, map.TextLength, spans);
        var unplaced = text.Unplaced.Select(s => s.Id).ToHashSet();
        // A claim that starts on an earlier page and reaches into this one is drawn here but listed on its own page.
        var onThisPage = claims.Where(c => !c.IsOrphaned && !unplaced.Contains(c.Id) && c.Start >= shown.Start && (c.Start < shown.End || shown.Start == shown.End)).ToList();
        var (stripped, strippedIsCurrent) = source.OriginalLength <= StrippedMaxChars
            ? StrippedLines(await cleanedQuery.Select(s => s.OriginalText).SingleAsync(cancellationToken), wholeText ?? await cleanedQuery.Select(s => s.CleanedText).SingleAsync(cancellationToken))
            : ([], false);

        return View(new SourceDetailsViewModel(
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
        });
    }

    /// <summary>The whole cleaned text (what claims' offsets count in) as text/plain, written out in chunks.</summary>
    [HttpGet("{id:int}/text")]
    public async Task<IActionResult> Text(int id, CancellationToken cancellationToken)
    {
        var text = await db.Sources.AsNoTracking().Where(s => s.Id == id).Select(s => s.CleanedText).SingleOrDefaultAsync(cancellationToken);
        return text is null ? NotFound() : new TextDownloadResult(text, $"source-{id}-text.txt");
    }

    /// <summary>The original text, as imported, as text/plain.</summary>
    [HttpGet("{id:int}/original/text")]
    public async Task<IActionResult> OriginalText(int id, CancellationToken cancellationToken)
    {
        var text = await db.Sources.AsNoTracking().Where(s => s.Id == id).Select(s => s.OriginalText).SingleOrDefaultAsync(cancellationToken);
        return text is null ? NotFound() : new TextDownloadResult(text, $"source-{id}-original.txt");
    }

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

    /// <summary>An editor corrects the source's therapy kinds and conditions; re-derivation leaves a correction alone.</summary>
    [HttpPost("{id:int}/classification")]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Classify(int id, SourceClassificationForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var source = await db.Sources.Include(s => s.TherapyKinds).Include(s => s.Conditions).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null) return NotFound();

        var unknown = new List<string>();
        var kinds = SourceClassificationFacets.Parse(form.Kind, SourceTaxonomy.TherapyKinds, "therapy kind", unknown);
        var conditions = SourceClassificationFacets.Parse(form.Condition, SourceTaxonomy.Conditions, "condition", unknown);
        if (unknown.Count > 0 || kinds.Count == 0)
        {
            TempData[StatusKeys.Status] = unknown.Count > 0
                ? $"Nothing saved: there is no {string.Join(", no ", unknown)}."
                : "Nothing saved: choose at least one therapy kind (“Other therapy” when none fits).";
            return Redirect($"/sources/{id}#classification");
        }

        var before = (Kinds: Names(source.TherapyKinds.Select(k => k.Slug), SourceTaxonomy.TherapyKinds), Conditions: Names(source.Conditions.Select(c => c.Slug), SourceTaxonomy.Conditions));
        source.Classify(kinds, conditions, Browsing.SourceClassifier.Version);
        source.ClassificationCorrected = true;
        // The source row itself is what carries the version: touch it so that two editors saving at once conflict.
        db.Entry(source).Property(s => s.ClassificationCorrected).IsModified = true;
        db.Entry(source).Property(s => s.Version).OriginalValue = form.Version;
        var after = (Kinds: Names(kinds, SourceTaxonomy.TherapyKinds), Conditions: Names(conditions, SourceTaxonomy.Conditions));
        db.ChangeRecords.Add(new ChangeRecord
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = db.Actor.Name,
            EntityType = nameof(Source),
            EntityId = source.Id,
            Action = "classification corrected",
            Changes = [new FieldChange("Therapy kinds", before.Kinds, after.Kinds), new FieldChange("Conditions", before.Conditions, after.Conditions)],
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData[StatusKeys.Status] = "Nothing saved: another editor changed this source since you opened it. Here is the current classification.";
            return Redirect($"/sources/{id}#classification");
        }
        TempData[StatusKeys.Status] = "Classification saved.";
        return Redirect($"/sources/{id}#classification");
    }

    private static string Names(IEnumerable<string> slugs, IReadOnlyList<TaxonomyEntry> vocabulary)
    {
        var names = SourceClassificationFacets.Entries(slugs, vocabulary).Select(e => e.Name).ToList();
        return names.Count == 0 ? "none" : string.Join("; ", names);
    }

    /// <summary>Characters of the original text shown on its page; the rest is downloaded.</summary>
    public const int OriginalShownChars = 200_000;

    [HttpGet("{id:int}/original")]
    public async Task<IActionResult> Original(int id, CancellationToken cancellationToken)
    {
        // Only the part shown is read (both databases count characters in substring and length).
        var source = await db.Sources.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new { Page = new SourceOriginalViewModel(s.Id, s.Title, s.FileName, s.PartIndex, s.ContentHash, s.OriginalText.Substring(0, OriginalShownChars)), Length = s.OriginalText.Length })
            .SingleOrDefaultAsync(cancellationToken);
        if (source is null) return NotFound();
        return View(source.Length <= OriginalShownChars ? source.Page : source.Page with { FullLength = source.Length });
    }}
