using KnowledgeBase.Interchange;
using KnowledgeBase.Linking;
using KnowledgeBase.Retrieval;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgeBase.Tests.Retrieval;

/// <summary>
/// A small CSL-JSON library with abstracts (invented texts) imported into a real SQLite file, embedded with the
/// real model, and ranked through <see cref="EvidenceLookup.SuggestAsync"/>, the entry point every page uses.
/// </summary>
public sealed class EvidenceLookupEndToEndTests : IDisposable
{
    internal static readonly ArcticXsEmbedder Embedder = new();

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private const string Library = """
        [
          { "id": "s1", "type": "article-journal", "title": "Tart cherry juice and sleep duration in older adults",
            "issued": { "date-parts": [[2018]] }, "PMID": "30000001",
            "abstract": "Adults over sixty drank tart cherry juice twice daily for two weeks. Total sleep time rose by 84 minutes compared with a placebo drink, and sleep efficiency improved." },
          { "id": "s2", "type": "article-journal", "title": "Vitamin D supplementation and fracture prevention: a randomised trial",
            "issued": { "date-parts": [[2016]] },
            "abstract": "Community-dwelling women received 2000 IU of cholecalciferol or placebo for three years. Hip and non-vertebral fractures did not differ between the groups." },
          { "id": "s3", "type": "article-journal", "title": "Intermittent fasting and body weight in obese adults",
            "issued": { "date-parts": [[2020]] }, "author": [{ "family": "Varady", "given": "Krista" }, { "family": "Lin", "given": "S" }],
            "abstract": "Alternate-day fasting for twelve weeks reduced body weight by 6 percent and lowered LDL cholesterol without loss of lean mass." },
          { "id": "s4", "type": "article-journal", "title": "Zinc lozenges and the duration of the common cold",
            "issued": { "date-parts": [[2017]] },
            "abstract": "Patients who took zinc acetate lozenges within a day of the first symptoms recovered from their colds three days sooner on average." },
          { "id": "s5", "type": "article-journal", "title": "Blue light glasses and eye strain at computer screens",
            "issued": { "date-parts": [[2021]] },
            "abstract": "Office workers wore blue-light-filtering or clear lenses; eye strain scores after two hours of screen work were the same." }
        ]
        """;

    private async Task<EvidenceLookup> ImportedAsync()
    {
        await using (var db = _database.CreateContext())
        {
            var plan = await new BibliographyImporter(db, TimeProvider.System).ApplyAsync("library.json", Library);
            plan.Errors.Should().BeEmpty();
            var report = await RecordEmbeddings.FillAsync(db, Embedder, null, CancellationToken.None);
            report.Embedded.Should().Be(5);
        }
        return new EvidenceLookup(_database.CreateContext(), new EvidenceLibraryCache(), new ClaimEmbeddings(Embedder), NullLogger<EvidenceLookup>.Instance);
    }

    [Theory]
    [InlineData("Drinking cherry juice helps elderly people sleep more than an hour longer.", "Tart cherry juice and sleep duration in older adults")]
    [InlineData("Taking vitamin D won't stop your bones from breaking.", "Vitamin D supplementation and fracture prevention: a randomised trial")]
    [InlineData("Skipping meals every other day melts away the pounds.", "Intermittent fasting and body weight in obese adults")]
    [InlineData("Sucking on a mineral lozenge shortens a cold by days.", "Zinc lozenges and the duration of the common cold")]
    public async Task A_claim_that_cites_nothing_gets_the_record_it_rests_on_first(string claim, string expectedTitle)
    {
        var lookup = await ImportedAsync();

        var ranked = await lookup.SuggestAsync(ClaimContext.Of(claim), 20, CancellationToken.None);

        ranked.Should().HaveCount(5, "every record is suggested, the weak ones marked so");
        ranked[0].Candidate.Title.Should().Be(expectedTitle);
        ranked[0].Strength.Should().Be(SuggestionStrength.Relevant);
        ranked[0].Reasons.Should().Contain(r => r.Text.Contains("meaning to the abstract", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_naming_author_and_year_gets_that_record_first_and_the_article_reference_counts()
    {
        var lookup = await ImportedAsync();

        var byAuthor = await lookup.SuggestAsync(ClaimContext.Of("Varady et al. (2020) found that cherry juice improves sleep."), 20, CancellationToken.None);
        var byReference = await lookup.SuggestAsync(new ClaimContext("This simple habit changes everything.", null, null, ["30000001"], [], []), 20, CancellationToken.None);

        byAuthor[0].Candidate.Title.Should().Be("Intermittent fasting and body weight in obese adults");
        byAuthor[0].Strength.Should().Be(SuggestionStrength.Strong);
        byAuthor[1].Candidate.Title.Should().Be("Tart cherry juice and sleep duration in older adults");
        byReference[0].Reasons.Select(r => r.Text).Should().Contain("cited by the article (PMID 30000001)");
    }

    [Fact]
    public async Task A_record_whose_text_changed_is_embedded_again_and_a_deleted_one_loses_its_embedding()
    {
        await ImportedAsync();
        await using var db = _database.CreateContext();
        var study = await db.Studies.SingleAsync(s => s.Title.StartsWith("Zinc"));
        var before = (await db.RecordEmbeddings.AsNoTracking().SingleAsync(e => e.RecordId == study.Id)).TextHash;
        study.Abstract = "Zinc lozenges made no difference to how long colds lasted.";
        db.Studies.Remove(await db.Studies.SingleAsync(s => s.Title.StartsWith("Blue")));
        await db.SaveChangesAsync();

        var report = await RecordEmbeddings.FillAsync(db, Embedder, null, CancellationToken.None);

        report.Should().BeEquivalentTo(new { Embedded = 1, Unchanged = 3, Removed = 1 });
        var after = await db.RecordEmbeddings.AsNoTracking().SingleAsync(e => e.RecordId == study.Id);
        after.TextHash.Should().NotBe(before);
        (await db.RecordEmbeddings.CountAsync()).Should().Be(4);
    }

    [Fact]
    public async Task A_study_edited_after_the_library_was_built_is_ranked_by_its_new_text_on_the_next_request()
    {
        var lookup = await ImportedAsync();
        const string claim = "Eating walnuts every day lowers blood pressure.";
        var before = await lookup.SuggestAsync(ClaimContext.Of(claim), 20, CancellationToken.None);
        before.Should().NotContain(s => s.Candidate.Title.Contains("walnut", StringComparison.Ordinal));

        await using (var db = _database.CreateContext())
        {
            var study = await db.Studies.SingleAsync(s => s.Title.StartsWith("Blue"));
            study.Title = "Daily walnuts and blood pressure in adults with hypertension";
            study.Abstract = "Adults ate a handful of walnuts every day for eight weeks; systolic blood pressure fell by 5 mmHg.";
            study.UpdatedAt = DateTime.UtcNow; // as the study form and the importers set it
            await db.SaveChangesAsync();
        }

        var after = await lookup.SuggestAsync(ClaimContext.Of(claim), 20, CancellationToken.None);

        // Its embedding is still the old text's (no fill ran), so its words are what lift it.
        var edited = after.Single(s => s.Candidate.Title == "Daily walnuts and blood pressure in adults with hypertension");
        edited.Reasons.Should().Contain(r => r.Text.StartsWith("shares rare words:", StringComparison.Ordinal) && r.Text.Contains("pressure", StringComparison.Ordinal),
            "the edit wrote a change-history row, so the library is checked and rebuilt at once");
    }
}
