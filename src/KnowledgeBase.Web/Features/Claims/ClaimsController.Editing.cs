using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Linking;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>
/// Editors' changes to a claim and its evidence links. Every form carries the version it was
/// rendered from: a save based on a stale version is refused with what changed meanwhile, and
/// the editor's input is shown again, ready to re-apply.
/// </summary>
public sealed partial class ClaimsController
{
    [HttpPost("{id:int}/status")]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> SetStatus(int id, ClaimStatusForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null) return NotFound();
        if (!ModelState.IsValid) return await Refused(id, ct);

        claim.Status = form.Status!.Value;
        return await SaveClaimAsync(claim, form, $"Claim marked {claim.Status.ToString().ToLowerInvariant()}.", ct);
    }

    /// <summary>Moves the claim to other words of its source (the nearest occurrence of the new quote).</summary>
    [HttpPost("{id:int}/span")]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> EditSpan(int id, ClaimSpanForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var claim = await db.Claims.Include(c => c.Source).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null) return NotFound();
        var text = claim.Source!.CleanedText;
        var span = ModelState.IsValid ? QuoteLocator.FindNearest(text, form.Quote, claim.Start) : null;
        if (ModelState.IsValid && span is null)
            ModelState.AddModelError(nameof(form.Quote), "These words are not in the article's text. Copy them from the article (small differences in spaces and quote marks are fine).");
        if (!ModelState.IsValid) return await Refused(id, ct, spanForm: form);

        claim.MoveTo(text, span!.Value.Start, span.Value.End);
        return await SaveClaimAsync(claim, form, "The claim's words were changed.", ct, spanForm: form);
    }

    [HttpPost("{id:int}/links")]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> AddLink(int id, EvidenceLinkForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null) return NotFound();
        var target = await ValidateLinkAsync(form, ct);
        if (!ModelState.IsValid) return await Refused(id, ct, newLink: form);

        claim.AddLink(target, form.Relation!.Value, form.Assessment, form.Note, db.Actor.Name, clock.GetUtcNow().UtcDateTime);
        // Adding evidence is a change to the claim too: a concurrent edit of the claim is noticed.
        return await SaveClaimAsync(claim, form, "Evidence recorded.", ct, newLink: form);
    }

    [HttpPost("{id:int}/links/{linkId:int}")]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> EditLink(int id, int linkId, EvidenceLinkForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var link = await db.EvidenceLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.ClaimId == id, ct);
        if (link is null) return NotFound();
        var target = await ValidateLinkAsync(form, ct);
        if (!ModelState.IsValid) return await Refused(id, ct, linkEdit: (linkId, form));

        link.Update(target, form.Relation!.Value, form.Assessment, form.Note, clock.GetUtcNow().UtcDateTime);
        db.Entry(link).Property(l => l.Version).OriginalValue = form.Version;
        if (await TrySaveAsync(ct)) return Saved(id, "Evidence updated.", $"link-{linkId}");
        return await Conflict(id, nameof(EvidenceLink), linkId, form.LoadedAt, ct, linkEdit: (linkId, form));
    }

    [HttpPost("{id:int}/links/{linkId:int}/delete")]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> DeleteLink(int id, int linkId, DeleteLinkForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var link = await db.EvidenceLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.ClaimId == id, ct);
        if (link is null) return NotFound();
        db.Entry(link).Property(l => l.Version).OriginalValue = form.Version;
        db.EvidenceLinks.Remove(link);
        if (await TrySaveAsync(ct)) return Saved(id, "Evidence link removed.", "evidence");
        return await Conflict(id, nameof(EvidenceLink), linkId, form.LoadedAt, ct);
    }

    private async Task<EvidenceTarget> ValidateLinkAsync(EvidenceLinkForm form, CancellationToken ct)
    {
        if (!EvidenceTarget.TryParse(form.Target, out var target))
        {
            ModelState.AddModelError(nameof(form.Target), "Choose a study or trial from the suggestions or the search.");
            return default;
        }
        if (form.Relation == EvidenceRelation.NoCitationGiven && !target.IsNone)
            ModelState.AddModelError(nameof(form.Relation), "“No citation given” records that the article cites nothing: leave the study or trial empty, or choose another relation.");
        if (form.Relation is not null and not EvidenceRelation.NoCitationGiven && target.IsNone)
            ModelState.AddModelError(nameof(form.Target), "Choose the study or trial the claim cites or alludes to (or record “No citation given”).");
        if (target.StudyId is { } studyId && !await db.Studies.AnyAsync(s => s.Id == studyId, ct))
            ModelState.AddModelError(nameof(form.Target), "That study no longer exists.");
        if (target.TrialId is { } trialId && !await db.Trials.AnyAsync(t => t.Id == trialId, ct))
            ModelState.AddModelError(nameof(form.Target), "That trial no longer exists.");
        return target;
    }

    private async Task<IActionResult> SaveClaimAsync(Claim claim, ConcurrencyForm form, string message, CancellationToken ct,
        ClaimSpanForm? spanForm = null, EvidenceLinkForm? newLink = null)
    {
        claim.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        db.Entry(claim).Property(c => c.Version).OriginalValue = form.Version;
        if (await TrySaveAsync(ct)) return Saved(claim.Id, message, newLink is null ? "claim" : "evidence");
        return await Conflict(claim.Id, nameof(Claim), claim.Id, form.LoadedAt, ct, spanForm, newLink);
    }

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        catch (Exception ex) when (DatabaseBusy.Is(ex))
        {
            // Still locked after the busy timeout: nothing was written; the page comes back with the input.
            db.ChangeTracker.Clear();
            _databaseWasBusy = true;
            return false;
        }
    }

    /// <summary>The last save failed because another writer held the database, not because of a conflict.</summary>
    private bool _databaseWasBusy;

    private RedirectResult Saved(int id, string message, string fragment)
    {
        TempData[StatusKeys.Status] = message;
        return Redirect($"/claims/{id}#{fragment}");
    }

    /// <summary>409 with the page, the editor's input kept, and the other editor's changes since the page was loaded.</summary>
    private async Task<IActionResult> Conflict(int id, string entityType, int entityId, long loadedAt, CancellationToken ct,
        ClaimSpanForm? spanForm = null, EvidenceLinkForm? newLink = null, (int LinkId, EvidenceLinkForm Form)? linkEdit = null)
    {
        if (_databaseWasBusy)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "5";
            return await Refused(id, ct, spanForm, newLink, linkEdit, new ConflictNotice(DatabaseBusy.Message, [], Busy: true));
        }
        var since = new DateTime(Math.Clamp(loadedAt, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
        var theirs = await db.ChangeRecords.AsNoTracking()
            // For a claim, everything recorded about it counts (its links and tags too); for a link, that link.
            .Where(r => (entityType == nameof(Claim) ? r.ClaimId == entityId : r.EntityType == entityType && r.EntityId == entityId) && r.At >= since)
            .OrderBy(r => r.At)
            .ToListAsync(ct);
        var notice = new ConflictNotice(
            entityType == nameof(Claim)
                ? "Someone else saved this claim after you opened the page, so your change was not saved. Their changes are below; your input is kept in the form: check it and save again to apply it on top."
                : "Someone else changed or removed this evidence link after you opened the page, so your change was not saved. Their changes are below; your input is kept: check it and save again to apply it on top.",
            theirs.SelectMany(r => r.Changes.Select(c => new ConflictChange(r.Actor, r.At, c.Field, c.Before, c.After))).ToList());
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await Refused(id, ct, spanForm, newLink, linkEdit, notice);
    }

    /// <summary>Re-shows the claim page with the editor's input (and errors or a conflict) so nothing typed is lost.</summary>
    private async Task<IActionResult> Refused(int id, CancellationToken ct, ClaimSpanForm? spanForm = null, EvidenceLinkForm? newLink = null,
        (int LinkId, EvidenceLinkForm Form)? linkEdit = null, ConflictNotice? conflict = null)
    {
        if (conflict is null) Response.StatusCode = StatusCodes.Status400BadRequest;
        var chosen = EvidenceTarget.TryParse(newLink?.Target, out var parsed) ? parsed : default;
        var page = await BuildPageAsync(id, null, chosen, ct);
        if (page is null) return NotFound();
        var loadedAt = clock.GetUtcNow().UtcTicks;
        page = page with
        {
            Conflict = conflict,
            SpanForm = spanForm is null ? page.SpanForm : spanForm with { Version = page.Version, LoadedAt = loadedAt },
            NewLink = newLink is null ? page.NewLink : newLink with { Version = page.Version, LoadedAt = loadedAt },
            Links = linkEdit is not { } edit
                ? page.Links
                : page.Links.Select(l => l.Id == edit.LinkId ? l with { PendingEdit = edit.Form with { Version = l.Version, LoadedAt = loadedAt } } : l).ToList(),
        };
        return View("Details", page);
    }
}
