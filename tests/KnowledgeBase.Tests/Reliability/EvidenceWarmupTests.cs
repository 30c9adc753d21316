using System.Net;
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
        answers.Where(a => a != "Healthy").Should().OnlyContain(a => a.StartsWith("Degraded: the evidence ranking is loading", StringComparison.Ordinal));
        var records = await factory.QueryAsync(async db => await db.Studies.CountAsync() + await db.Trials.CountAsync());
        records.Should().BeGreaterThan(0);
        cache.Latest.Should().NotBeNull("nothing but the warm-up asked for the library").And.Match<KnowledgeBase.Retrieval.EvidenceLibrary>(l => l.Count == records);
    }

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
