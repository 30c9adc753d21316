using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Interchange;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// Stands in for PubMed's E-utilities, the DOI resolver and ClinicalTrials.gov's API v2 on a local port, answering with
/// recorded responses in each service's documented format, plus the failures a real service has: an unknown id,
/// a 503, a 429 with Retry-After, an answer too slow to wait for.
/// </summary>
public sealed class RecordedServices : IAsyncDisposable
{
    // A made-up record in PubMed's MEDLINE format (efetch rettype=medline).
    public const string NewPmid = "39990001";
    public const string NewMedline = """
        PMID- 39990001
        OWN - NLM
        DP  - 2024 Jun
        TI  - Intrathecal umbilical-cord stem cells in amyotrophic lateral sclerosis: a
              pilot series.
        LID - 10.5555/kb.lookup.2024.1 [doi]
        AB  - Eight patients received two intrathecal doses; no serious adverse events.
        FAU - Lindqvist, Maria
        AU  - Lindqvist M
        FAU - Okafor, Chidi
        AU  - Okafor C
        PT  - Journal Article
        TA  - Test Neurol
        JT  - Testing in Neurology
        """;

    // The DOI resolver's CSL-JSON for a made-up DOI (one item, an object).
    public const string NewDoi = "10.5555/kb.lookup.2023.7";
    public const string NewCsl = """
        {"type": "article-journal", "title": "Adipose stromal cells for knee osteoarthritis: a randomised trial",
         "author": [{"family": "Haddad", "given": "Rania"}], "container-title": "Journal of Lookup Tests",
         "issued": {"date-parts": [[2023, 5]]}, "DOI": "10.5555/kb.lookup.2023.7"}
        """;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _calls = new();

    /// <summary>Per path and id, when each request arrived (for the spacing checks).</summary>
    public ConcurrentQueue<(string Key, DateTime At, string Accept)> Requests { get; } = new();

    public string Address { get; private set; } = "";

    private RecordedServices(WebApplication app) => _app = app;

    public static async Task<RecordedServices> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var services = new RecordedServices(app);
        app.MapGet("/eutils/efetch.fcgi", (Delegate)((HttpContext http) => services.PubMed(http)));
        app.MapGet("/doi/{**doi}", (string doi, HttpContext http) => services.Doi(doi, http));
        app.MapGet("/ctgov/studies/{nct}", (string nct, HttpContext http) => services.Registry(nct, http));
        await app.StartAsync();
        services.Address = app.Urls.Single();
        return services;
    }

    public int Calls(string key) => _calls.GetValueOrDefault(key);

    private int Count(string key, HttpContext http)
    {
        Requests.Enqueue((key, DateTime.UtcNow, http.Request.Headers.Accept.ToString()));
        return _calls.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    private async Task<IResult> PubMed(HttpContext http)
    {
        var id = http.Request.Query["id"].ToString();
        var call = Count("pubmed:" + id, http);
        switch (id)
        {
            case NewPmid:
                return Results.Text(NewMedline, "text/plain");
            case "26751635":
                return Results.Text(ParserSamples.Read("pubmed.nbib"), "text/plain");
            case "11111111": // fails once, then answers
                return call == 1 ? Results.StatusCode(503) : Results.Text(NewMedline.Replace(NewPmid, id, StringComparison.Ordinal), "text/plain");
            case "22222222": // rate-limited once, then answers
                if (call == 1)
                {
                    http.Response.Headers.RetryAfter = "1";
                    return Results.StatusCode(429);
                }
                return Results.Text(NewMedline.Replace(NewPmid, id, StringComparison.Ordinal), "text/plain");
            case "33333333": // never in time
                await Task.Delay(TimeSpan.FromSeconds(3), http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Text(NewMedline, "text/plain");
            default: // efetch answers 200 and no record for an id it does not have
                return Results.Text("", "text/plain");
        }
    }

    private IResult Doi(string doi, HttpContext http)
    {
        Count("doi:" + doi, http);
        return string.Equals(doi, NewDoi, StringComparison.OrdinalIgnoreCase) && http.Request.Headers.Accept.ToString().Contains("application/vnd.citationstyles.csl+json", StringComparison.Ordinal)
            ? Results.Text(NewCsl, "application/vnd.citationstyles.csl+json")
            : Results.NotFound();
    }

    private IResult Registry(string nct, HttpContext http)
    {
        Count("ctgov:" + nct, http);
        return nct == "NCT03280056" ? Results.Text(ParserSamples.Read("NCT03280056.json"), "application/json") : Results.NotFound();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The app with "add by identifier" on, pointed at <see cref="RecordedServices"/>.</summary>
public sealed class LookupAppFactory : KnowledgeBaseAppFactory, IAsyncLifetime
{
    public RecordedServices Upstream { get; private set; } = null!;

    public async Task InitializeAsync() => Upstream = await RecordedServices.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Upstream.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("KnowledgeBase:Lookup:Enabled", "true");
        builder.UseSetting("KnowledgeBase:Lookup:PubMedAddress", Upstream.Address + "/eutils/");
        builder.UseSetting("KnowledgeBase:Lookup:DoiAddress", Upstream.Address + "/doi/");
        builder.UseSetting("KnowledgeBase:Lookup:ClinicalTrialsAddress", Upstream.Address + "/ctgov/");
        builder.UseSetting("KnowledgeBase:Lookup:Timeout", "00:00:00.5");
        builder.UseSetting("KnowledgeBase:Lookup:Retries", "1");
        builder.UseSetting("KnowledgeBase:Lookup:MinimumInterval", "00:00:00.05");
    }
}

public sealed class AddByIdentifierTests(LookupAppFactory factory) : IClassFixture<LookupAppFactory>, IAsyncLifetime
{
    private readonly HttpClient _editor = factory.CreateBrowser();

    public async Task InitializeAsync()
    {
        var email = $"lookup-{Guid.NewGuid():N}@example.org";
        await factory.CreateAccountAsync(email, AccountRole.Editor);
        await _editor.SignInAsync(email);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(HttpResponseMessage Response, IHtmlDocument Page)> LookUpAsync(string identifier)
    {
        var form = await _editor.GetPageAsync("/import");
        var response = await _editor.PostFormAsync("/import/lookup", form, new Dictionary<string, string> { ["identifier"] = identifier });
        return (response, await WebTestExtensions.ParseAsync(response));
    }

    [Theory]
    [InlineData("26751635", LookupKind.Pmid, "26751635")]
    [InlineData("PMID: 26751635", LookupKind.Pmid, "26751635")]
    [InlineData("https://pubmed.ncbi.nlm.nih.gov/26751635/", LookupKind.Pmid, "26751635")]
    [InlineData("10.1001/jamaneurol.2015.4321", LookupKind.Doi, "10.1001/jamaneurol.2015.4321")]
    [InlineData("https://doi.org/10.1001/JAMANEUROL.2015.4321", LookupKind.Doi, "10.1001/jamaneurol.2015.4321")]
    [InlineData("NCT01363401", LookupKind.Nct, "NCT01363401")]
    [InlineData("https://clinicaltrials.gov/study/nct01363401", LookupKind.Nct, "NCT01363401")]
    public void An_identifier_is_read_as_written_by_people(string input, LookupKind kind, string id) =>
        LookupRequest.Parse(input).Should().Be(new LookupRequest(kind, id));

    [Theory]
    [InlineData("")]
    [InlineData("stem cells for ALS")]
    [InlineData("12345678901234")]
    public void Anything_else_is_not_an_identifier(string input) => LookupRequest.Parse(input).Should().BeNull();

    [Fact]
    public async Task A_PMID_is_fetched_from_PubMed_previewed_and_added_only_on_confirmation()
    {
        var (response, page) = await LookUpAsync("PMID " + RecordedServices.NewPmid);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.Should().Be($"Preview: PubMed PMID {RecordedServices.NewPmid}");
        page.QuerySelector("table tbody tr")!.TextContent.Should().Contain("Intrathecal umbilical-cord stem cells").And.Contain("add");
        (await factory.QueryAsync(db => db.Studies.AnyAsync(s => s.Pmid == RecordedServices.NewPmid))).Should().BeFalse("a preview changes nothing");

        using var applied = await _editor.PostFormAsync("/import/apply", page, new Dictionary<string, string>
        {
            ["Token"] = page.FormValue("/import/apply", "Token"),
            ["FileName"] = page.FormValue("/import/apply", "FileName"),
        });

        applied.StatusCode.Should().Be(HttpStatusCode.OK);
        var study = await factory.QueryAsync(db => db.Studies.SingleAsync(s => s.Pmid == RecordedServices.NewPmid));
        study.Doi.Should().Be("10.5555/kb.lookup.2024.1");
        study.Year.Should().Be(2024);
        study.Provenance.Should().ContainSingle().Which.Should().Contain($"PubMed PMID {RecordedServices.NewPmid}");
    }

    [Fact]
    public async Task A_DOI_is_asked_for_as_CSL_JSON_and_a_record_already_held_is_matched_not_added_again()
    {
        var (doiResponse, doiPage) = await LookUpAsync("https://doi.org/" + RecordedServices.NewDoi.ToUpperInvariant());

        doiResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        doiPage.QuerySelector("table tbody tr")!.TextContent.Should().Contain("Adipose stromal cells for knee osteoarthritis");
        factory.Upstream.Requests.Should().Contain(r => r.Key == "doi:" + RecordedServices.NewDoi && r.Accept.Contains("application/vnd.citationstyles.csl+json"));

        // The seed library already holds this PubMed record and this registry record.
        var (pubmed, pubmedPage) = await LookUpAsync("26751635");
        pubmed.StatusCode.Should().Be(HttpStatusCode.OK);
        pubmedPage.QuerySelector("table tbody tr")!.TextContent.Should().NotContain("add", "the study is in the library already (same PMID)");

        var (registry, registryPage) = await LookUpAsync("NCT03280056");
        registry.StatusCode.Should().Be(HttpStatusCode.OK);
        registryPage.QuerySelector("h1")!.TextContent.Should().Be("Preview: ClinicalTrials.gov NCT03280056");
    }

    [Fact]
    public async Task An_identifier_no_service_knows_is_named_and_nothing_is_added()
    {
        var (pubmed, pubmedPage) = await LookUpAsync("39999999");
        pubmed.StatusCode.Should().Be(HttpStatusCode.NotFound);
        pubmedPage.QuerySelector("[role=alert]")!.TextContent.Should().Contain("PubMed has no record 39999999");

        var (doi, doiPage) = await LookUpAsync("10.5555/does-not-exist");
        doi.StatusCode.Should().Be(HttpStatusCode.NotFound);
        doiPage.QuerySelector("[role=alert]")!.TextContent.Should().Contain("no record 10.5555/does-not-exist");

        var (nonsense, nonsensePage) = await LookUpAsync("stem cells for ALS");
        nonsense.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        nonsensePage.QuerySelector("[role=alert]")!.TextContent.Should().Contain("Give a PubMed id");
    }

    [Fact]
    public async Task A_failure_that_may_pass_is_retried_and_a_rate_limit_is_waited_out()
    {
        var (failedOnce, page) = await LookUpAsync("11111111");
        failedOnce.StatusCode.Should().Be(HttpStatusCode.OK, "the 503 was retried");
        page.QuerySelector("h1")!.TextContent.Should().Contain("PubMed PMID 11111111");
        factory.Upstream.Calls("pubmed:11111111").Should().Be(2);

        var watch = Stopwatch.StartNew();
        var (limited, _) = await LookUpAsync("22222222");
        limited.StatusCode.Should().Be(HttpStatusCode.OK, "the 429 was waited out");
        factory.Upstream.Calls("pubmed:22222222").Should().Be(2);
        var times = factory.Upstream.Requests.Where(r => r.Key == "pubmed:22222222").Select(r => r.At).ToList();
        (times[1] - times[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9), "Retry-After: 1 is honoured");
    }

    [Fact]
    public async Task A_service_too_slow_to_answer_is_given_up_on_with_a_message()
    {
        var (response, page) = await LookUpAsync("33333333");

        response.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        page.QuerySelector("[role=alert]")!.TextContent.Should().Contain("PubMed did not answer within 0.5 s").And.Contain("Nothing was added");
        factory.Upstream.Calls("pubmed:33333333").Should().Be(2, "one attempt and one retry");
    }
}

/// <summary>With the shipped settings the app never calls out, and says so.</summary>
public sealed class LookupOffTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    [Fact]
    public async Task Lookup_is_off_by_default_and_the_import_page_says_how_to_add_a_record_instead()
    {
        var editor = factory.CreateBrowser();
        var email = $"lookup-off-{Guid.NewGuid():N}@example.org";
        await factory.CreateAccountAsync(email, AccountRole.Editor);
        await editor.SignInAsync(email);

        var form = await editor.GetPageAsync("/import");
        form.QuerySelector("form[action='/import/lookup']").Should().BeNull();
        form.Body!.TextContent.Should().Contain("Looking records up online is off on this server");

        using var response = await editor.PostFormAsync("/import/lookup", form, new Dictionary<string, string> { ["identifier"] = "26751635" });
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await WebTestExtensions.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent.Should().Contain("KnowledgeBase:Lookup:Enabled");
    }
}
