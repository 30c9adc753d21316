using System.Text.RegularExpressions;
using KnowledgeBase.BrowserTests.Support;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests.Journeys;

/// <summary>Journey 4: a reader downloads an article's citation list as RIS and as a Vancouver reference list.</summary>
[Collection(BrowserJourneys.Name)]
public sealed class DownloadJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task A_reader_downloads_an_articles_evidence_as_ris_and_vancouver()
    {
        // The NurOwn review cites Petrou 2016 in its reference list; editors linked two of its claims to the
        // phase 1/2 trial and to the phase 2 report (Berry 2019). Its evidence list therefore holds three records.
        var sourceTitle = await browser.QueryAsync(async db =>
        {
            var source = await db.Sources.SingleAsync(x => x.FileName == "000_0a69e49d4b7b84ee.txt");
            var claims = await db.Claims.Where(c => c.SourceId == source.Id).OrderBy(c => c.Start).ToListAsync();
            var trial = await db.Trials.SingleAsync(t => t.NctId == "NCT01051882");
            var berry = await db.Studies.SingleAsync(x => x.Title.StartsWith("NurOwn, phase 2, randomized"));
            claims.Single(c => c.Quote.Contains("phase 1 / 2 and 2a clinical trials", StringComparison.Ordinal)).Links.Add(Link(trialId: trial.Id));
            claims.Single(c => c.Quote.StartsWith("No serious adverse events", StringComparison.Ordinal)).Links.Add(Link(studyId: berry.Id));
            await db.SaveChangesAsync();
            return source.Title;
        });
        await using var s = await browser.OpenAsync(output, "4-download");
        var page = s.Page;

        await s.GotoAsync("/sources", "sources");
        await page.GetByRole(AriaRole.Link, new() { Name = sourceTitle, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = sourceTitle, Level = 1 })).ToBeVisibleAsync();
        await s.ArriveAsync("article");
        var downloads = page.GetByRole(AriaRole.Region, new() { Name = "Download this article's evidence list" });
        await downloads.ScrollIntoViewIfNeededAsync();
        await s.ScreenshotAsync("download-links");

        var ris = await page.RunAndWaitForDownloadAsync(() => downloads.GetByRole(AriaRole.Link, new() { Name = "RIS (Zotero, EndNote, Mendeley)" }).ClickAsync());
        ris.SuggestedFilename.Should().MatchRegex(@"^evidence-of-000-0a69e49d4b7b84ee-\d+\.ris$");
        var risText = await File.ReadAllTextAsync((await ris.PathAsync())!);
        Regex.Matches(risText, @"^TY  - ", RegexOptions.Multiline).Should().HaveCount(3, "the list holds the cited study, the linked trial and the linked report:\n" + risText);
        Regex.Matches(risText, @"^ER  - ", RegexOptions.Multiline).Should().HaveCount(3);
        risText.Should().Contain("DO  - 10.1001/jamaneurol.2015.4321")
            .And.Contain("TI  - Safety and Clinical Effects of Mesenchymal Stem Cells Secreting Neurotrophic Factor Transplantation")
            .And.Contain("NCT01051882")
            .And.Contain("TI  - NurOwn, phase 2, randomized, clinical trial in patients with ALS");

        var vancouver = await page.RunAndWaitForDownloadAsync(() => downloads.GetByRole(AriaRole.Link, new() { Name = "Vancouver (text)" }).ClickAsync());
        vancouver.SuggestedFilename.Should().EndWith(".txt");
        var lines = (await File.ReadAllLinesAsync((await vancouver.PathAsync())!)).Where(l => l.Length > 0).ToList();
        lines.Should().HaveCount(3);
        lines.Select(l => l[..3]).Should().Equal("1. ", "2. ", "3. ");
        lines.Should().ContainSingle(l => l.Contains("Petrou P, Gothelf Y, Argov Z, et al.", StringComparison.Ordinal) && l.Contains("doi:10.1001/jamaneurol.2015.4321", StringComparison.Ordinal));
        lines.Should().ContainSingle(l => l.Contains("NCT01051882", StringComparison.Ordinal));
    }

    private static EvidenceLink Link(int? studyId = null, int? trialId = null) => new()
    {
        StudyId = studyId,
        TrialId = trialId,
        Relation = EvidenceRelation.CitesExplicitly,
        Assessment = EvidenceAssessment.Supported,
        CreatedBy = "editor@example.org",
        CreatedAt = DateTime.UtcNow,
        UpdatedAt = DateTime.UtcNow,
    };
}
