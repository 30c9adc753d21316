using System.Net;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Tests.Web;

[Collection(SharedSeededApp.Name)]
public sealed class SearchPageTests(KnowledgeBaseAppFactory factory)
{
    private readonly HttpClient _client = factory.CreateBrowser();

    [Fact]
    public async Task Every_page_has_a_search_box_in_its_header()
    {
        var page = await _client.GetPageAsync("/studies");

        var form = page.QuerySelector("header form[role=search]");
        form.Should().NotBeNull();
        form!.GetAttribute("action").Should().Be("/search");
        form.GetAttribute("method").Should().Be("get");
        form.QuerySelector("input[name=q]").Should().NotBeNull();
    }

    [Fact]
    public async Task An_empty_search_explains_what_can_be_typed()
    {
        var page = await _client.GetPageAsync("/search");

        page.QuerySelector(".search-help")!.TextContent.Should().Contain("Identifiers").And.Contain("phrase");
        page.QuerySelectorAll(".search-hit").Should().BeEmpty();
    }

    [Fact]
    public async Task Results_are_grouped_by_kind_with_counts_and_marked_words()
    {
        var page = await _client.GetPageAsync("/search?q=mesench");

        var tabs = page.QuerySelectorAll(".search-kinds a").Select(a => a.TextContent.Trim()).ToList();
        tabs.Should().Contain(t => t.StartsWith("Studies", StringComparison.Ordinal));
        var studyLinks = page.QuerySelectorAll(".search-hit--study h3 a").ToList();
        studyLinks.Should().NotBeEmpty();
        studyLinks.Should().OnlyContain(a => a.GetAttribute("href")!.StartsWith("/studies/", StringComparison.Ordinal));
        page.QuerySelectorAll(".search-hit mark").Select(m => m.TextContent)
            .Should().NotBeEmpty().And.OnlyContain(t => t.StartsWith("mesench", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_kind_shows_only_that_kind_and_marks_its_tab()
    {
        var page = await _client.GetPageAsync("/search?q=stem&kind=claims");

        page.QuerySelector(".search-kinds a[aria-current=page]")!.TextContent.Should().Contain("Claims");
        var links = page.QuerySelectorAll(".search-hit h3 a").Select(a => a.GetAttribute("href")!).ToList();
        links.Should().NotBeEmpty().And.OnlyContain(h => h.StartsWith("/claims/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("NCT03280056")]
    [InlineData("nct 03280056")]
    public async Task One_identifier_with_one_match_opens_the_record(string typed)
    {
        var trialId = await factory.QueryAsync(db => db.Trials.Where(t => t.NctId == "NCT03280056").Select(t => t.Id).SingleAsync());

        using var response = await _client.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(typed), UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be($"/trials/{trialId}");
    }

    [Fact]
    public async Task A_pmid_opens_its_study()
    {
        var studyId = await factory.QueryAsync(db => db.Studies.Where(s => s.Pmid == "26751635").Select(s => s.Id).SingleAsync());

        using var response = await _client.GetAsync(new Uri("/search?q=PMID%3A%2026751635", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be($"/studies/{studyId}");
    }

    [Fact]
    public async Task An_identifier_with_words_lists_the_exact_match_first()
    {
        var page = await _client.GetPageAsync("/search?q=NCT03280056%20trial");

        var first = page.QuerySelector(".search-hit");
        first!.TextContent.Should().Contain("exact identifier match");
        first.QuerySelector("h3 a")!.GetAttribute("href").Should().StartWith("/trials/");
    }

    [Fact]
    public async Task Record_text_that_looks_like_html_is_shown_as_text()
    {
        await factory.QueryAsync(async db =>
        {
            db.Studies.Add(new Study
            {
                Title = "<script>alert('x')</script> Capybarine <mark>trial</mark>",
                Kind = StudyKind.TrialReport,
                MainResults = "Capybarine <img src=x onerror=alert(1)> worked.",
            });
            return await db.SaveChangesAsync();
        });

        using var response = await _client.GetAsync(new Uri("/search?q=capybarine&kind=studies", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = await WebTestExtensions.ParseAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().NotContain("<script>alert").And.NotContain("<img src=x");
        var hit = page.QuerySelector(".search-hit--study");
        hit!.QuerySelector("h3")!.TextContent.Should().Contain("<script>alert('x')</script> Capybarine <mark>trial</mark>");
        hit.QuerySelectorAll("mark").Select(m => m.TextContent).Should().OnlyContain(t => t == "Capybarine");
        hit.QuerySelector(".search-hit__snippet")!.TextContent.Should().Contain("<img src=x onerror=alert(1)>");
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(")]
    [InlineData("*")]
    [InlineData("^")]
    [InlineData("col:stem")]
    [InlineData("'); DROP TABLE Claims; --")]
    [InlineData("-cord")]
    [InlineData("\"unbalanced stem")]
    public async Task A_malformed_query_gets_a_page_with_a_message_not_an_error(string typed)
    {
        var page = await _client.GetPageAsync("/search?q=" + Uri.EscapeDataString(typed));

        var message = page.QuerySelector(".notice, .search-empty, .search-hit");
        message.Should().NotBeNull($"“{typed}” shows a message or results");
        (await factory.QueryAsync(db => db.Claims.CountAsync())).Should().BePositive("the claims table is still there");
    }

    [Fact]
    public async Task A_query_without_matches_says_so()
    {
        var page = await _client.GetPageAsync("/search?q=xylophonically");

        page.QuerySelector(".search-empty")!.TextContent.Should().Contain("xylophonically");
    }
}
