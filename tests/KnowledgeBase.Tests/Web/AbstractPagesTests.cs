using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Shared;

namespace KnowledgeBase.Tests.Web;

/// <summary>A study's abstract and a trial's registry summary on their pages: encoded text in paragraphs, the rest folded when long.</summary>
public sealed class AbstractPagesTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    private readonly HttpClient _client = factory.CreateBrowser();

    [Fact]
    public async Task A_short_abstract_is_shown_whole_in_paragraphs_as_plain_text()
    {
        var id = await factory.QueryAsync(async db =>
        {
            var study = new Study { Title = "A wallaby report", Kind = StudyKind.TrialReport, Abstract = "First <b>paragraph</b> & more.\n\nSecond <script>alert(1)</script> paragraph." };
            db.Studies.Add(study);
            await db.SaveChangesAsync();
            return study.Id;
        });

        using var response = await _client.GetAsync(new Uri($"/studies/{id}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = await WebTestExtensions.ParseAsync(response);

        html.Should().NotContain("<script>alert(1)").And.NotContain("<b>paragraph");
        var section = page.QuerySelector("section.prose-block")!;
        section.QuerySelector("h2")!.TextContent.Should().Be("Abstract");
        section.QuerySelectorAll("p").Select(p => p.TextContent)
            .Should().Equal("First <b>paragraph</b> & more.", "Second <script>alert(1)</script> paragraph.");
        section.QuerySelector("details").Should().BeNull("a short abstract is not folded");
    }

    [Fact]
    public async Task A_long_registry_summary_shows_its_lead_and_folds_the_rest_with_nothing_lost()
    {
        var sentence = "Participants receive invented cells and are followed for a year. ";
        var brief = string.Concat(Enumerable.Repeat(sentence, 20)).Trim();
        var detail = "The detailed description names every visit.";
        var id = await factory.QueryAsync(async db =>
        {
            var trial = new Trial
            {
                NctId = "NCT09990007",
                Title = "A long registered trial",
                Summary = brief + "\n\n" + detail,
                Conditions = ["Invented Syndrome", "Made-up Palsy"],
                PrimaryOutcomes = ["Invented score at 12 months"],
            };
            db.Trials.Add(trial);
            await db.SaveChangesAsync();
            return trial.Id;
        });

        var page = await _client.GetPageAsync($"/trials/{id}");

        var section = page.QuerySelector("section.prose-block")!;
        section.QuerySelector("h2")!.TextContent.Should().Be("Summary from the registry");
        var lead = section.QuerySelectorAll(":scope > p").Select(p => p.TextContent).ToList();
        var folded = section.QuerySelectorAll("details p").Select(p => p.TextContent).ToList();
        lead.Should().ContainSingle().Which.Length.Should().BeLessThanOrEqualTo(ProseBlock.LeadLength);
        lead[0].Should().EndWith("a year.", "the fold comes after a sentence");
        folded.Should().HaveCount(2).And.EndWith(detail);
        string.Join(" ", lead.Concat(folded)).Should().Be(brief + " " + detail, "the lead and the folded rest together are the whole summary");
        section.QuerySelector("details summary")!.TextContent.Should().Contain("Read the whole summary");
        var rows = page.QuerySelectorAll("table.fields tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        rows["Conditions"].Should().Be("Invented Syndrome; Made-up Palsy");
        rows["Primary outcomes"].Should().Be("Invented score at 12 months");
    }

    [Theory]
    [InlineData("csl-json")]
    [InlineData("csv")]
    public async Task The_library_download_carries_abstracts_and_registry_summaries(string format)
    {
        await factory.QueryAsync(async db =>
        {
            db.Studies.Add(new Study { Title = $"An exported bandicoot report ({format})", Kind = StudyKind.TrialReport, Abstract = "The bandicoot abstract.\n\nIts second paragraph." });
            db.Trials.Add(new Trial { NctId = format == "csv" ? "NCT09990008" : "NCT09990009", Title = $"An exported bandicoot trial ({format})", Summary = "The bandicoot registry summary." });
            return await db.SaveChangesAsync();
        });

        var text = await _client.GetStringAsync(new Uri($"/export/references?format={format}", UriKind.Relative));

        var records = format == "csv"
            ? null
            : KnowledgeBase.Interchange.Parsing.CslJsonParser.Parse(text).Entries.Select(e => e.Record).ToList();
        if (records is null)
        {
            text.Should().Contain("\"The bandicoot abstract.\n\nIts second paragraph.\"").And.Contain("The bandicoot registry summary.");
            return;
        }
        records.Single(r => r.Title == $"An exported bandicoot report ({format})").Abstract.Should().Be("The bandicoot abstract.\n\nIts second paragraph.");
        records.Single(r => r.Title == $"An exported bandicoot trial ({format})").Abstract.Should().Be("The bandicoot registry summary.");
    }

    [Fact]
    public async Task A_study_without_an_abstract_shows_no_abstract_section()
    {
        var id = await factory.QueryAsync(async db =>
        {
            var study = new Study { Title = "A report without abstract", Kind = StudyKind.TrialReport };
            db.Studies.Add(study);
            await db.SaveChangesAsync();
            return study.Id;
        });

        var page = await _client.GetPageAsync($"/studies/{id}");

        page.QuerySelector("section.prose-block").Should().BeNull();
    }
}
