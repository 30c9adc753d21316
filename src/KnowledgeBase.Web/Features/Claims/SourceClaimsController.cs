using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Linking;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Claims;

/// <summary>An editor adds a claim the detector missed, by selecting or pasting its words on the source page.</summary>
[Route("sources/{sourceId:int}/claims")]
public sealed class SourceClaimsController(KnowledgeBaseDbContext db, TimeProvider clock) : Controller
{
    [HttpPost("")]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Add(int sourceId, NewClaimForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var source = await db.Sources.Include(s => s.Claims).SingleOrDefaultAsync(s => s.Id == sourceId, ct);
        if (source is null) return NotFound();

        var spans = ModelState.IsValid ? QuoteLocator.FindAll(source.CleanedText, form.Quote) : [];
        string? problem = !ModelState.IsValid
            ? string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))
            : spans.Count == 0
                ? "These words are not in the article's text. Select them in the article, or copy them exactly (differences in spaces and quote marks are fine)."
                : spans.Count > 1 && form.Near is null
                    ? $"These words occur {spans.Count} times in the article. Select the passage in the text, or include more words so it is found once."
                    : null;
        if (problem is not null)
        {
            // Post-redirect-get keeps the page's URL; the editor's words come back with the message.
            TempData[StatusKeys.NewClaimError] = problem;
            TempData[StatusKeys.NewClaimQuote] = form.Quote;
            return Redirect($"/sources/{sourceId}#add-claim");
        }

        var span = spans.MinBy(s => Math.Abs(s.Start - (form.Near ?? 0)));
        var existing = source.Claims.FirstOrDefault(c => !c.IsOrphaned && c.Start == span.Start && c.End == span.End);
        if (existing is not null)
        {
            TempData[StatusKeys.Status] = "This passage is already a claim.";
            return Redirect($"/claims/{existing.Id}");
        }

        var claim = Claim.Anchor(source.CleanedText, span.Start, span.End, clock.GetUtcNow().UtcDateTime);
        claim.Status = ClaimStatus.Confirmed; // an editor chose it: no need to confirm it again
        claim.CreatedBy = db.Actor.Name;
        source.Claims.Add(claim);
        await db.SaveChangesAsync(ct);
        TempData[StatusKeys.Status] = "Claim added. Now record the evidence it rests on.";
        return Redirect($"/claims/{claim.Id}#evidence");
    }
}
