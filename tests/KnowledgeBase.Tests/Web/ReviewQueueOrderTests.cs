using System.Globalization;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The review queue by confidence, page after page: the claims with a confidence first (in its order, ties by id), then
/// those without (by id), each waiting claim exactly once, wherever the page boundary falls.
/// </summary>
public sealed class ReviewQueueOrderTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    [Theory]
    [InlineData("confidence", true)]
    [InlineData("confidence-low", false)]
    public async Task Every_page_by_confidence_continues_the_one_before(string sort, bool highFirst)
    {
        // Every third waiting claim loses its confidence (as editors' own claims have none), so the boundary falls inside a page.
        var waiting = await factory.QueryAsync(async db =>
        {
            var claims = await db.Claims.Where(c => c.Status != ClaimStatus.Rejected && !c.IsOrphaned)
                .Where(c => !c.Links.Any() || c.Links.Any(l => l.Assessment == null)).OrderBy(c => c.Id).ToListAsync();
            for (var i = 0; i < claims.Count; i += 3) claims[i].Confidence = null;
            await db.SaveChangesAsync();
            return claims.Select(c => (c.Id, c.Confidence)).ToList();
        });
        var scored = waiting.Where(c => c.Confidence is not null);
        var expected = (highFirst ? scored.OrderByDescending(c => c.Confidence).ThenBy(c => c.Id) : scored.OrderBy(c => c.Confidence).ThenBy(c => c.Id))
            .Concat(waiting.Where(c => c.Confidence is null).OrderBy(c => c.Id))
            .Select(c => c.Id).ToList();
        expected.Count.Should().BeGreaterThan(KnowledgeBase.Web.Features.Claims.ClaimsController.PageSize, "the queue spans pages");

        var editor = await factory.SignedInEditorAsync();
        var listed = new List<int>();
        for (var page = 1; listed.Count < expected.Count && page <= 10; page++)
        {
            var html = await editor.GetPageAsync($"/claims/review?sort={sort}&page={page}");
            listed.AddRange(html.QuerySelectorAll("table tbody tr td:first-child a")
                .Select(a => int.Parse(a.GetAttribute("href")!.Split('/')[^1], CultureInfo.InvariantCulture)));
        }

        listed.Should().Equal(expected);
    }
}
