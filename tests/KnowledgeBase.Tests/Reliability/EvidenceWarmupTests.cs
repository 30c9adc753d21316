using System.Globalization;
using System.Net;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Reliability;

/// <summary>The evidence ranking is prepared after start-up without a request asking for it, and /health says when it is ready.</summary>
public sealed class EvidenceWarmupTests
{
    [Fact]
    public async Task The_library_is_built_after_start_before_any_claim_page_and_health_turns_healthy()
    {
        using var factory = new WarmEvidenceAppFactory();
        using var client = factory.CreateBrowser();
        var cache = factory.Services.GetRequiredService<EvidenceLibraryCache>();

        var answers = new List<string>();
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(90); waited += TimeSpan.FromMilliseconds(200))
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK, "a warming app still answers");
            var body = (await response.Content.ReadAsStringAsync()).Trim();
            answers.Add(body);
            if (body == "Healthy") break;
            await Task.Delay(200);
        }

        answers.Should().HaveElementAt(answers.Count - 1, "Healthy");
        // The seeds' library can be ready before the first answer, so there may be no "Degraded" answer at all.
        answers.Where(a => a != "Healthy" && !a.StartsWith("Degraded: the evidence ranking is loading", StringComparison.Ordinal))
            .Should().BeEmpty("while warming, health says what is being prepared");
        var records = await factory.QueryAsync(async db => await db.Studies.CountAsync() + await db.Trials.CountAsync());
        records.Should().BeGreaterThan(0);
        cache.Latest.Should().NotBeNull("nothing but the warm-up asked for the library").And.Match<KnowledgeBase.Retrieval.EvidenceLibrary>(l => l.Count == records);
    }

    [Fact]
    public async Task On_a_real_server_the_warm_up_also_renders_a_claim_page_before_health_turns_healthy()
    {
        using var factory = new WarmEvidenceAppFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var warmup = factory.Services.GetRequiredService<KnowledgeBase.Web.Infrastructure.EvidenceWarmup>();

        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(90); waited += TimeSpan.FromMilliseconds(200))
        {
            if ((await client.GetStringAsync(new Uri("/health", UriKind.Relative))).Trim() == "Healthy") break;
            await Task.Delay(200);
        }

        warmup.Pending.Should().BeNull();
        warmup.PagesWarmedIn.Should().NotBeNull("the server listens on a plain HTTP loopback address and the seeds have claims");
        warmup.ExportWarmedIn.Should().NotBeNull("the library export is warmed before health turns healthy");
    }

    [Fact]
    public async Task In_a_test_server_without_an_address_the_pages_are_not_warmed_and_health_still_turns_healthy()
    {
        using var factory = new WarmEvidenceAppFactory();
        using var client = factory.CreateBrowser();
        var warmup = factory.Services.GetRequiredService<KnowledgeBase.Web.Infrastructure.EvidenceWarmup>();

        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(90) && warmup.Pending is not null; waited += TimeSpan.FromMilliseconds(200))
            await Task.Delay(200);

        warmup.Pending.Should().BeNull();
        warmup.PagesWarmedIn.Should().BeNull();
    }

    [Fact]
    public async Task The_warm_up_counts_the_list_pages_so_that_their_first_request_does_not()
    {
        using var factory = new WarmEvidenceAppFactory();
        using var reader = factory.CreateBrowser();
        var warmup = factory.Services.GetRequiredService<KnowledgeBase.Web.Infrastructure.EvidenceWarmup>();
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(90) && warmup.Pending is not null; waited += TimeSpan.FromMilliseconds(200))
            await Task.Delay(200);
        warmup.Pending.Should().BeNull();

        // Writes that leave no history row (nothing in the app does this): counts computed before them do not show them.
        var source = await factory.QueryAsync(db => db.Claims.GroupBy(c => c.SourceId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync());
        var waiting = await factory.QueryAsync(db => db.Claims.CountAsync(c => c.Status != ClaimStatus.Rejected && !c.IsOrphaned && (!c.Links.Any() || c.Links.Any(l => l.Assessment == null))));
        var candidates = await factory.QueryAsync(db => db.Claims.CountAsync(c => c.Status == ClaimStatus.Candidate));
        var claim = await factory.QueryAsync(db => db.Claims.Where(c => c.Status == ClaimStatus.Candidate && !c.IsOrphaned && !c.Links.Any()).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var unrecorded = $"Unrecorded {Guid.NewGuid():N}";
        await factory.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Sources\" SET \"Title\" = {unrecorded} WHERE \"Id\" = {source}"));
        await factory.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Claims\" SET \"Status\" = 'Rejected' WHERE \"Id\" = {claim}"));
        (await reader.GetStringAsync(new Uri($"/sources/{source}", UriKind.Relative))).Should().Contain(unrecorded, "the write took effect");

        var pages = new Dictionary<string, string>();
        foreach (var url in new[] { "/claims", "/evidence-map", "/claims/review", "/" })
            pages[url] = await reader.GetStringAsync(new Uri(url, UriKind.Relative));

        // The claims list's counts come from the facet index read at start; its rows and source titles are read now.
        pages["/claims"].Should().MatchRegex($@"facet__label"">Candidate</span>\s*<span class=""facet__count"">{candidates.ToString("N0", CultureInfo.InvariantCulture)}<",
            "the status facet was counted at start, before the claim was rejected");
        pages["/evidence-map"].Should().NotContain(unrecorded, "the map was counted at start");
        pages["/claims/review"].Should().Contain($"{waiting.ToString("N0", CultureInfo.InvariantCulture)} claims waiting", "the queue was counted at start");
        pages["/"].Should().Contain($">{candidates.ToString("N0", CultureInfo.InvariantCulture)} candidate", "the home page was counted at start");
        pages.Values.Should().AllSatisfy(html => html.Should().NotContain("being updated after a recent change"));
    }

    [Theory]
    [InlineData(new[] { "http://127.0.0.1:5391" }, "http://127.0.0.1:5391/")]
    [InlineData(new[] { "https://localhost:5001", "http://[::]:5000" }, "http://localhost:5000/")]
    [InlineData(new[] { "http://+:8080/" }, "http://localhost:8080/")]
    [InlineData(new[] { "http://0.0.0.0:80" }, "http://localhost/")]
    [InlineData(new[] { "http://[::1]:5000" }, "http://[::1]:5000/")]
    [InlineData(new[] { "https://localhost:5001" }, null)]
    [InlineData(new string[0], null)]
    public void The_warm_up_asks_the_first_plain_http_address_with_a_wildcard_host_as_localhost(string[] addresses, string? expected) =>
        (KnowledgeBase.Web.Infrastructure.EvidenceWarmup.LoopbackAddress(addresses)?.ToString()).Should().Be(expected);

    [Fact]
    public async Task Without_warming_nothing_is_built_until_a_request_needs_it()
    {
        using var factory = new KnowledgeBaseAppFactory();
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        await Task.Delay(500);

        (await response.Content.ReadAsStringAsync()).Trim().Should().Be("Healthy");
        factory.Services.GetRequiredService<EvidenceLibraryCache>().Latest.Should().BeNull();
    }
}
