using System.Globalization;
using KnowledgeBase.Data;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Tags;

/// <summary>
/// Editors tag claims, one at a time from the claim page or many at once from the claims list.
/// Every action here is a POST, so the editor requirement comes from the unsafe-methods convention.
/// </summary>
[Route("claims")]
public sealed class TagsController(KnowledgeBaseDbContext db, TimeProvider clock) : Controller
{
    private readonly TagVocabulary _vocabulary = new(db, clock);

    [HttpPost("{id:int}/tags")]
    public async Task<IActionResult> Add(int id, TagClaimForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await db.Claims.AnyAsync(c => c.Id == id, ct)) return NotFound();
        var name = TagQueries.CleanName(form.Name);
        if (TagQueries.CheckName(name) is { } problem) return BackToClaim(id, error: problem, attemptedName: form.Name);

        var result = await _vocabulary.TagClaimsAsync([id], name, ct);
        return BackToClaim(id, status: result switch
        {
            { CreatedTag: true } => $"Created the free tag “{result.TagName}” and added it to this claim.",
            { NewlyTagged: 0 } => $"This claim already has the tag “{result.TagName}”.",
            _ => $"Added the tag “{result.TagName}”.",
        });
    }

    [HttpPost("{id:int}/tags/{tagId:int}/remove")]
    public async Task<IActionResult> Remove(int id, int tagId, CancellationToken ct)
    {
        if (!await db.Claims.AnyAsync(c => c.Id == id, ct)) return NotFound();
        var (removed, name) = await _vocabulary.UntagAsync(id, tagId, ct);
        return BackToClaim(id, status: removed ? $"Removed the tag “{name}”." : "That tag was not on this claim (any more).");
    }

    [HttpPost("bulk-tag")]
    public async Task<IActionResult> BulkTag(BulkTagForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var back = LocalRedirects.Target(Url, form.ReturnUrl, "/claims");
        var ids = form.ClaimIds.Where(i => i > 0).Distinct().ToList();
        var name = TagQueries.CleanName(form.Name);

        string? error = null;
        if (ids.Count == 0) error = "Tick at least one claim to tag.";
        else if (ids.Count > TagVocabulary.MaxClaimsPerBulkTag) error = $"Tag at most {Display.Number(TagVocabulary.MaxClaimsPerBulkTag)} claims at a time.";
        else if (TagQueries.CheckName(name) is { } problem) error = problem;
        if (error is not null)
        {
            TempData[StatusKeys.Error] = error;
            if (form.Name is not null) TempData[StatusKeys.AttemptedName] = form.Name;
            TempData[StatusKeys.SelectedClaims] = ids.Take(TagVocabulary.MaxClaimsPerBulkTag).ToArray();
            return LocalRedirect(back);
        }

        var result = await _vocabulary.TagClaimsAsync(ids, name, ct);
        if (result.ClaimsFound == 0)
        {
            TempData[StatusKeys.Error] = "None of the ticked claims exists any more; nothing was tagged.";
            return LocalRedirect(back);
        }
        var already = result.ClaimsFound - result.NewlyTagged;
        TempData[StatusKeys.Status] =
            $"Tagged {Display.Count(result.ClaimsFound, "claim")} with “{result.TagName}”"
            + (result.CreatedTag ? " (a new free tag)" : "")
            + (already > 0 ? $"; {Display.Count(already, "claim")} already had it." : ".");
        return LocalRedirect(back);
    }

    private LocalRedirectResult BackToClaim(int id, string? status = null, string? error = null, string? attemptedName = null)
    {
        TempData[StatusKeys.TagsClaimId] = id;
        if (status is not null) TempData[StatusKeys.TagsStatus] = status;
        if (error is not null) TempData[StatusKeys.TagsError] = error;
        if (attemptedName is not null) TempData[StatusKeys.TagsAttemptedName] = attemptedName;
        return LocalRedirect(string.Create(CultureInfo.InvariantCulture, $"/claims/{id}#tags"));
    }
}
