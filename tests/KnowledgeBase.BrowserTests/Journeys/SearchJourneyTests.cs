using System.Text.RegularExpressions;
using KnowledgeBase.BrowserTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests.Journeys;

/// <summary>Journey 5: a reader searches from the header for a trial by its NCT id, then for a word of a claim.</summary>
[Collection(BrowserJourneys.Name)]
public sealed class SearchJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string NctId = "NCT01363401";

    [Fact]
    public async Task A_reader_finds_a_trial_by_its_nct_id_and_a_claim_by_one_of_its_words()
    {
        var (trialId, claimId, quote) = await browser.QueryAsync(async db =>
        {
            var trial = await db.Trials.SingleAsync(t => t.NctId == NctId);
            var claim = await db.Claims.SingleAsync(c => c.Quote.Contains("apoptosis"));
            return (trial.Id, claim.Id, claim.Quote);
        });
        await using var s = await browser.OpenAsync(output, "5-search");
        var page = s.Page;
        var searchBox = page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Searchbox, new() { Name = "Search" });

        await s.GotoAsync("/", "home");
        await searchBox.FillAsync(NctId);
        await searchBox.PressAsync("Enter");
        // One exact identifier match: the search goes straight to the trial.
        await Expect(page).ToHaveURLAsync(new Regex($"/trials/{trialId}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(NctId);
        await s.ArriveAsync("trial-found-by-nct-id");

        await searchBox.FillAsync("apoptosis");
        await searchBox.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=apoptosis$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search", Level = 1 })).ToBeVisibleAsync();
        var claims = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Claims") });
        await Expect(claims.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await s.ArriveAsync("search-results");

        await claims.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/claims/{claimId}$"));
        await Expect(page.GetByRole(AriaRole.Blockquote).Locator("strong")).ToHaveTextAsync(quote);
        await s.ArriveAsync("claim-found-by-word");
    }
}
