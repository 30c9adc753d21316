using KnowledgeBase.BrowserTests.Support;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests.Journeys;

/// <summary>Journey 1: a reader goes from a therapy type to a study, to the claims relying on it, to the claim in its article, then checks a sentence of their own.</summary>
[Collection(BrowserJourneys.Name)]
public sealed class ReaderJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task A_reader_follows_a_study_to_a_claim_highlighted_in_its_article()
    {
        // An editor has linked the Phase I article's safety claim to the Oh 2015 report (bone-marrow MSC).
        var (claimId, quote, sourceTitle, studyTitle) = await browser.QueryAsync(async db =>
        {
            var claim = await db.Claims.Include(c => c.Source).SingleAsync(c => c.Quote.StartsWith("There were also no serious adverse events observed"));
            var study = await db.Studies.SingleAsync(s => s.Doi == "10.5966/sctm.2014-0212");
            claim.Links.Add(new EvidenceLink
            {
                StudyId = study.Id,
                Relation = EvidenceRelation.CitesExplicitly,
                Assessment = EvidenceAssessment.Supported,
                CreatedBy = "editor@example.org",
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return (claim.Id, claim.Quote, claim.Source!.Title, study.Title);
        });
        await using var s = await browser.OpenAsync(output, "1-reader");
        var page = s.Page;

        await s.GotoAsync("/", "home");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Studies" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Studies", Exact = true })).ToBeVisibleAsync();
        await s.ArriveAsync("studies");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Therapy type" }).GetByRole(AriaRole.Link, new() { Name = "Bone-marrow MSC" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Studies: Bone-marrow MSC", Exact = true })).ToBeVisibleAsync();
        await s.ArriveAsync("studies-bone-marrow-msc");

        await page.GetByRole(AriaRole.Link, new() { Name = studyTitle, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = studyTitle, Level = 1 })).ToBeVisibleAsync();
        await s.ArriveAsync("study");

        var relying = page.GetByRole(AriaRole.Region, new() { Name = "Claims relying on this study" });
        var row = relying.GetByRole(AriaRole.Row).Filter(new() { HasText = quote });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Cell).Filter(new() { HasText = "Supported" })).ToHaveCountAsync(1);
        await relying.ScrollIntoViewIfNeededAsync();
        await s.ScreenshotAsync("study-claims");

        await row.GetByRole(AriaRole.Link, new() { Name = sourceTitle }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/sources/\\d+\\?claim={claimId}#claim-{claimId}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = sourceTitle, Level = 1 })).ToBeVisibleAsync();

        // The URL's fragment points at the claim's highlight in the article text: that is what the reader sees.
        var highlighted = page.Locator(":target");
        await Expect(highlighted).ToHaveTextAsync(quote);
        await Expect(highlighted).ToHaveAttributeAsync("href", $"/claims/{claimId}");
        await Expect(highlighted.Locator("mark")).ToBeInViewportAsync();
        await s.ArriveAsync("article-claim-highlighted");

        // The reader checks a sentence of their own: the library's records that bear on it come back ranked, with reasons.
        await page.GetByRole(AriaRole.Link, new() { Name = "Check a sentence" }).ClickAsync();
        await page.GetByLabel("The sentence to check").FillAsync("Repeated intrathecal injections of bone marrow stem cells were safe in ALS patients in a phase 1 trial.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        var suggestions = page.GetByRole(AriaRole.Region, new() { Name = "Evidence for" }).GetByRole(AriaRole.Listitem);
        await Expect(suggestions.First).ToBeVisibleAsync();
        await Expect(suggestions.Filter(new() { HasText = "Repeated intrathecal autologous bone marrow-derived mesenchymal stromal cells" })).Not.ToHaveCountAsync(0);
        await s.ArriveAsync("check-a-sentence");
    }
}
