using KnowledgeBase.Data;
using KnowledgeBase.Interchange;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>Abstracts and registry summaries reach the database from every reference format, on a real SQLite file.</summary>
public sealed class AbstractImportTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<ImportPlan> ImportAsync(string fileName, string text)
    {
        await using var db = _database.CreateContext();
        return await new BibliographyImporter(db, TimeProvider.System).ApplyAsync(fileName, text);
    }

    private async Task<T> QueryAsync<T>(Func<KnowledgeBaseDbContext, Task<T>> query)
    {
        await using var db = _database.CreateContext();
        return await query(db);
    }

    private const string CslWithAbstract = """
        [{
          "id": "quokka2021",
          "type": "article-journal",
          "title": "Marsupial stromal cells in a synthetic test cohort",
          "container-title": "Journal of Invented Results",
          "issued": { "date-parts": [[2021]] },
          "DOI": "10.5555/quokka.2021",
          "abstract": "Background: quokkas were counted.\n\nResults: the count rose."
        }]
        """;

    [Fact]
    public async Task A_csl_json_abstract_is_stored_on_the_study_with_its_paragraphs()
    {
        var plan = await ImportAsync("refs.json", CslWithAbstract);

        plan.Errors.Should().BeEmpty();
        var study = await QueryAsync(db => db.Studies.SingleAsync(s => s.Doi == "10.5555/quokka.2021"));
        study.Abstract.Should().Be("Background: quokkas were counted.\n\nResults: the count rose.");
        study.MainResults.Should().BeNull("an abstract is not a curated statement of the main results");
    }

    [Fact]
    public async Task An_abstract_arriving_later_fills_an_empty_one_but_never_replaces_a_stored_one()
    {
        await ImportAsync("first.json", CslWithAbstract.Replace("\"abstract\": \"Background: quokkas were counted.\\n\\nResults: the count rose.\"", "\"note\": \"no abstract yet\"", StringComparison.Ordinal));
        (await QueryAsync(db => db.Studies.SingleAsync())).Abstract.Should().BeNull();

        var second = await ImportAsync("second.json", CslWithAbstract);
        second.Records.Single().Details.Should().Contain(d => d.StartsWith("abstract: (empty) →", StringComparison.Ordinal));
        (await QueryAsync(db => db.Studies.SingleAsync())).Abstract.Should().StartWith("Background: quokkas");

        var third = await ImportAsync("third.json", CslWithAbstract.Replace("Background: quokkas were counted.", "A different abstract.", StringComparison.Ordinal));
        third.Records.Single().Action.Should().Be(PlannedAction.Unchanged);
        (await QueryAsync(db => db.Studies.SingleAsync())).Abstract.Should().StartWith("Background: quokkas", "a stored abstract is kept");
    }

    [Fact]
    public async Task A_registry_record_keeps_its_summary_conditions_interventions_and_primary_outcomes()
    {
        const string ctgov = """
            {
              "protocolSection": {
                "identificationModule": { "nctId": "NCT09990001", "briefTitle": "Quokka cells for an invented condition" },
                "descriptionModule": {
                  "briefSummary": "Tests whether quokka cells help.",
                  "detailedDescription": "Participants get two doses.\n\nThey are followed for a year."
                },
                "conditionsModule": { "conditions": ["Invented Syndrome", "Made-up Palsy"] },
                "armsInterventionsModule": { "interventions": [ { "type": "BIOLOGICAL", "name": "Quokka stromal cells" }, { "type": "OTHER", "name": "Placebo" } ] },
                "outcomesModule": { "primaryOutcomes": [ { "measure": "Change in invented score", "timeFrame": "12 months" }, { "measure": "Adverse events" } ] }
              }
            }
            """;

        await ImportAsync("NCT09990001.json", ctgov);

        var trial = await QueryAsync(db => db.Trials.SingleAsync(t => t.NctId == "NCT09990001"));
        trial.Summary.Should().Be("Tests whether quokka cells help.\n\nParticipants get two doses.\n\nThey are followed for a year.");
        trial.Conditions.Should().Equal("Invented Syndrome", "Made-up Palsy");
        trial.Interventions.Should().Equal("Quokka stromal cells", "Placebo");
        trial.PrimaryOutcomes.Should().Equal("Change in invented score", "Adverse events");
    }

    [Fact]
    public async Task An_over_long_abstract_is_an_error_naming_the_line_and_the_other_records_still_import()
    {
        var tooLong = new string('q', 32_001);
        var csl = $$"""
            [
              { "id": "ok", "type": "article-journal", "title": "A short one", "DOI": "10.5555/ok", "abstract": "Fine." },
              { "id": "long", "type": "article-journal", "title": "A pasted full text", "DOI": "10.5555/long", "abstract": "{{tooLong}}" }
            ]
            """;

        var plan = await ImportAsync("refs.json", csl);

        var error = plan.Errors.Should().ContainSingle().Subject;
        error.Line.Should().Be(3);
        error.Message.Should().Contain("abstract is 32,001 characters long; at most 32,000 are allowed");
        (await QueryAsync(db => db.Studies.Select(s => s.Doi).ToListAsync())).Should().Equal("10.5555/ok");
    }
}
