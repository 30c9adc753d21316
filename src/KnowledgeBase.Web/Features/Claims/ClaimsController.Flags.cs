using KnowledgeBase.Domain;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>
/// Editors dismiss a claim-vs-record flag with a note. The flag stays on the page, shown as dismissed with the note;
/// the dismissal is recorded in the history like other edits. Dismissing again replaces the note.
/// </summary>
public sealed partial class ClaimsController
{
    [HttpPost("{id:int}/flags/dismiss")]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> DismissFlag(int id, DismissFlagForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var claim = await db.Claims.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Id, c.Quote }).SingleOrDefaultAsync(ct);
        if (claim is null) return NotFound();
        if (ModelState.IsValid)
        {
            // Only a flag the claim has now can be dismissed: the comparison is recomputed, never trusted from the form.
            var flags = (await recordChecks.ForClaimAsync(claim.Id, claim.Quote, ct)).SelectMany(c => c.Flags);
            if (!flags.Any(f => f.Kind == form.Kind && f.RecordKey == form.Record))
                ModelState.AddModelError(nameof(form.Kind), "This flag is no longer raised on the claim (its evidence or words changed): nothing to dismiss.");
        }
        if (!ModelState.IsValid) return await Refused(id, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.FlagDismissals.SingleOrDefaultAsync(d => d.ClaimId == id && d.FlagKind == form.Kind && d.Record == form.Record, ct);
        if (existing is null)
        {
            db.FlagDismissals.Add(new FlagDismissal
            {
                ClaimId = id,
                FlagKind = form.Kind,
                Record = form.Record,
                Note = form.Note.Trim(),
                DismissedBy = db.Actor.Name,
                DismissedAt = now,
            });
        }
        else
        {
            existing.Note = form.Note.Trim();
            existing.DismissedBy = db.Actor.Name;
            existing.DismissedAt = now;
        }
        if (!await TrySaveAsync(ct)) return await Conflict(id, nameof(Claim), id, now.Ticks, ct);
        return Saved(id, "Flag dismissed; the note is in the history.", "record-checks");
    }
}
