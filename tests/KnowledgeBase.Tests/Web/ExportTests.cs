using System.Net;
using System.Text.Json;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>A reader downloads citation lists and claim reviews; the files are checked as a tool would read them.</summary>
public sealed class ExportTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    private readonly HttpClient _reader = factory.CreateBrowser();

    private Task<T> QueryAsync<T>(Func<KnowledgeBaseDbContext, Task<T>> query) => factory.QueryAsync(query);

    private async Task<(HttpResponseMessage Response, string Body)> DownloadAsync(string url)
    {
        var response = await _reader.GetAsync(new Uri(url, UriKind.Relative));
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_articles_evidence_list_downloads_as_ris_with_a_meaningful_file_name()
    {
        var source = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "000_0a69e49d4b7b84ee.txt"));

        var (response, body) = await DownloadAsync($"/export/references?format=ris&source={source.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-research-info-systems");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be($"evidence-of-000-0a69e49d4b7b84ee-{source.Id}.ris");
        body.Should().Contain("TY  - JOUR").And.Contain("DO  - 10.1001/jamaneurol.2015.4321", "the article's own reference resolves to Petrou 2016");
        body.Should().Contain("\r\n", "RIS lines end with CRLF");
    }

    [Fact]
    public async Task A_browse_filter_downloads_exactly_its_studies_as_csl_json()
    {
        var expected = await QueryAsync(db => db.Studies.Where(s => s.TherapyTypes.Any(t => t.Slug == TherapyType.AdiposeMsc)).Select(s => s.Title).ToListAsync());

        var (response, body) = await DownloadAsync("/export/references?format=csl-json&what=studies&therapy=adipose-msc");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.citationstyles.csl+json");
        using var json = JsonDocument.Parse(body);
        json.RootElement.EnumerateArray().Select(i => i.GetProperty("title").GetString()).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task The_whole_library_downloads_as_bibtex_with_one_entry_per_study_and_trial()
    {
        var count = await QueryAsync(async db => await db.Studies.CountAsync() + await db.Trials.CountAsync());

        var (response, body) = await DownloadAsync("/export/references?format=bibtex");

        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("knowledge-base-library.bib");
        body.Split('\n').Count(l => l.StartsWith('@')).Should().Be(count);
    }

    [Fact]
    public async Task A_numbered_vancouver_list_names_unverified_facts_instead_of_hiding_them()
    {
        var (_, body) = await DownloadAsync("/export/references?format=vancouver&what=studies&therapy=msc-ntf");

        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("1. ");
        body.Should().Contain("Petrou P, Gothelf Y, Argov Z, et al.");
    }

    [Fact]
    public async Task Claim_links_csv_neutralises_spreadsheet_formulas()
    {
        await QueryAsync(async db =>
        {
            var claim = await db.Claims.OrderBy(c => c.Id).FirstAsync();
            db.EvidenceLinks.Add(new EvidenceLink
            {
                ClaimId = claim.Id,
                Relation = EvidenceRelation.NoCitationGiven,
                Assessment = EvidenceAssessment.Unsupported,
                Note = "=HYPERLINK(\"http://evil.example\",\"click\")",
                CreatedBy = "editor@example.org",
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var (response, body) = await DownloadAsync("/export/claim-links.csv");

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        body.Should().Contain("'=HYPERLINK(").And.NotContain(",=HYPERLINK(").And.NotContain(",\"=HYPERLINK(");
    }

    [Fact]
    public async Task Confirmed_and_assessed_claims_download_as_schema_org_claim_reviews_with_the_note_as_plain_text()
    {
        var (confirmedId, candidateId, sourceUrl, sourceTitle) = await QueryAsync(async db =>
        {
            List<Claim> claims =
            [
                await db.Claims.Include(c => c.Source).FirstAsync(c => c.Quote.Contains("Barzewska")),
                await db.Claims.Include(c => c.Source).FirstAsync(c => c.Quote.Contains("NurOwn") && !c.Quote.Contains("Barzewska")),
            ];
            var study = await db.Studies.SingleAsync(s => s.LibraryId == "REC-13");
            claims[0].Status = ClaimStatus.Confirmed;
            claims[0].Source!.Url = "https://clinic.example.com/als-article";
            var now = DateTime.UtcNow;
            db.EvidenceLinks.Add(new EvidenceLink
            {
                ClaimId = claims[0].Id, StudyId = study.Id, Relation = EvidenceRelation.CitesExplicitly, Assessment = EvidenceAssessment.Overstated,
                Note = "The **trial** was uncontrolled.<script>alert(1)</script> See [the record](javascript:alert(2)) and [PubMed](https://pubmed.example.org/1).",
                CreatedBy = "editor@example.org", CreatedAt = now, UpdatedAt = now,
            });
            // An assessed link on a claim nobody confirmed: not a published review.
            db.EvidenceLinks.Add(new EvidenceLink
            {
                ClaimId = claims[1].Id, StudyId = study.Id, Relation = EvidenceRelation.AlludesTo, Assessment = EvidenceAssessment.Unsupported,
                CreatedBy = "editor@example.org", CreatedAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync();
            return (claims[0].Id, claims[1].Id, claims[0].Source!.Url, claims[0].Source!.Title);
        });

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/export/claim-reviews.jsonld", UriKind.Relative));
        request.Headers.Host = "evil.example";
        using var response = await _reader.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/ld+json");
        body.Should().NotContain("evil.example", "the Host header of a request is never written into exported links");
        using var json = JsonDocument.Parse(body);
        var reviews = json.RootElement.EnumerateArray().ToList();
        reviews.Should().NotContain(r => r.GetProperty("url").GetString()!.EndsWith($"/claims/{candidateId}", StringComparison.Ordinal), "a candidate is not a review");
        var review = reviews.Single(r => r.GetProperty("url").GetString()!.EndsWith($"/claims/{confirmedId}", StringComparison.Ordinal));
        review.GetProperty("@type").GetString().Should().Be("ClaimReview");
        review.GetProperty("claimReviewed").GetString().Should().Contain("Barzewska et al.");
        review.GetProperty("reviewRating").GetProperty("alternateName").GetString().Should().Be("Overstated");
        review.GetProperty("reviewRating").GetProperty("ratingValue").GetInt32().Should().Be(3);
        review.GetProperty("author").GetProperty("name").GetString().Should().Be("KnowledgeBase");
        review.GetProperty("datePublished").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}$");
        var item = review.GetProperty("itemReviewed");
        item.GetProperty("@type").GetString().Should().Be("Claim");
        item.GetProperty("appearance").GetProperty("url").GetString().Should().Be(sourceUrl);
        item.GetProperty("appearance").GetProperty("headline").GetString().Should().Be(sourceTitle);
        review.GetProperty("reviewBody").GetString().Should().Be("The trial was uncontrolled. See the record and PubMed (https://pubmed.example.org/1).");
    }

    [Fact]
    public async Task An_unknown_format_is_refused_with_the_list_of_formats()
    {
        var (response, body) = await DownloadAsync("/export/references?format=docx");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("ris").And.Contain("bibtex");
    }

    [Fact]
    public async Task Pages_offer_the_downloads()
    {
        var source = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "000_0a69e49d4b7b84ee.txt"));

        var sourcePage = await _reader.GetPageAsync($"/sources/{source.Id}");
        var studies = await _reader.GetPageAsync("/studies?therapy=adipose-msc");

        sourcePage.QuerySelector($"a[href='/export/references?format=ris&source={source.Id}']").Should().NotBeNull();
        sourcePage.QuerySelector($"a[href='/export/claim-reviews.jsonld?source={source.Id}']").Should().NotBeNull();
        studies.QuerySelector("a[href='/export/references?format=bibtex&what=studies&therapy=adipose-msc']").Should().NotBeNull();
    }

    [Fact]
    public async Task An_article_with_nothing_linked_says_so_instead_of_offering_empty_files()
    {
        const string article = "Wombat cell therapy at our invented clinic\n\nWombat cell therapy at our invented clinic\n\nOur invented clinic offers wombat cells for knees. Patients say they feel better.\n";
        using (var scope = factory.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<KnowledgeBase.Importing.Importer>()
                .ImportContentAsync("wombat-nothing-linked.txt", System.Text.Encoding.UTF8.GetBytes(article));
            result.Error.Should().BeNull();
        }
        var source = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "wombat-nothing-linked.txt"));

        var page = await _reader.GetPageAsync($"/sources/{source.Id}");

        page.QuerySelector("#export-heading")!.ParentElement!.TextContent.Should().Contain("Nothing is linked to this article yet");
        page.QuerySelectorAll("a[href^='/export/references']").Should().BeEmpty("an evidence list with nothing in it is not offered as a file");
    }

    [Fact]
    public async Task A_hand_picked_selection_downloads_in_the_order_picked()
    {
        var ids = await QueryAsync(async db => new
        {
            Barczewska = await db.Studies.Where(s => s.LibraryId == "REC-13").Select(s => s.Id).SingleAsync(),
            Mazzini = await db.Studies.Where(s => s.LibraryId == "REC-14").Select(s => s.Id).SingleAsync(),
            Trial = await db.Trials.Where(t => t.NctId == "NCT03280056").Select(t => t.Id).SingleAsync(),
        });
        var studies = await _reader.GetPageAsync("/studies");
        studies.QuerySelector($"input[type=checkbox][name=ids][value='study:{ids.Barczewska}']").Should().NotBeNull("each study can be picked");

        var (_, body) = await DownloadAsync($"/export/references?format=ama&ids=study:{ids.Mazzini}&ids=study:{ids.Barczewska},trial:{ids.Trial}");

        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines[0].Should().Contain("Mazzini");
        lines[1].Should().Contain("Barczewska");
        lines[2].Should().Contain("NCT03280056");
    }

    [Theory]
    [InlineData("study:abc")]
    [InlineData("foo")]
    [InlineData("study:")]
    [InlineData("study:99999999999")]
    public async Task A_malformed_selection_gives_an_empty_list_not_an_error(string ids)
    {
        var (response, body) = await DownloadAsync($"/export/references?format=ris&ids={Uri.EscapeDataString(ids)}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().BeEmpty();
    }

    /// <summary>Every study and trial mapped from fully loaded entities, as the export used to read them.</summary>
    private static async Task<List<KnowledgeBase.Interchange.BibRecord>> FromFullEntitiesAsync(KnowledgeBaseDbContext db, string? therapy = null)
    {
        var studies = await db.Studies.AsNoTracking().WithTherapyType(therapy).Include(s => s.Trials).OrderBy(s => s.Id).ToListAsync();
        var trials = await db.Trials.AsNoTracking().WithTherapyType(therapy).OrderBy(t => t.Id).ToListAsync();
        return [.. studies.Select(KnowledgeBase.Interchange.BibRecordMapping.FromStudy), .. trials.Select(KnowledgeBase.Interchange.BibRecordMapping.FromTrial)];
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(3, null)]
    [InlineData(KnowledgeBase.Web.Features.Export.LibraryRecords.DefaultBatch, null)]
    [InlineData(2, TherapyType.AdiposeMsc)]
    public async Task Batched_library_reading_gives_the_records_of_the_full_entities_across_batch_boundaries(int batch, string? therapy)
    {
        // A study whose author list was cut ("et al." in its file): the batched reading must say so, as the full entity does.
        await QueryAsync(async db =>
        {
            var study = await db.Studies.Where(s => s.Authors != null).OrderBy(s => s.Id).FirstAsync();
            study.AuthorsTruncated = true;
            return await db.SaveChangesAsync();
        });
        var (expected, read) = await QueryAsync(async db => (
            await FromFullEntitiesAsync(db, therapy),
            KnowledgeBase.Web.Features.Export.LibraryRecords.Read(db, db.Studies.WithTherapyType(therapy), db.Trials.WithTherapyType(therapy), batch).ToList()));

        expected.Should().Contain(r => r.Kind == KnowledgeBase.Interchange.BibRecordKind.Publication && r.NctIds.Count > 0, "some studies report registered trials");
        expected.Should().Contain(r => r.Note != null && r.Note.Contains("Not confirmed", StringComparison.Ordinal), "some records carry unverified facts");
        expected.Should().Contain(r => r.AuthorsTruncated, "one study's author list is cut");
        // Every field of every record, in order (records hold lists, so compare them as JSON).
        JsonSerializer.Serialize(read).Should().Be(JsonSerializer.Serialize(expected));
    }

    [Theory]
    [InlineData("ris")]
    [InlineData("csl-json")]
    [InlineData("bibtex")]
    public async Task The_library_download_is_byte_for_byte_what_the_writer_makes_of_the_full_entities(string format)
    {
        var expected = await QueryAsync(db => FromFullEntitiesAsync(db));
        using var file = new MemoryStream();
        KnowledgeBase.Web.Features.Export.ExportFormat.Find(format)!.Write(expected, file);

        var response = await _reader.GetAsync(new Uri($"/export/references?format={format}", UriKind.Relative));

        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(file.ToArray());
    }

    [Fact]
    public async Task The_start_up_warm_up_writes_the_librarys_first_records_in_every_format()
    {
        var (studies, trials) = await QueryAsync(async db => (await db.Studies.CountAsync(), await db.Trials.CountAsync()));

        var written = await QueryAsync(db => KnowledgeBase.Web.Features.Export.ExportController.WarmUpAsync(db, CancellationToken.None));

        var perFormat = Math.Min(studies, KnowledgeBase.Web.Features.Export.ExportController.WarmUpStudies)
            + Math.Min(trials, KnowledgeBase.Web.Features.Export.ExportController.WarmUpTrials);
        perFormat.Should().BeGreaterThan(0);
        written.Should().Be(KnowledgeBase.Web.Features.Export.ExportController.WarmUpPasses * perFormat * KnowledgeBase.Web.Features.Export.ExportFormat.All.Count,
            "studies and then trials, through every format's writer, in each pass");
    }
}
