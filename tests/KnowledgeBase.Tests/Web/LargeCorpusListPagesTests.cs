using System.Net;
using KnowledgeBase.Domain;
using KnowledgeBase.Synthetic;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// A corpus with more sources than SQLite allows query parameters in one statement (32,766): a list that passes one
/// parameter per row (the review queue's source drop-down did) fails with "too many SQL variables" only at this size.
/// </summary>
public sealed class LargeCorpusAppFactory() : GeneratedCorpusAppFactoryBase(Size, seed: 11)
{
    public static readonly CorpusSize Size = new(Sources: 40_000, Claims: 41_000, Studies: 60, Trials: 30, EvidenceLinks: 2_000);
}

public sealed class LargeCorpusListPagesTests(LargeCorpusAppFactory factory) : IClassFixture<LargeCorpusAppFactory>
{
    [SqliteTheory]
    [InlineData("/claims")]
    [InlineData("/claims?status=candidate")]
    [InlineData("/claims?status=confirmed&sort=confidence")]
    [InlineData("/claims/review")]
    [InlineData("/claims/review?sort=confidence")]
    [InlineData("/sources")]
    [InlineData("/sources?sort=claims&page=3")]
    [InlineData("/sources?sort=title&size=100&page=400")]
    [InlineData("/studies")]
    [InlineData("/studies?claims=with&sort=claims")]
    [InlineData("/trials")]
    [InlineData("/search?q=stem+cells")]
    [InlineData("/evidence-map")]
    [InlineData("/")]
    public async Task Every_list_page_answers_for_an_editor(string url)
    {
        using var editor = await factory.SignedInEditorAsync();

        using var response = await editor.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [SqliteFact]
    public async Task The_review_queue_counts_every_waiting_claim_and_filters_by_a_source_outside_the_drop_down()
    {
        var (waiting, quietSource, quietWaiting) = await factory.QueryAsync(async db =>
        {
            var query = db.Claims.Where(c => c.Status != ClaimStatus.Rejected && !c.IsOrphaned)
                .Where(c => !c.Links.Any() || c.Links.Any(l => l.Assessment == null));
            var perSource = query.GroupBy(c => c.SourceId).Select(g => new { g.Key, Count = g.Count() });
            var quiet = await perSource.OrderBy(g => g.Count).ThenByDescending(g => g.Key).FirstAsync();
            return (await query.CountAsync(), quiet.Key, quiet.Count);
        });
        using var editor = await factory.SignedInEditorAsync();

        var all = await editor.GetPageAsync("/claims/review");
        var one = await editor.GetPageAsync($"/claims/review?source={quietSource}");

        all.QuerySelectorAll(".meta").Select(m => m.TextContent).Should().Contain($"{waiting:N0} claims waiting");
        all.QuerySelector("#review-source option")!.TextContent.Should().Be($"All sources ({waiting:N0})");
        all.QuerySelectorAll("#review-source option").Length.Should().BeLessThanOrEqualTo(101, "a drop-down of 40,000 sources would weigh megabytes");
        all.QuerySelectorAll(".pager li").Length.Should().BeLessThan(20, "the pager shows the pages near the current one, not all of them");
        one.QuerySelector("#review-source option[selected]")!.GetAttribute("value").Should().Be(quietSource.ToString(System.Globalization.CultureInfo.InvariantCulture));
        one.QuerySelectorAll("tbody tr").Length.Should().Be(Math.Min(quietWaiting, 50));
    }

    [SqliteFact]
    public async Task The_sources_list_is_paged_and_sorted()
    {
        var (mostClaims, newestTitle) = await factory.QueryAsync(async db => (
            await db.Sources.OrderByDescending(s => s.Claims.Count).ThenBy(s => s.Title).ThenBy(s => s.Id).Select(s => s.Title).FirstAsync(),
            await db.Sources.OrderByDescending(s => s.ImportedAt).ThenBy(s => s.FileName).ThenBy(s => s.PartIndex).Select(s => s.Title).FirstAsync()));
        using var editor = await factory.SignedInEditorAsync();

        var first = await editor.GetPageAsync("/sources");
        var byClaims = await editor.GetPageAsync("/sources?sort=claims&size=10");

        first.QuerySelectorAll("tbody tr").Length.Should().Be(25);
        first.QuerySelector("caption")!.TextContent.Should().Contain("Sources 1–25 of 40,000 sources");
        first.QuerySelector("tbody tr .cell-title")!.TextContent.Should().Be(newestTitle);
        byClaims.QuerySelectorAll("tbody tr").Length.Should().Be(10);
        byClaims.QuerySelector("tbody tr .cell-title")!.TextContent.Should().Be(mostClaims);
        byClaims.QuerySelector("a[rel=next]")!.GetAttribute("href").Should().Be("/sources?sort=claims&size=10&page=2");
    }
}
