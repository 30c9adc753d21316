using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Sources;

[Route("sources")]
public sealed class SourcesController(KnowledgeBaseDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var rows = await db.Sources.AsNoTracking()
            .NewestFirst()
            .Select(s => new SourceRow(
                s.Id,
                s.Title,
                s.TitleOrigin,
                s.Publisher,
                s.FileName,
                s.PartIndex,
                s.ImportedAt,
                s.Claims.Count,
                s.Claims.Count(c => c.Status == ClaimStatus.Candidate),
                s.Claims.Count(c => c.Status == ClaimStatus.Confirmed)))
            .ToListAsync(cancellationToken);
        return View(new SourceListViewModel(rows));
    }

    [HttpGet("{id:int}")]
    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var source = await db.Sources.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new
            {
                s.Id, s.Title, s.TitleOrigin, s.Publisher, s.Url, s.FileName, s.PartIndex,
                s.ImportedAt, s.UpdatedAt, s.ContentHash, s.CleanedText,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (source is null) return NotFound();

        var claims = await db.Claims.AsNoTracking()
            .Where(c => c.SourceId == id)
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

        // Rejected and orphaned claims are listed, never highlighted: their offsets no longer say anything.
        var spans = claims
            .Where(c => c.Status != ClaimStatus.Rejected && !c.IsOrphaned)
            .Select(c => new HighlightSpan(c.Id, c.Start, c.End, Display.Slug(c.Status)));
        var text = HighlightedText.Build(source.CleanedText, spans);
        var unplaced = text.Unplaced.Select(s => s.Id).ToHashSet();

        return View(new SourceDetailsViewModel(
            source.Id, source.Title, source.TitleOrigin, source.Publisher, source.Url, source.FileName, source.PartIndex,
            source.ImportedAt, source.UpdatedAt, source.ContentHash, source.CleanedText.Length,
            text,
            claims.Where(c => !c.IsOrphaned && !unplaced.Contains(c.Id)).ToList(),
            claims.Where(c => c.IsOrphaned || unplaced.Contains(c.Id)).ToList(),
            references));
    }

    [HttpGet("{id:int}/original")]
    public async Task<IActionResult> Original(int id, CancellationToken cancellationToken)
    {
        var source = await db.Sources.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new SourceOriginalViewModel(s.Id, s.Title, s.FileName, s.PartIndex, s.ContentHash, s.OriginalText))
            .SingleOrDefaultAsync(cancellationToken);
        return source is null ? NotFound() : View(source);
    }
}
