using System.Net;
using AngleSharp.Dom;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The real app started as a newcomer would start it (fresh SQLite file, migrations, seeds imported
/// on first run), its pages fetched over HTTP and read as HTML.
/// </summary>
public sealed class PagesTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    private readonly HttpClient _client = factory.CreateBrowser();

    private Task<T> QueryAsync<T>(Func<KnowledgeBaseDbContext, Task<T>> query) => factory.QueryAsync(query);

    private static string Text(IElement? element) => element?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Home_shows_what_the_knowledge_base_holds()
    {
        var page = await _client.GetPageAsync("/");

        var stats = page.QuerySelectorAll(".stat").ToDictionary(
            s => Text(s.QuerySelector(".stat__label")),
            s => int.Parse(Text(s.QuerySelector(".stat__number")).Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        stats["sources"].Should().Be(7);
        stats["studies"].Should().Be(22);
        stats["trials"].Should().Be(10);
        stats["claims"].Should().BePositive("claims are detected in the seeds on import");
        page.QuerySelectorAll("a[href^='/sources/']").Should().NotBeEmpty("the newest sources are listed");
        page.QuerySelectorAll("a[href^='/studies?therapy=']").Should().NotBeEmpty("studies can be browsed by therapy type from home");
    }

    [Fact]
    public async Task Sources_list_shows_the_seven_articles_including_the_three_from_one_file()
    {
        var page = await _client.GetPageAsync("/sources");

        var titles = page.QuerySelectorAll("a[href^='/sources/']").Select(Text).Distinct().ToList();
        titles.Should().HaveCount(7);
        titles.Should().Contain([
            "Stem Cells Show Protective Potential for Amyotrophic Lateral Sclerosis (ALS)",
            "Stem Cells that Secrete Neurotrophic Factors Shown to be Safe in ALS Patients",
            "Phase I Clinical Trial Demonstrates Safety of Stem Cell Therapy for Amyotrophic Lateral Sclerosis",
        ]);
    }

    [Fact]
    public async Task Source_page_shows_the_cleaned_text_with_claims_in_place_and_the_articles_own_references()
    {
        var source = await QueryAsync(db => db.Sources.Include(s => s.Claims).SingleAsync(s => s.FileName == "000_0a69e49d4b7b84ee.txt"));

        var page = await _client.GetPageAsync($"/sources/{source.Id}");

        var text = Text(page.QuerySelector(".article-text"));
        text.Should().Contain("neurotrophic factors (NTFs)");
        text.Should().NotContain("Subscribe To Our Newsletter").And.NotContain("Request Information Packet");
        var marks = page.QuerySelectorAll(".article-text a.claim-mark");
        marks.Should().NotBeEmpty();
        var firstClaim = source.Claims.OrderBy(c => c.Start).First();
        marks.Select(m => m.GetAttribute("href")).Should().Contain(h => h!.EndsWith($"/claims/{firstClaim.Id}", StringComparison.Ordinal));
        Text(marks.First(m => m.GetAttribute("href")!.EndsWith($"/claims/{firstClaim.Id}", StringComparison.Ordinal)))
            .Should().Be(firstClaim.Quote.Trim(), "the highlight covers exactly the claim's quote");

        var references = page.QuerySelectorAll(".reference-list li");
        references.Should().HaveCount(2);
        references[0].QuerySelector("a[href='https://pubmed.ncbi.nlm.nih.gov/26751635/']").Should().NotBeNull();
        Text(references[0].QuerySelector(".resolves")).Should().StartWith("Resolves to the study");
        page.QuerySelector($"a[href='/sources/{source.Id}/original']").Should().NotBeNull();
    }

    [Fact]
    public async Task Original_text_is_shown_exactly_as_imported()
    {
        var source = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "000_0a69e49d4b7b84ee.txt"));

        var page = await _client.GetPageAsync($"/sources/{source.Id}/original");

        page.QuerySelector("pre")!.TextContent.Should().Contain("Request Information Packet").And.Contain("Subscribe To Our Newsletter");
        page.QuerySelector("pre")!.TextContent.Trim().Should().Be(source.OriginalText.Trim());
    }

    [Fact]
    public async Task Studies_can_be_browsed_by_therapy_type_with_a_count_per_type()
    {
        var all = await _client.GetPageAsync("/studies");
        var facet = all.QuerySelectorAll("a.facet__link").First(a => Text(a.QuerySelector(".facet__label")) == "MSC-NTF (NurOwn)");
        var count = int.Parse(Text(facet.QuerySelector(".facet__count")).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var expected = await QueryAsync(db => db.Studies.CountAsync(s => s.TherapyTypes.Any(t => t.Slug == TherapyType.MscNtf)));
        count.Should().Be(expected).And.BeGreaterThan(0);

        var filtered = await _client.GetPageAsync(facet.GetAttribute("href")!);

        var rows = filtered.QuerySelectorAll("table tbody tr");
        rows.Should().HaveCount(expected);
        rows.Should().OnlyContain(r => r.TextContent.Contains("MSC-NTF (NurOwn)"));
    }

    [Fact]
    public async Task Study_page_links_identifiers_to_public_records_and_shows_provenance()
    {
        var id = await QueryAsync(db => db.Studies.Where(s => s.LibraryId == "REC-01").Select(s => s.Id).SingleAsync());

        var page = await _client.GetPageAsync($"/studies/{id}");

        page.QuerySelector("a[href='https://doi.org/10.1001/jamaneurol.2015.4321']").Should().NotBeNull();
        page.QuerySelector("a[href='https://pubmed.ncbi.nlm.nih.gov/26751635/']").Should().NotBeNull();
        page.QuerySelector("a[href='https://clinicaltrials.gov/study/NCT01051882']").Should().NotBeNull();
        page.QuerySelector("a[href='https://www.neurologyadvisor.com/topics/neuromuscular-disorders/mesenchymal-neurotrophic-growth-factor-cells-may-slow-als/2/']")
            .Should().NotBeNull("the addresses the facts were checked against are listed");
        page.Body!.TextContent.Should().Contain("REC-01").And.Contain("full author list");
    }

    [Fact]
    public async Task A_study_whose_identifiers_are_unverified_says_so_instead_of_showing_them()
    {
        var id = await QueryAsync(db => db.Studies.Where(s => s.LibraryId == "REC-02").Select(s => s.Id).SingleAsync());

        var page = await _client.GetPageAsync($"/studies/{id}");

        var notConfirmed = page.QuerySelectorAll("li").Select(Text).Where(t => t.StartsWith("Not confirmed:", StringComparison.Ordinal)).ToList();
        notConfirmed.Should().Contain(["Not confirmed: PMID", "Not confirmed: DOI"]);
        page.QuerySelectorAll("a[href^='https://doi.org/']").Should().BeEmpty();
    }

    [Fact]
    public async Task Trials_can_be_browsed_by_therapy_type_and_show_the_studies_that_report_them()
    {
        var list = await _client.GetPageAsync("/trials?therapy=bone-marrow-msc");
        var rows = list.QuerySelectorAll("table tbody tr");
        rows.Should().NotBeEmpty();
        rows.Select(Text).Should().Contain(t => t.Contains("NCT01363401"));
        rows.Select(Text).Should().NotContain(t => t.Contains("NCT01609283"), "that is an adipose-MSC trial");

        var id = await QueryAsync(db => db.Trials.Where(t => t.NctId == "NCT01363401").Select(t => t.Id).SingleAsync());
        var page = await _client.GetPageAsync($"/trials/{id}");

        page.QuerySelector("a[href='https://clinicaltrials.gov/study/NCT01363401']").Should().NotBeNull();
        var studyIds = await QueryAsync(db => db.Studies.Where(s => s.LibraryId == "REC-07" || s.LibraryId == "REC-08").Select(s => s.Id).ToListAsync());
        foreach (var studyId in studyIds)
            page.QuerySelector($"a[href='/studies/{studyId}']").Should().NotBeNull();
    }

    [Fact]
    public async Task Claims_list_filters_by_source_and_status()
    {
        var source = await QueryAsync(db => db.Sources.Include(s => s.Claims).SingleAsync(s => s.FileName == "003_b91c22ed071beb9d.txt"));

        var page = await _client.GetPageAsync($"/claims?source={source.Id}&status=candidate");

        var rows = page.QuerySelectorAll("table tbody tr");
        rows.Should().HaveCount(source.Claims.Count(c => c.Status == ClaimStatus.Candidate));
        rows.Should().OnlyContain(r => r.QuerySelector($"a[href^='/sources/{source.Id}?claim=']") != null);

        var none = await _client.GetPageAsync($"/claims?source={source.Id}&status=rejected");
        none.QuerySelectorAll("table tbody tr").Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_record_gets_a_friendly_not_found_page()
    {
        using var response = await _client.GetAsync(new Uri("/studies/999999", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var page = await WebTestExtensions.ParseAsync(response);
        Text(page.QuerySelector("h1")).Should().Be("Not found");
    }

    [Fact]
    public async Task Editors_notes_are_rendered_as_markdown_without_executable_markup()
    {
        var claimId = await QueryAsync(async db =>
        {
            var claim = await db.Claims.OrderBy(c => c.Id).FirstAsync();
            var study = await db.Studies.FirstAsync(s => s.LibraryId == "REC-13");
            db.EvidenceLinks.Add(new EvidenceLink
            {
                ClaimId = claim.Id,
                StudyId = study.Id,
                Relation = EvidenceRelation.AlludesTo,
                Assessment = EvidenceAssessment.Overstated,
                Note = "**Overstated**: see <script>alert('x')</script> and [the paper](javascript:alert(1)) <img src=x onerror=alert(2)>",
                CreatedBy = "editor@example.org",
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return claim.Id;
        });

        var page = await _client.GetPageAsync($"/claims/{claimId}");

        var note = page.QuerySelector(".evidence__note")!;
        note.QuerySelector("strong")!.TextContent.Should().Be("Overstated");
        note.QuerySelector("a")!.GetAttribute("href").Should().Be("#", "a javascript: link is neutralised");
        page.QuerySelectorAll("script:not([src])").Should().BeEmpty();
        page.QuerySelectorAll("img").Should().BeEmpty();
        page.QuerySelectorAll("[onerror]").Should().BeEmpty();
        page.QuerySelectorAll("a[href^='javascript:']").Should().BeEmpty();
        note.TextContent.Should().Contain("<script>alert('x')</script>", "raw HTML is shown as text");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sources")]
    [InlineData("/studies")]
    [InlineData("/trials")]
    [InlineData("/claims")]
    [InlineData("/evidence/suggest?text=NurOwn%20phase%203b")]
    [InlineData("/account/login")]
    public async Task Pages_are_served_with_security_headers_and_no_inline_script_or_style(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        csp.Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().ContainSingle();
        var page = await WebTestExtensions.ParseAsync(response);
        page.QuerySelectorAll("script:not([src])").Should().BeEmpty("the policy would block inline script");
        page.QuerySelectorAll("[style], style").Should().BeEmpty("the policy would block inline style");
    }
}
