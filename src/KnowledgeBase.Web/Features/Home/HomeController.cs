using KnowledgeBase.Data;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Home;

public sealed class HomeController(KnowledgeBaseDbContext db, ChangeStampedCache shared) : Controller
{
    private const int NewestSourceCount = 5;

    [OutputCache(PolicyName = Infrastructure.PageCaching.Policy)]
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        // Counts over every claim and source (half a second at a million claims): once per change, shared with editors;
        // after a change, the previous figures (marked stale) while they are recounted on a context of their own.
        var (model, stale) = await SharedAsync(shared, db, cancellationToken);
        return View(model with { CountsStale = stale });
    }

    /// <summary>The home page's figures, shared per change stamp (the start-up warm-up asks for them too).</summary>
    internal static Task<Shared<HomeViewModel>> SharedAsync(ChangeStampedCache shared, KnowledgeBaseDbContext db, CancellationToken cancellationToken) =>
        shared.GetAsync("home", db, BuildAsync, cancellationToken);

    private static async Task<HomeViewModel> BuildAsync(KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        var newest = await db.Sources.AsNoTracking()
            .NewestFirst()
            .Take(NewestSourceCount)
            .Select(s => new HomeSourceRow(s.Id, s.Title, s.Publisher, s.ImportedAt, s.Claims.Count))
            .ToListAsync(cancellationToken);

        var therapyTypes = await db.TherapyTypes.AsNoTracking()
            .InDisplayOrder()
            .Select(t => new HomeTherapyRow(t.Slug, t.Name, t.Description, t.Studies.Count, t.Trials.Count))
            .ToListAsync(cancellationToken);

        return new HomeViewModel(
            SourceCount: await db.Sources.CountAsync(cancellationToken),
            ClaimCount: await db.Claims.CountAsync(cancellationToken),
            StudyCount: await db.Studies.CountAsync(cancellationToken),
            TrialCount: await db.Trials.CountAsync(cancellationToken),
            ClaimsAwaitingReview: await db.Claims.AwaitingReview().CountAsync(cancellationToken),
            NewestSources: newest,
            TherapyTypes: therapyTypes);
    }
}
