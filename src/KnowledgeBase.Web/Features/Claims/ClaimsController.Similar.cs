using KnowledgeBase.Domain;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>Reusing the evidence recorded for a similar claim: a new link by this editor, recorded in the history like any other.</summary>
public sealed partial class ClaimsController
{
    [HttpPost("{id:int}/links/reuse")]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> ReuseLink(int id, ReuseLinkForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var claim = await db.Claims.Include(c => c.Links).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null) return NotFound();
        var original = await db.EvidenceLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == form.LinkId, ct);
        if (original is null || (original.StudyId is null && original.TrialId is null))
            ModelState.AddModelError(nameof(form.LinkId), "That evidence is no longer recorded for the similar claim; reload the page.");
        else if (original.ClaimId == id)
            ModelState.AddModelError(nameof(form.LinkId), "That evidence is already this claim's own.");
        else if (claim.Links.Exists(l => l.StudyId == original.StudyId && l.TrialId == original.TrialId))
            ModelState.AddModelError(nameof(form.LinkId), "This claim already links that study or trial; edit that link instead.");
        if (!ModelState.IsValid) return await Refused(id, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        claim.Links.Add(new EvidenceLink
        {
            StudyId = original!.StudyId,
            TrialId = original.TrialId,
            Relation = original.Relation,
            Assessment = original.Assessment,
            CreatedBy = db.Actor.Name,
            CreatedAt = now,
            UpdatedAt = now,
        });
        claim.UpdatedAt = now;
        db.Entry(claim).Property(c => c.Version).OriginalValue = form.Version;
        if (await TrySaveAsync(ct)) return Saved(claim.Id, $"Evidence recorded: the same as for claim {original.ClaimId}.", "evidence");
        return await Conflict(claim.Id, nameof(Claim), claim.Id, form.LoadedAt, ct, null, null);
    }
}

/// <summary>Which similar claim's evidence link to record for this claim too.</summary>
public sealed record ReuseLinkForm : ConcurrencyForm
{
    public int LinkId { get; init; }
}
