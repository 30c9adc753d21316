using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using KnowledgeBase.Data;
using KnowledgeBase.Linking;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Claims;
using KnowledgeBase.Web.Features.Evidence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>A reader checks a sentence at /evidence/suggest, as a page and as JSON, on the real app and the seeds.</summary>
[Collection(SharedSeededApp.Name)]
public sealed class EvidenceSuggestPageTests(KnowledgeBaseAppFactory factory)
{
    private const string Barzewska = "Barzewska et al. administered MSCs in 67 patients.";

    private readonly HttpClient _reader = factory.CreateBrowser();

    private static string Url(string text, string? format = null) =>
        "/evidence/suggest?text=" + Uri.EscapeDataString(text) + (format is null ? "" : "&format=" + format);

    private Task<int> StudyIdAsync(string libraryId) =>
        factory.QueryAsync(db => db.Studies.Where(s => s.LibraryId == libraryId).Select(s => s.Id).SingleAsync());

    private async Task<JsonElement[]> JsonAsync(string url, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await _reader.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task The_page_is_open_to_readers_and_linked_from_the_header()
    {
        var home = await _reader.GetPageAsync("/");
        home.QuerySelectorAll(".site-nav a").Should().Contain(a => a.GetAttribute("href") == "/evidence/suggest");

        var page = await _reader.GetPageAsync("/evidence/suggest");

        page.QuerySelector("form[action='/evidence/suggest'][method=get] textarea[name=text]").Should().NotBeNull();
        page.QuerySelector("#suggestions").Should().BeNull("nothing was asked yet");
    }

    [Fact]
    public async Task A_pasted_sentence_lists_the_record_it_names_first_with_its_reasons_and_a_link_to_the_record()
    {
        var barczewska = await StudyIdAsync("REC-13");

        var page = await _reader.GetPageAsync(Url(Barzewska));

        var first = page.QuerySelector("#suggestions .suggestion")!;
        first.QuerySelector("a.suggestion__title")!.GetAttribute("href").Should().Be($"/studies/{barczewska}");
        first.QuerySelectorAll(".suggestion__reasons li").Select(li => li.TextContent.Trim())
            .Should().Contain(["Author Barczewska et al. (written “Barzewska”)", "67 patients matches participants"]);
        first.ClassList.Should().NotContain("suggestion--weak");
        page.QuerySelector("textarea[name=text]")!.TextContent.Should().Be(Barzewska, "the sentence stays in the box to edit");
    }

    [Fact]
    public async Task The_pasted_text_is_shown_encoded()
    {
        const string text = "<script>alert(1)</script> NurOwn phase 3b";

        using var response = await _reader.GetAsync(new Uri(Url(text), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().NotContain("<script>alert(1)</script>").And.Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    public static TheoryData<string, string> NamedRecords => new()
    {
        { "A recent publication in Stem Cells Translational Medicine described an open-label phase I clinical trial that was designed to assess the safety of a stem cell therapy for amyotrophic lateral sclerosis (ALS).", "REC-07" },
        { "In a study conducted by Ammar et al. (2021), 6 clinical trials were analyzed for their efficacy in ALS patients.", "REC-12" },
        { Barzewska, "REC-13" },
        { "NurOwn, another MSC-based product created by BrainStorm Cell Therapeutics, has been approved for Phase 3b of the clinical trial.", "REC-06" },
    };

    [Theory]
    [MemberData(nameof(NamedRecords))]
    public async Task Json_answers_best_first_with_the_named_record_on_top(string sentence, string libraryId)
    {
        var expected = await StudyIdAsync(libraryId);
        var nctIds = await factory.QueryAsync(db => db.Studies.Where(s => s.Id == expected).SelectMany(s => s.Trials.Select(t => t.Id)).ToListAsync());

        var items = await JsonAsync(Url(sentence, "json"));

        items.Should().NotBeEmpty();
        var top = items[0];
        (top.TryGetProperty("study", out var study) && study.GetProperty("id").GetInt32() == expected
            || top.TryGetProperty("trial", out var trial) && nctIds.Contains(trial.GetProperty("id").GetInt32()))
            .Should().BeTrue($"the sentence names {libraryId}");
        items.Select(i => i.GetProperty("score").GetDouble()).Should().BeInDescendingOrder();
    }

    [Fact]
    public async Task Json_has_the_export_shape_and_the_full_depth_of_the_ranking()
    {
        var items = await JsonAsync(Url(Barzewska, "json"));
        IReadOnlyList<EvidenceSuggestion> ranked;
        await using (var scope = factory.Services.CreateAsyncScope())
            ranked = await scope.ServiceProvider.GetRequiredService<EvidenceLookup>().SuggestAsync(ClaimContext.Of(Barzewska), EvidenceController.Depth, CancellationToken.None);

        EvidenceController.Depth.Should().BeGreaterThanOrEqualTo(20, "the endpoint answers at least 20 deep when the ranking has that many");
        items.Should().HaveCount(ranked.Count, "every ranked suggestion up to the depth is returned, none dropped");
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var kind = ranked[i].Candidate.Kind == EvidenceKind.Study ? "study" : "trial";
            item.EnumerateObject().Select(p => p.Name).Should().Equal("score", "reasons", kind);
            item.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).Should().Equal(ranked[i].Reasons.Select(r => r.Text));
            var evidence = item.GetProperty(kind);
            evidence.EnumerateObject().Select(p => p.Name).Should().Equal("id", "title", "doi", "pmid", "nctIds");
            evidence.GetProperty("id").GetInt32().Should().Be(ranked[i].Candidate.Id);
        }
    }

    [Fact]
    public async Task An_accept_header_asking_for_json_gets_json()
    {
        var items = await JsonAsync(Url(Barzewska), accept: "application/json");

        items[0].GetProperty("study").GetProperty("id").GetInt32().Should().Be(await StudyIdAsync("REC-13"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    public async Task Empty_text_is_refused_with_a_message(string text, string words)
    {
        using var page = await _reader.GetAsync(new Uri(Url(text), UriKind.Relative));
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await WebTestExtensions.ParseAsync(page)).QuerySelector("[role=alert]")!.TextContent.Should().Contain(words);

        using var json = await _reader.GetAsync(new Uri(Url(text, "json"), UriKind.Relative));
        json.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().Should().Contain(words);
    }

    [Fact]
    public async Task Too_long_text_is_refused_with_the_limit_named()
    {
        var text = string.Concat(Enumerable.Repeat("Stem cells slow ALS. ", 60));

        using var page = await _reader.GetAsync(new Uri(Url(text), UriKind.Relative));
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await WebTestExtensions.ParseAsync(page)).QuerySelector("[role=alert]")!.TextContent.Should().Contain("at most 1,000 characters");

        using var json = await _reader.GetAsync(new Uri(Url(text, "json"), UriKind.Relative));
        json.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().Should().Contain("at most 1,000 characters");
    }

    [Fact]
    public async Task Json_without_text_says_how_to_ask()
    {
        using var json = await _reader.GetAsync(new Uri("/evidence/suggest?format=json", UriKind.Relative));

        json.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().Should().Contain("text parameter");
    }
}

/// <summary>The optional per-address limit, switched on through its setting.</summary>
public sealed class EvidenceSuggestRateLimitTests(EvidenceSuggestRateLimitTests.LimitedAppFactory factory) : IClassFixture<EvidenceSuggestRateLimitTests.LimitedAppFactory>
{
    public sealed class LimitedAppFactory : KnowledgeBaseAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("KnowledgeBase:SuggestRequestsPerMinute", "2");
        }
    }

    [Fact]
    public async Task Past_the_limit_an_address_gets_429_and_other_pages_still_answer()
    {
        var client = factory.CreateBrowser();
        for (var i = 0; i < 2; i++)
            (await client.GetAsync(new Uri("/evidence/suggest?text=NurOwn", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await client.GetAsync(new Uri("/evidence/suggest?text=NurOwn", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await client.GetAsync(new Uri("/studies", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void The_limit_is_off_by_default() =>
        new KnowledgeBase.Web.Infrastructure.KnowledgeBaseOptions().SuggestRequestsPerMinute.Should().Be(0);
}
