using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Tags;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Admin;

/// <summary>
/// The tag vocabulary: every tag with its kind and use; admins create categories, rename (names
/// stay unique ignoring case), change kind, merge one tag into another and delete unused tags.
/// </summary>
public sealed partial class AdminController
{
    private TagVocabulary Vocabulary => new(db, clock);

    [HttpGet("tags")]
    public async Task<IActionResult> Tags(CancellationToken ct) =>
        View("Tags", new TagListViewModel(await TagRowsAsync(ct), new CreateCategoryForm(), TempData[StatusKeys.Status] as string));

    [HttpPost("tags")]
    public async Task<IActionResult> CreateCategory(CreateCategoryForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (ModelState.IsValid)
        {
            var result = await Vocabulary.CreateCategoryAsync(form.Name, form.Description, ct);
            if (result.Succeeded) return RedirectWithStatus("/admin/tags", result.Message);
            ModelState.AddModelError(nameof(form.Name), result.Message);
        }
        return View("Tags", new TagListViewModel(await TagRowsAsync(ct), form, null));
    }

    [HttpGet("tags/{id:int}")]
    public async Task<IActionResult> TagDetails(int id, CancellationToken ct)
    {
        var model = await TagDetailsAsync(id, form: null, ct);
        return model is null ? NotFound() : View("Tag", model);
    }

    [HttpPost("tags/{id:int}")]
    public async Task<IActionResult> EditTag(int id, EditTagForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid) return await TagPageAsync(id, form, error: null, ct);
        var result = await Vocabulary.EditAsync(id, form.Version, form.Name, form.Kind, form.Description, ct);
        if (result.NotFound) return NotFound();
        if (result.Succeeded) return RedirectWithStatus(Path("/admin/tags/{0}", id), result.Message);
        if (result.CurrentVersion is { } current)
        {
            // Keep what the admin typed, now against the current version: saving again keeps theirs, knowingly.
            ModelState.Remove(nameof(form.Version));
            return await TagPageAsync(id, form with { Version = current }, result.Message, ct);
        }
        ModelState.AddModelError(result.Field == "kind" ? nameof(form.Kind) : nameof(form.Name), result.Message);
        return await TagPageAsync(id, form, error: null, ct);
    }

    [HttpPost("tags/{id:int}/merge")]
    public async Task<IActionResult> MergeTag(int id, MergeTagForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.IntoTagId is not { } into) return await TagPageAsync(id, form: null, "Choose the tag to merge into.", ct);
        var result = await Vocabulary.MergeAsync(id, into, ct);
        if (result.NotFound) return NotFound();
        return result.Succeeded
            ? RedirectWithStatus(Path("/admin/tags/{0}", result.TagId!.Value), result.Message)
            : await TagPageAsync(id, form: null, result.Message, ct);
    }

    [HttpPost("tags/{id:int}/delete")]
    public async Task<IActionResult> DeleteTag(int id, CancellationToken ct)
    {
        var result = await Vocabulary.DeleteAsync(id, ct);
        if (result.NotFound) return NotFound();
        return result.Succeeded
            ? RedirectWithStatus("/admin/tags", result.Message)
            : await TagPageAsync(id, form: null, result.Message, ct);
    }

    private Task<List<TagAdminRow>> TagRowsAsync(CancellationToken ct) =>
        db.Tags.AsNoTracking().InDisplayOrder()
            .Select(t => new TagAdminRow(t.Id, t.Name, t.Kind, t.Description, t.Claims.Count, t.CreatedAt, t.Version))
            .ToListAsync(ct);

    private async Task<TagDetailsViewModel?> TagDetailsAsync(int id, EditTagForm? form, CancellationToken ct)
    {
        var tag = await db.Tags.AsNoTracking()
            .Where(t => t.Id == id)
            .Select(t => new TagAdminRow(t.Id, t.Name, t.Kind, t.Description, t.Claims.Count, t.CreatedAt, t.Version))
            .SingleOrDefaultAsync(ct);
        if (tag is null) return null;
        var targets = await db.Tags.AsNoTracking().Where(t => t.Id != id).InDisplayOrder()
            .Select(t => new TagBadge(t.Id, t.Name, t.Kind, null))
            .ToListAsync(ct);
        form ??= new EditTagForm { Name = tag.Name, Kind = tag.Kind, Description = tag.Description, Version = tag.Version };
        return new TagDetailsViewModel(tag, form, targets, TempData[StatusKeys.Status] as string, null);
    }

    private async Task<IActionResult> TagPageAsync(int id, EditTagForm? form, string? error, CancellationToken ct)
    {
        var model = await TagDetailsAsync(id, form, ct);
        return model is null ? NotFound() : View("Tag", model with { Error = error });
    }
}
