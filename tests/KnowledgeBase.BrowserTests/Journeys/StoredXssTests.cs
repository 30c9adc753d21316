using System.Text;
using KnowledgeBase.BrowserTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests.Journeys;

/// <summary>
/// Journey 6, a stored-XSS probe: an editor stores script and event-handler payloads in an article, a claim, tags and
/// a Markdown note. A reader's browser must show them as text and run none of them. Every payload would set
/// <c>window.__xss</c>; the test also listens for dialogs, script errors and console errors (a payload that reached the
/// page as markup would at least make the Content-Security-Policy log a refusal).
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class StoredXssTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string FileName = "hostile-clinic.txt";
    private const string Title = "Miracle cells <script>window.__xss='title';alert('title')</script>";
    private const string ClaimWords = "Our cells cured 90% of patients <img src=x onerror=\"window.__xss='claim';alert('claim')\"> in one visit.";
    private const string ImgTag = "<img src=x onerror=window.__xss='tag'>";
    private const string SvgTag = "<svg onload=window.__xss='svg'>";
    private const string NoteScript = "<script>window.__xss='note';alert('note')</script>";
    private const string NoteImg = "<img src=x onerror=\"window.__xss='note-img'\">";
    private const string NoteSvg = "<svg/onload=window.__xss='note-svg'>";
    private const string Trial = "NCT01363401";

    private static readonly string Note =
        $"Payloads: {NoteScript}\n\n{NoteImg}\n\n[a harmless-looking link](javascript:window.__xss='link') and [another](JaVaScRiPt:alert('link'))\n\n{NoteSvg}";

    private static readonly string Article =
        $"{Title}\n\n{Title}\n\n" +
        $"{ClaimWords} Book now <a href=\"javascript:window.__xss='article'\">here</a>.\n\n" +
        "Patients report <svg onload=\"window.__xss='article-svg'\"> results within days.\n";

    [Fact]
    public async Task Script_and_event_handler_payloads_saved_by_an_editor_reach_a_reader_as_text()
    {
        var email = await browser.CreateEditorAsync("xss-probe@example.org");
        string claimPath;
        await using (var editor = await browser.OpenAsync(output, "6-xss-editor"))
        {
            var page = editor.Page;
            await editor.GotoAsync("/", "home");
            await editor.SignInAsync(email);

            // The hostile page, as a scrape would bring it in.
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Import" }).ClickAsync();
            await editor.ArriveAsync("import");
            await page.GetByLabel("File (up to 10 MB)").SetInputFilesAsync(new FilePayload { Name = FileName, MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(Article) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Imported: {FileName}" })).ToBeVisibleAsync();
            await editor.ArriveAsync("imported");

            var sourceId = await browser.QueryAsync(db => db.Sources.Where(x => x.FileName == FileName).Select(x => x.Id).SingleAsync());
            await editor.GotoAsync($"/sources/{sourceId}", "hostile-article");
            await page.GetByLabel("Words of the claim").FillAsync(ClaimWords);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add the claim" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Claim", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Blockquote).Locator("strong")).ToHaveTextAsync(ClaimWords);
            claimPath = new Uri(page.Url).AbsolutePath;

            foreach (var tag in new[] { ImgTag, SvgTag })
            {
                await page.GetByRole(AriaRole.Combobox, new() { Name = "Add a tag" }).FillAsync(tag);
                await page.GetByRole(AriaRole.Button, new() { Name = "Add tag" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Tags" }).GetByRole(AriaRole.Link, new() { Name = tag })).ToBeVisibleAsync();
            }

            var search = page.GetByRole(AriaRole.Region, new() { Name = "Find another study or trial" });
            await search.GetByRole(AriaRole.Searchbox).FillAsync(Trial);
            await search.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await page.GetByRole(AriaRole.Region, new() { Name = "Find another study or trial" }).GetByRole(AriaRole.Link, new() { Name = "Use this" }).First.ClickAsync();
            var record = page.GetByRole(AriaRole.Region, new() { Name = "Record the evidence" });
            await Expect(record).ToContainTextAsync(Trial);
            await record.GetByRole(AriaRole.Radio, new() { Name = "Alludes to" }).CheckAsync();
            await record.GetByLabel("Note").FillAsync(Note);
            await record.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Evidence recorded." })).ToBeVisibleAsync();
            await editor.ArriveAsync("payloads-saved");
            await AssertNothingRanAsync(editor);
        }

        await using var reader = await browser.OpenAsync(output, "6-xss-reader");
        var r = reader.Page;

        await reader.GotoAsync("/sources", "sources");
        await r.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true }).ClickAsync();
        await Expect(r.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
        await Expect(r.Locator(".article-text")).ToContainTextAsync(ClaimWords);
        await Expect(r.Locator(".article-text")).ToContainTextAsync("<svg onload=\"window.__xss='article-svg'\">");
        await reader.ArriveAsync("hostile-article");
        await AssertNothingRanAsync(reader);

        await reader.GotoAsync(claimPath, "claim");
        await Expect(r.GetByRole(AriaRole.Blockquote).Locator("strong")).ToHaveTextAsync(ClaimWords);
        var tags = r.GetByRole(AriaRole.Region, new() { Name = "Tags" });
        await Expect(tags.GetByRole(AriaRole.Link, new() { Name = ImgTag })).ToBeVisibleAsync();
        await Expect(tags.GetByRole(AriaRole.Link, new() { Name = SvgTag })).ToBeVisibleAsync();
        var evidence = r.GetByRole(AriaRole.Region, new() { Name = "Evidence", Exact = true });
        await Expect(evidence).ToContainTextAsync(NoteScript);
        await Expect(evidence).ToContainTextAsync(NoteImg);
        await Expect(evidence).ToContainTextAsync(NoteSvg);
        await Expect(evidence.GetByRole(AriaRole.Link, new() { Name = "a harmless-looking link" })).ToHaveAttributeAsync("href", "#");
        await Expect(evidence.GetByRole(AriaRole.Link, new() { Name = "another" })).ToHaveAttributeAsync("href", "#");
        await AssertNothingRanAsync(reader);

        await tags.GetByRole(AriaRole.Link, new() { Name = ImgTag }).ClickAsync();
        await Expect(r.GetByRole(AriaRole.Table).Locator("caption")).ToContainTextAsync($"tagged “{ImgTag}”");
        await reader.ArriveAsync("claims-tagged-with-payload");
        await AssertNothingRanAsync(reader);

        await r.GotoAsync(claimPath);
        await r.GetByRole(AriaRole.Region, new() { Name = "Evidence", Exact = true }).GetByRole(AriaRole.Link, new() { Name = $"Trial {Trial}" }).ClickAsync();
        var relying = r.GetByRole(AriaRole.Region, new() { Name = "Claims relying on this trial" });
        await Expect(relying).ToContainTextAsync(NoteScript);
        await Expect(relying.GetByRole(AriaRole.Link, new() { Name = "a harmless-looking link" })).ToHaveAttributeAsync("href", "#");
        await reader.ArriveAsync("trial");
        await AssertNothingRanAsync(reader);
    }

    /// <summary>No payload ran: no flag, no dialog, no script error, nothing refused by the CSP, no markup smuggled into the page.</summary>
    private static async Task AssertNothingRanAsync(BrowserSession session)
    {
        var flag = await session.Page.EvaluateAsync<string?>("() => window.__xss === undefined ? null : String(window.__xss)");
        flag.Should().BeNull("no stored payload may run in {0}", session.Page.Url);
        session.Dialogs.Should().BeEmpty("no payload may open a dialog");
        session.ScriptErrors.Should().BeEmpty();
        session.ConsoleErrors.Should().BeEmpty("a payload blocked only by the Content-Security-Policy is still a failure of output encoding");
        (await session.Page.Locator("main script, main iframe, main object, main embed, main img[src='x'], main svg[onload], main [onerror], main [onload]").CountAsync())
            .Should().Be(0, "no payload may become markup in {0}", session.Page.Url);
    }
}
