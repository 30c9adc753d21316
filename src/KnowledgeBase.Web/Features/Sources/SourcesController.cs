using KnowledgeBase.Data;
using KnowledgeBase.Domain;
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

    /// <summary>
    /// The article with its claims highlighted, a page at a time for a long one (<see cref="SourcePages"/>):
    /// <c>?page=7</c>, or <c>?claim=123</c> for the page holding that claim. Only the claims of the page shown
    /// are listed, with the total; the whole text is at <c>/sources/{id}/text</c>.
    /// </summary>
    [HttpGet("{id:int}")]
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    public async Task<IActionResult> Details(int id, [FromQuery] int? page, [FromQuery] int? claim, CancellationToken cancellationToken)
    {
        var details = await new SourceDetailsQuery(db, pageMaps).PageAsync(id, page, claim, cancellationToken);
        return details is null ? NotFound() : View(details);
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

    /// <summary>An editor corrects the source's therapy kinds and conditions; re-derivation leaves a correction alone.</summary>
    [HttpPost("{id:int}/classification")]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Classify(int id, SourceClassificationForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var message = await new SourceClassificationCorrection(db, clock).SaveAsync(id, form, cancellationToken);
        if (message is null) return NotFound();
        TempData[StatusKeys.Status] = message;
        return Redirect($"/sources/{id}#classification");
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
