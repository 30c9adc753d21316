using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The home page, the list pages and the evidence map are output-cached for readers, keyed by the full
/// query string and the change stamp: a repeat request is served from the cache, and a change to
/// anything the page shows is visible on the very next request, or (what the home page and the evidence map keep in
/// their shared counts, such as a source's title) on the first one after the recount; meanwhile nothing is cached.
/// </summary>
public sealed partial class ListPageCachingTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    // These tests read the older counts a change leaves: a recount on this small database would finish within the wait.
    private readonly bool _staleAtOnce = factory.StaleCountsAtOnce();

    public static TheoryData<string, string> Pages => new()
    {
        { "/", "sources" },
        { "/studies", "studies" },
        { "/studies?sort=title", "studies" },
        { "/trials", "trials" },
        { "/claims", "claims" },
        { "/evidence-map", "map-sources" },
        { "/evidence-map?view=trials", "map-sources" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_repeat_request_is_served_from_the_cache_and_a_change_shows_on_the_next_request(string url, string kind)
    {
        var reader = factory.CreateBrowser();
        // Earlier tests' changes may leave this page's counts being recounted: a page built from them is not cached.
        await GetAsync(reader, url);
        await factory.CountsRecountedAsync();
        var first = await GetAsync(reader, url);
        var again = await GetAsync(reader, url);
        again.Age.Should().NotBeNull("the repeat request is served from the cache");
        again.Html.Should().Be(first.Html);

        var (id, pattern) = kind switch
        {
            "studies" => (FirstId(first.Html, StudyLink()), "study"),
            "trials" => (FirstId(first.Html, TrialLink()), "trial"),
            "claims" => (FirstId(first.Html, ClaimLink()), "claim"),
            "sources" => (FirstId(first.Html, SourceLink()), "source"),
            _ => (FirstId(first.Html, ClaimsOfSourceLink()), "source"),
        };
        var renamed = $"Renamed {pattern} {Guid.NewGuid():N}";
        await ChangeOutsideTheAppAsync(pattern, id, renamed);

        var after = await AfterRecountAsync(reader, url);
        after.Html.Should().Contain(renamed);
    }

    [Fact]
    public async Task Pages_are_cached_per_full_query_string()
    {
        var taxonomy = await factory.QueryAsync(db => db.TherapyTypes.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Slug).Take(2).ToListAsync());
        var reader = factory.CreateBrowser();
        var one = await GetAsync(reader, $"/studies?therapy={taxonomy[0]}");
        var two = await GetAsync(reader, $"/studies?therapy={taxonomy[1]}");
        var both = await GetAsync(reader, $"/studies?therapy={taxonomy[0]}&therapy={taxonomy[1]}");

        two.Age.Should().BeNull("another query string is another page");
        both.Age.Should().BeNull("a repeated parameter is part of the key");
        two.Html.Should().NotBe(one.Html);
        both.Html.Should().NotBe(one.Html).And.NotBe(two.Html);
        (await GetAsync(reader, $"/studies?therapy={taxonomy[1]}")).Html.Should().Be(two.Html);
    }

    [Fact]
    public async Task The_home_page_counts_follow_an_editors_review_on_the_next_request()
    {
        var reader = factory.CreateBrowser();
        await GetAsync(reader, "/");
        await factory.CountsRecountedAsync();
        await GetAsync(reader, "/");
        var before = await GetAsync(reader, "/");
        before.Age.Should().NotBeNull();
        var candidates = await factory.QueryAsync(db => db.Claims.CountAsync(c => c.Status == ClaimStatus.Candidate));
        before.Html.Should().Contain($">{candidates.ToString("N0", CultureInfo.InvariantCulture)} candidate");

        var editor = await factory.SignedInEditorAsync();
        var claimId = await factory.QueryAsync(db => db.Claims.Where(c => c.Status == ClaimStatus.Candidate).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        using var response = await editor.PostClaimStatusAsync(claimId, "Rejected");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var after = await AfterRecountAsync(reader, "/");
        after.Html.Should().Contain($">{(candidates - 1).ToString("N0", CultureInfo.InvariantCulture)} candidate");
    }

    /// <summary>
    /// The page after a change: rendered afresh, never from the cache; when its counts were the previous stamp's (the
    /// page says so), again once they are recounted.
    /// </summary>
    private async Task<(string Html, string? Age)> AfterRecountAsync(HttpClient reader, string url)
    {
        var after = await GetAsync(reader, url);
        after.Age.Should().BeNull("the change invalidated the cached page");
        if (!after.Html.Contains(WebTestExtensions.StaleCountsNote, StringComparison.Ordinal)) return after;
        await factory.CountsRecountedAsync();
        var recounted = await GetAsync(reader, url);
        recounted.Age.Should().BeNull("a page built from stale counts is not cached");
        recounted.Html.Should().NotContain(WebTestExtensions.StaleCountsNote);
        return recounted;
    }

    private static async Task<(string Html, string? Age)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET {url} should show a page");
        return (await response.Content.ReadAsStringAsync(), response.Headers.Age?.ToString());
    }

    private static int FirstId(string html, Regex link)
    {
        var match = link.Match(html);
        match.Success.Should().BeTrue($"the page should link to an item ({link})");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Another process on the same database (the import command, say): its own context, its own history row.</summary>
    private async Task ChangeOutsideTheAppAsync(string kind, int id, string text)
    {
        await using var other = DatabaseSetup.CreateContext(factory.Database, new SystemActor("import"), TimeProvider.System);
        switch (kind)
        {
            case "study": (await other.Studies.SingleAsync(s => s.Id == id)).Title = text; break;
            case "trial": (await other.Trials.SingleAsync(t => t.Id == id)).Title = text; break;
            case "claim": (await other.Claims.SingleAsync(c => c.Id == id)).Quote = text; break;
            default: (await other.Sources.SingleAsync(s => s.Id == id)).Title = text; break;
        }
        await other.SaveChangesAsync();
        await factory.WaitForChangeStampAsync(); // once the file event (SQLite) or notification (PostgreSQL) has arrived
    }

    [GeneratedRegex("href=\"/studies/([0-9]+)\"")]
    private static partial Regex StudyLink();

    [GeneratedRegex("href=\"/trials/([0-9]+)\"")]
    private static partial Regex TrialLink();

    [GeneratedRegex("href=\"/claims/([0-9]+)\"")]
    private static partial Regex ClaimLink();

    [GeneratedRegex("href=\"/sources/([0-9]+)\"")]
    private static partial Regex SourceLink();

    [GeneratedRegex("href=\"/claims\\?source=([0-9]+)\"")]
    private static partial Regex ClaimsOfSourceLink();
}
