using System.Globalization;
using KnowledgeBase.BrowserTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests.Journeys;

/// <summary>Journey 3: an editor tags several claims at once from the claims list, then filters the list by that tag.</summary>
[Collection(BrowserJourneys.Name)]
public sealed class TaggingJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string TagName = "animal data only";

    [Fact]
    public async Task An_editor_tags_several_claims_at_once_and_filters_the_list_by_that_tag()
    {
        var email = await browser.CreateEditorAsync("tagging-journey@example.org");
        // The article about mesenchymal stem cells protecting motor neurons: three of its claims rest on lab work only.
        var (sourceId, claims) = await browser.QueryAsync(async db =>
        {
            var source = await db.Sources.SingleAsync(x => x.Title.StartsWith("Stem Cells Show Protective Potential"));
            var picked = await db.Claims.Where(c => c.SourceId == source.Id).OrderBy(c => c.Start).Skip(6).Take(3).Select(c => new { c.Id, c.Quote }).ToListAsync();
            return (source.Id, picked.Select(c => (c.Id, c.Quote)).ToList());
        });
        await using var s = await browser.OpenAsync(output, "3-tagging");
        var page = s.Page;

        await s.GotoAsync("/", "home");
        await s.SignInAsync(email);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Claims", Exact = true }).ClickAsync();
        await s.ArriveAsync("claims");

        await page.GetByLabel("Source", new() { Exact = true }).SelectOptionAsync(sourceId.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]source={sourceId}"));
        await s.ArriveAsync("claims-of-article");

        foreach (var (id, _) in claims)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Claim {id}", Exact = true }).CheckAsync();
        }
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Tag", Exact = true }).FillAsync(TagName);
        await s.ScreenshotAsync("claims-ticked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tag ticked claims" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Tagged 3 claims" })).ToHaveTextAsync($"Tagged 3 claims with “{TagName}” (a new free tag).");
        await s.ArriveAsync("claims-tagged");

        var tagFacet = page.GetByRole(AriaRole.Navigation, new() { Name = "Tags" });
        await tagFacet.GetByRole(AriaRole.Link, new() { Name = $"{TagName} 3 claims" }).ClickAsync();
        var table = page.GetByRole(AriaRole.Table);
        await Expect(table.Locator("caption")).ToContainTextAsync($"of 3, tagged “{TagName}”");
        var rows = table.GetByRole(AriaRole.Rowgroup).Last.GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(3);
        foreach (var (id, quote) in claims)
        {
            await Expect(rows.Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = quote.Length > 60 ? quote[..60] : quote }) })).ToHaveCountAsync(1);
            await Expect(rows.GetByRole(AriaRole.Checkbox, new() { Name = $"Claim {id}", Exact = true })).ToHaveCountAsync(1);
        }
        await Expect(rows.GetByRole(AriaRole.Link, new() { Name = TagName })).ToHaveCountAsync(3);
        await s.ArriveAsync("claims-filtered-by-tag");
    }
}
