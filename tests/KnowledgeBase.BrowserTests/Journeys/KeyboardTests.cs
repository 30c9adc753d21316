using KnowledgeBase.BrowserTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests.Journeys;

/// <summary>The main forms work from the keyboard alone: Tab to move, type into fields, Space to choose, Enter to submit.</summary>
[Collection(BrowserJourneys.Name)]
public sealed class KeyboardTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Sign_in_record_evidence_and_tag_a_claim_with_the_keyboard_alone()
    {
        var email = await browser.CreateEditorAsync("keyboard@example.org");
        var claimId = await browser.QueryAsync(db => db.Claims.Where(c => c.Quote.StartsWith("BrainStorm Cell Therapeutics’ NurOwn Therapy")).Select(c => c.Id).SingleAsync());
        await using var s = await browser.OpenAsync(output, "keyboard");
        var page = s.Page;

        // Sign in.
        await s.GotoAsync($"/account/login?returnUrl=%2Fclaims%2F{claimId}", "sign-in");
        await TabToAsync(page, page.GetByLabel("E-mail"));
        await page.Keyboard.TypeAsync(email);
        await TabToAsync(page, page.GetByLabel("Password"));
        await page.Keyboard.TypeAsync(BrowserFixture.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Claim {claimId}", Level = 1 })).ToBeVisibleAsync();
        await s.ArriveAsync("claim");

        // Accept the first suggestion and record the evidence.
        var suggestions = page.GetByRole(AriaRole.Region, new() { Name = "What it probably cites" });
        var first = suggestions.GetByRole(AriaRole.Listitem).First;
        var chosenHref = await first.GetByRole(AriaRole.Link).First.GetAttributeAsync("href");
        var useFirst = first.GetByRole(AriaRole.Link, new() { Name = "Use this" });
        await TabToAsync(page, useFirst);
        await page.Keyboard.PressAsync("Enter");
        var record = page.GetByRole(AriaRole.Region, new() { Name = "Record the evidence" });
        await Expect(record.Locator($"a[href='{chosenHref}']")).ToBeVisibleAsync();

        var cites = record.GetByRole(AriaRole.Radio, new() { Name = "Cites explicitly" });
        await TabToAsync(page, cites);
        await page.Keyboard.PressAsync("Space");
        await Expect(cites).ToBeCheckedAsync();
        var assessment = record.GetByLabel("How well does the evidence support the claim?");
        await TabToAsync(page, assessment);
        await page.Keyboard.TypeAsync("Overstated");
        await Expect(assessment).ToHaveValueAsync("Overstated");
        await TabToAsync(page, record.GetByLabel("Note"));
        await page.Keyboard.TypeAsync("Typed without a mouse.");
        await TabToAsync(page, record.GetByRole(AriaRole.Button, new() { Name = "Record" }));
        await s.ScreenshotAsync("record-focused");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Evidence recorded." })).ToBeVisibleAsync();
        var evidence = page.GetByRole(AriaRole.Region, new() { Name = "Evidence", Exact = true });
        await Expect(evidence).ToContainTextAsync("Overstated");
        await Expect(evidence).ToContainTextAsync("Typed without a mouse.");

        // Tag the claim.
        var tags = page.GetByRole(AriaRole.Region, new() { Name = "Tags" });
        await TabToAsync(page, tags.GetByRole(AriaRole.Combobox, new() { Name = "Add a tag" }));
        await page.Keyboard.TypeAsync("regulatory status");
        await page.Keyboard.PressAsync("Enter");
        await Expect(tags.GetByRole(AriaRole.Link, new() { Name = "regulatory status" })).ToBeVisibleAsync();
        await s.ArriveAsync("claim-recorded-and-tagged");
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus; fails if it is never reached.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int maxPresses = 250)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new Xunit.Sdk.XunitException($"Tab never reached {target} in {maxPresses} presses on {page.Url}.");
    }
}
