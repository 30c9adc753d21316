using KnowledgeBase.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Admin;

/// <summary>
/// Everything that happened to a claim (its text and status, its evidence links, its tags),
/// newest first. Used on the claim page as <c>@await Component.InvokeAsync("ClaimHistory", new { claimId })</c>.
/// </summary>
public sealed class ClaimHistoryViewComponent(KnowledgeBaseDbContext db) : ViewComponent
{
    /// <summary>A claim's page shows this many changes; older ones are counted, not listed.</summary>
    public const int Shown = 100;

    public async Task<IViewComponentResult> InvokeAsync(int claimId)
    {
        var ct = HttpContext.RequestAborted;
        var records = db.ChangeRecords.AsNoTracking().Where(r => r.ClaimId == claimId);
        var total = await records.CountAsync(ct);
        var rows = await records.NewestFirst()
            .Take(Shown)
            .Select(r => new HistoryRow(r.Id, r.At, r.Actor, r.EntityType, r.EntityId, r.Action, r.ClaimId, r.Changes))
            .ToListAsync(ct);

        // Readers are anonymous and the page is public: editors' e-mail addresses are shown to
        // signed-in users only, in the actor column (see the view) and in recorded "CreatedBy" values.
        var showActors = UserClaimsPrincipal.Identity?.IsAuthenticated == true;
        if (!showActors)
        {
            rows = rows.Select(r => r with
            {
                Changes = r.Changes.Select(c => c.Field == nameof(KnowledgeBase.Domain.Claim.CreatedBy)
                    ? c with { Before = MaskAddress(c.Before), After = MaskAddress(c.After) }
                    : c).ToList(),
            }).ToList();
        }
        return View(new ClaimHistoryViewModel(claimId, rows, total, showActors));
    }

    private string? MaskAddress(string? actor) => actor is null ? null : Shared.PublicActor.Show(actor, UserClaimsPrincipal);
}
