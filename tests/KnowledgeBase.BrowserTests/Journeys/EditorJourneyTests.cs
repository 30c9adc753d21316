using System.Text.RegularExpressions;
using KnowledgeBase.BrowserTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests.Journeys;

/// <summary>Journey 2: an editor adds a claim by selecting its words, links it to a suggested trial, and a reader sees the result.</summary>
[Collection(BrowserJourneys.Name)]
public sealed class EditorJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    // The detector took this sentence and the next as one claim; the editor wants the regulatory statement on its own.
    // The part of a detected sentence an editor wants checked on its own: a span no candidate covers exactly.
    private const string Words = "NurOwn, another MSC-based product created by BrainStorm Cell Therapeutics, has been approved for Phase 3b";
    private const string Trial = "NCT06973629";
    private const string Note = "The registry lists a **Phase 3b** trial that is *recruiting*; no approval was given.\n\n- ENDURANCE, placebo-controlled\n- results not posted";

    [Fact]
    public async Task An_editor_adds_a_claim_by_selecting_it_links_a_suggested_trial_and_readers_cannot_edit()
    {
        var email = await browser.CreateEditorAsync("editor-journey@example.org");
        var sourceTitle = await browser.QueryAsync(db => db.Sources.Where(x => x.CleanedText.Contains(Words)).Select(x => x.Title).SingleAsync());
        await using var s = await browser.OpenAsync(output, "2-editor");
        var page = s.Page;

        await s.GotoAsync("/", "home");
        await s.SignInAsync(email);
        await s.ArriveAsync("signed-in");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sources" }).ClickAsync();
        await s.ArriveAsync("sources");
        await page.GetByRole(AriaRole.Link, new() { Name = sourceTitle, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = sourceTitle, Level = 1 })).ToBeVisibleAsync();
        await s.ArriveAsync("article");

        // Select the words with the mouse, starting the drag just left of the line as people do; the page copies them into the form.
        await SelectWithMouseAsync(page, Words);
        var quoteField = page.GetByLabel("Words of the claim");
        await Expect(quoteField).ToHaveValueAsync(Words);
        await quoteField.ScrollIntoViewIfNeededAsync();
        await s.ScreenshotAsync("words-selected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the claim" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/claims/\d+#evidence$"));
        await Expect(page.GetByRole(AriaRole.Blockquote).Locator("strong")).ToHaveTextAsync(Words);
        var claimUrl = new Uri(page.Url).AbsolutePath;
        await s.ArriveAsync("new-claim");

        // Its phase and product name point at the Phase 3b trial: accept that suggestion.
        var suggestions = page.GetByRole(AriaRole.Region, new() { Name = "What it probably cites" });
        await Expect(suggestions.GetByRole(AriaRole.Link, new() { Name = $"Trial {Trial}", Exact = true })).ToBeVisibleAsync();
        await suggestions.ScrollIntoViewIfNeededAsync();
        await s.ScreenshotAsync("suggestions");
        await suggestions.GetByRole(AriaRole.Listitem)
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = $"Trial {Trial}", Exact = true }) })
            .GetByRole(AriaRole.Link, new() { Name = "Use this" }).ClickAsync();

        var record = page.GetByRole(AriaRole.Region, new() { Name = "Record the evidence" });
        await Expect(record.GetByRole(AriaRole.Link, new() { Name = $"Trial {Trial}" })).ToBeVisibleAsync();
        await s.ArriveAsync("record-evidence");
        await record.GetByRole(AriaRole.Radio, new() { Name = "Alludes to" }).CheckAsync();
        await record.GetByLabel("How well does the evidence support the claim?").SelectOptionAsync(new SelectOptionValue { Label = "Overstated" });
        await record.GetByLabel("Note").FillAsync(Note);
        await record.ScrollIntoViewIfNeededAsync();
        await s.ScreenshotAsync("evidence-filled-in");
        await record.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Evidence recorded." })).ToBeVisibleAsync();
        var evidence = page.GetByRole(AriaRole.Region, new() { Name = "Evidence", Exact = true });
        await Expect(evidence.GetByRole(AriaRole.Definition).Filter(new() { HasText = "Overstated" })).ToHaveCountAsync(1);
        await s.ArriveAsync("evidence-recorded");

        // The trial's page lists the claim with the relation, the assessment and the note rendered from Markdown.
        await evidence.GetByRole(AriaRole.Link, new() { Name = $"Trial {Trial}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Trial);
        var relying = page.GetByRole(AriaRole.Region, new() { Name = "Claims relying on this trial" });
        var row = relying.GetByRole(AriaRole.Row).Filter(new() { HasText = Words });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Alludes to");
        await Expect(row).ToContainTextAsync("Overstated");
        await Expect(row.Locator("strong")).ToHaveTextAsync("Phase 3b");
        await Expect(row.Locator("em")).ToHaveTextAsync("recruiting");
        await Expect(row.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["ENDURANCE, placebo-controlled", "results not posted"]);
        await Expect(row).Not.ToContainTextAsync("**");
        await relying.ScrollIntoViewIfNeededAsync();
        await s.ArriveAsync("trial-with-claim");

        // Signed out, the same pages offer no editing forms, and the editors' pages ask for a sign-in.
        await s.SignOutAsync();
        await s.GotoAsync(claimUrl, "claim-as-reader");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Claim", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Record the evidence" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Use this" })).ToHaveCountAsync(0);
        // The page itself (the header's search aside) has no form control at all for a reader.
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(main.GetByRole(AriaRole.Textbox)).ToHaveCountAsync(0);
        await Expect(main.GetByRole(AriaRole.Combobox)).ToHaveCountAsync(0);

        await page.GotoAsync("/sources");
        await page.GetByRole(AriaRole.Link, new() { Name = sourceTitle, Exact = true }).ClickAsync();
        await s.ArriveAsync("article-as-reader");
        await Expect(page.GetByLabel("Words of the claim")).ToHaveCountAsync(0);

        await page.GotoAsync("/import");
        await Expect(page).ToHaveURLAsync(new Regex(@"/account/login\?ReturnUrl=%2Fimport$", RegexOptions.IgnoreCase));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("File (up to 10 MB)")).ToHaveCountAsync(0);

        s.ScriptErrors.Should().BeEmpty();
        s.ConsoleErrors.Should().BeEmpty();
    }

    /// <summary>
    /// Drags the real mouse across <paramref name="words"/> in the article text: presses just left of the first letter
    /// (outside any highlight link, which would start a link drag instead) and releases on the last letter.
    /// </summary>
    private static async Task SelectWithMouseAsync(IPage page, string words)
    {
        var paragraph = page.Locator(".article-text p").Filter(new() { HasText = words });
        await paragraph.ScrollIntoViewIfNeededAsync();
        var box = await paragraph.EvaluateAsync<double[]?>(
            """
            (p, words) => {
              const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(words);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at); range.setEnd(node, at + 1);
                const first = range.getBoundingClientRect();
                range.setStart(node, at + words.length - 1); range.setEnd(node, at + words.length);
                const last = range.getBoundingClientRect();
                return [first.left, first.top + first.height / 2, last.right, last.top + last.height / 2];
              }
              return null;
            }
            """, words);
        box.Should().NotBeNull("the words should be in one text run of the article");
        await page.Mouse.MoveAsync((float)(box![0] - 12), (float)box[1]);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)((box[0] + box[2]) / 2), (float)((box[1] + box[3]) / 2), new() { Steps = 5 });
        await page.Mouse.MoveAsync((float)(box[2] - 1), (float)box[3], new() { Steps = 10 });
        await page.Mouse.UpAsync();
    }
}
