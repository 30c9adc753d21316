using System.Globalization;
using System.Net;
using System.Text;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Sources;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// A very long source's page is bounded: its text is shown a page at a time, the whole text is a
/// plain-text download, and a claim's link lands on the page that holds it. (A 1,000,000-line
/// article's page was 37 MB of HTML, and sixteen requests for it took the app from 0.63 to 1.5 GB.)
/// </summary>
public sealed class LongSourcePageTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    private const int Lines = 1_000_000;

    /// <summary>A source of a million short lines (written straight to the database: over the upload limit) with a claim on line 400,000.</summary>
    private async Task<(int SourceId, int ClaimId, string Text, int ClaimStart)> LongSourceAsync()
    {
        var builder = new StringBuilder(Lines * 16);
        for (var i = 1; i <= Lines; i++) builder.Append("Line ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(" of a long page.\n");
        var text = builder.ToString();
        const string quote = "Line 400000 of a long page.";
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        return await factory.QueryAsync(async db =>
        {
            var source = new Source
            {
                Title = "A very long page",
                OriginalText = text,
                CleanedText = text,
                ContentHash = Guid.NewGuid().ToString("N"),
                FileName = "long.txt",
                ImportedAt = DateTime.UtcNow,
            };
            var claim = Claim.Anchor(text, start, start + quote.Length, DateTime.UtcNow);
            source.Claims.Add(claim);
            db.Sources.Add(source);
            await db.SaveChangesAsync();
            return (source.Id, claim.Id, text, start);
        });
    }

    [Fact]
    public async Task A_million_line_source_is_shown_a_page_at_a_time_with_its_whole_text_downloadable_and_claims_reachable()
    {
        var (sourceId, claimId, text, claimStart) = await LongSourceAsync();
        using var reader = factory.CreateBrowser();
        var pages = SourcePages.Split(text);
        var claimPage = SourcePages.PageOf(pages, claimStart).Number;
        pages.Count.Should().BeGreaterThan(100);
        claimPage.Should().BeGreaterThan(1);

        // The page: bounded, the first page of many, with the way to the rest.
        using (var first = await reader.GetAsync(new Uri($"/sources/{sourceId}", UriKind.Relative)))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK);
            var html = await first.Content.ReadAsStringAsync();
            html.Length.Should().BeLessThan(1_000_000, "the text is 18 MB; a page shows 50,000 characters of it");
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
            page.QuerySelectorAll(".article-text p").Length.Should().BeInRange(1_000, 5_000);
            page.QuerySelector(".article-text p")!.TextContent.Should().Be("Line 1 of a long page.");
            page.QuerySelector(".pager [aria-current=page]")!.TextContent.Should().Be($"Page 1 of {pages.Count:N0}");
            page.QuerySelector("a[href$='/text'][download]")!.GetAttribute("href").Should().Be($"/sources/{sourceId}/text");
            page.QuerySelector($"#claim-{claimId}").Should().BeNull("the claim is on another page");
        }

        // The download: the whole text, as plain text.
        using (var download = await reader.GetAsync(new Uri($"/sources/{sourceId}/text", UriKind.Relative)))
        {
            download.StatusCode.Should().Be(HttpStatusCode.OK);
            download.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
            (await download.Content.ReadAsStringAsync()).Should().Be(text);
        }

        // The original text: its beginning on the page, the whole as a download.
        var original = await reader.GetPageAsync($"/sources/{sourceId}/original");
        original.QuerySelector("pre.original-text")!.TextContent.Should().Be(text[..SourcesController.OriginalShownChars]);
        original.QuerySelector($"a[href='/sources/{sourceId}/original/text']").Should().NotBeNull();
        using (var download = await reader.GetAsync(new Uri($"/sources/{sourceId}/original/text", UriKind.Relative)))
        {
            (await download.Content.ReadAsStringAsync()).Should().Be(text);
        }

        // The claim's link from its own page lands on the page of the text that holds it, at its highlight.
        var claimPageHtml = await reader.GetPageAsync($"/claims/{claimId}");
        var link = claimPageHtml.QuerySelector($"a[href^='/sources/{sourceId}?claim=']")!.GetAttribute("href")!;
        link.Should().Be($"/sources/{sourceId}?claim={claimId}#claim-{claimId}");
        var landed = await reader.GetPageAsync(link.Split('#')[0]);
        landed.QuerySelector(".pager [aria-current=page]")!.TextContent.Should().Be($"Page {claimPage:N0} of {pages.Count:N0}");
        landed.QuerySelector($"#claim-{claimId}")!.TextContent.Should().Be("Line 400000 of a long page.");
        landed.QuerySelector($".claim-list [data-claim='{claimId}']").Should().NotBeNull("the page lists the claims that start on it");
        (await reader.GetPageAsync($"/sources/{sourceId}?page={claimPage}")).QuerySelector($"#claim-{claimId}").Should().NotBeNull();

        using var pastTheEnd = await reader.GetAsync(new Uri($"/sources/{sourceId}?page={pages.Count + 1}", UriKind.Relative));
        pastTheEnd.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_page_after_characters_outside_the_BMP_shows_the_right_words()
    {
        // The database counts characters, claims count UTF-16 units: each emoji is one of the first and two of the second.
        var text = string.Concat(Enumerable.Range(1, 20_000).Select(i => $"\uD83D\uDE00 Emoji line {i.ToString(CultureInfo.InvariantCulture)} here.\n"));
        const string quote = "Emoji line 15000 here.";
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        var (sourceId, claimId) = await factory.QueryAsync(async db =>
        {
            var source = new Source { Title = "Emoji lines", OriginalText = text, CleanedText = text, ContentHash = Guid.NewGuid().ToString("N"), FileName = "emoji.txt", ImportedAt = DateTime.UtcNow };
            var claim = Claim.Anchor(text, start, start + quote.Length, DateTime.UtcNow);
            source.Claims.Add(claim);
            db.Sources.Add(source);
            await db.SaveChangesAsync();
            return (source.Id, claim.Id);
        });
        using var reader = factory.CreateBrowser();
        var pages = SourcePages.Split(text);

        var page = await reader.GetPageAsync($"/sources/{sourceId}?claim={claimId}");

        page.QuerySelector($"#claim-{claimId}")!.TextContent.Should().Be(quote);
        var shown = SourcePages.PageOf(pages, start);
        shown.Number.Should().BeGreaterThan(1);
        page.QuerySelector(".article-text p")!.TextContent.Should().Be(text[shown.Start..text.IndexOf('\n', shown.Start)]);
        page.QuerySelector(".article-text p")!.GetAttribute("data-start").Should().Be(shown.Start.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_page_map_gives_each_page_in_characters_as_the_database_counts_them()
    {
        var text = string.Concat(Enumerable.Range(1, 5_000).Select(i => i % 3 == 0 ? $"\uD83D\uDE00 line {i}.\n" : $"line {i}.\n"));
        var runes = text.EnumerateRunes().ToArray();

        var map = SourcePageMap.Of(text, pageChars: 1_000);

        map.Pages.Count.Should().BeGreaterThan(1);
        for (var i = 0; i < map.Pages.Count; i++)
        {
            var page = map.Pages[i];
            string.Concat(runes.Skip(map.CodePointStarts[i]).Take(map.CodePointLengths[i]).Select(r => r.ToString()))
                .Should().Be(text[page.Start..page.End], $"page {page.Number} read as SQL's substring would read it");
        }
    }

    [Fact]
    public void Pages_cover_the_text_end_to_end_and_end_at_line_breaks()
    {
        var text = string.Concat(Enumerable.Range(0, 1_000).Select(i => $"Paragraph {i} says something.\n"));

        var pages = SourcePages.Split(text, pageChars: 1_000);

        pages[0].Start.Should().Be(0);
        pages[^1].End.Should().Be(text.Length);
        pages.Zip(pages.Skip(1)).Should().OnlyContain(p => p.First.End == p.Second.Start);
        pages.Should().OnlyContain(p => p.End - p.Start <= 1_000 && p.End > p.Start);
        pages.SkipLast(1).Should().OnlyContain(p => text[p.End - 1] == '\n');
        pages.Select(p => p.Number).Should().Equal(Enumerable.Range(1, pages.Count));
        SourcePages.PageOf(pages, pages[5].Start).Number.Should().Be(6);
        SourcePages.PageOf(pages, pages[5].End - 1).Number.Should().Be(6);
        SourcePages.PageOf(pages, text.Length + 10).Number.Should().Be(pages.Count);
    }

    [Fact]
    public void A_line_longer_than_a_page_is_cut_at_a_space_and_never_inside_a_character()
    {
        var words = string.Concat(Enumerable.Repeat("word ", 1_000));
        var emoji = string.Concat(Enumerable.Repeat("\uD83D\uDE00", 1_000));

        SourcePages.Split(words, 1_000).SkipLast(1).Should().OnlyContain(p => words[p.End - 1] == ' ');
        SourcePages.Split(emoji, 1_001).Should().OnlyContain(p => !char.IsLowSurrogate(emoji[p.Start]));
        SourcePages.Split("").Should().ContainSingle().Which.Should().Be(new TextPage(1, 0, 0));
    }
}
