using KnowledgeBase.Data;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Tags;

/// <summary>
/// A claim's tags as badges; editors also get a remove button per tag and a form to add one.
/// Used on the claim page as <c>@await Component.InvokeAsync("ClaimTags", new { claimId })</c>.
/// </summary>
public sealed class ClaimTagsViewComponent(KnowledgeBaseDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int claimId)
    {
        var ct = HttpContext.RequestAborted;
        var tags = await db.Tags.AsNoTracking()
            .Where(t => t.Claims.Any(c => c.Id == claimId))
            .InDisplayOrder()
            .Select(t => new TagBadge(t.Id, t.Name, t.Kind, t.Description))
            .ToListAsync(ct);
        var canEdit = UserClaimsPrincipal.IsEditor();
        IReadOnlyList<string> known = canEdit
            ? await db.Tags.AsNoTracking().InDisplayOrder().Select(t => t.Name).ToListAsync(ct)
            : [];

        // The outcome of the editor's last add/remove, if it was about this claim.
        string? status = null, error = null, attempted = null;
        if (TempData.Peek(StatusKeys.TagsClaimId) is int messageClaimId && messageClaimId == claimId)
        {
            TempData.Remove(StatusKeys.TagsClaimId);
            status = TempData[StatusKeys.TagsStatus] as string;
            error = TempData[StatusKeys.TagsError] as string;
            attempted = TempData[StatusKeys.TagsAttemptedName] as string;
        }

        return View(new ClaimTagsViewModel(claimId, tags, canEdit, known, status, error, attempted));
    }
}
