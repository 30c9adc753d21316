using System.Text.RegularExpressions;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Synthetic;
using KnowledgeBase.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Synthetic;

/// <summary>The app started on a tiny generated corpus instead of the seeds.</summary>
public sealed class GeneratedCorpusAppFactory() : GeneratedCorpusAppFactoryBase(Size, seed: 7)
{
    public static readonly CorpusSize Size = new(Sources: 40, Claims: 400, Studies: 30, Trials: 12, EvidenceLinks: 220);
}

public sealed partial class CorpusGeneratorTests(GeneratedCorpusAppFactory factory) : IClassFixture<GeneratedCorpusAppFactory>
{
    [Fact]
    public async Task Writes_exactly_the_requested_counts()
    {
        var counts = await factory.QueryAsync(async db => new CorpusSize(
            await db.Sources.CountAsync(), await db.Claims.CountAsync(), await db.Studies.CountAsync(), await db.Trials.CountAsync(), await db.EvidenceLinks.CountAsync()));

        counts.Should().Be(GeneratedCorpusAppFactory.Size);
    }

    [Fact]
    public async Task Claims_quote_their_source_text_at_their_offsets()
    {
        var claims = await factory.QueryAsync(db => db.Claims.AsNoTracking()
            .Select(c => new { c.Quote, c.Start, c.End, c.Prefix, c.Suffix, c.Source!.CleanedText, c.SourceId }).ToListAsync());

        claims.Should().OnlyContain(c => c.CleanedText.Substring(c.Start, c.End - c.Start) == c.Quote);
        claims.Where(c => !c.CleanedText[..c.Start].EndsWith(c.Prefix, StringComparison.Ordinal) || !c.CleanedText[c.End..].StartsWith(c.Suffix, StringComparison.Ordinal))
            .Should().BeEmpty("each claim's context is the text around it");
        claims.Should().OnlyContain(c => c.Quote.Length >= 60 && c.Quote.Length <= 400);
        claims.GroupBy(c => c.SourceId).Select(g => g.Count()).Distinct().Should().HaveCountGreaterThan(3, "claims per source are skewed, not uniform");
    }

    [Fact]
    public async Task Every_reference_points_at_a_row_that_exists()
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_key_check;";
        using var reader = await command.ExecuteReaderAsync();

        (await reader.ReadAsync()).Should().BeFalse("no row refers to a missing row");
        var links = await factory.QueryAsync(db => db.EvidenceLinks.AsNoTracking().Select(l => new { l.Relation, l.StudyId, l.TrialId }).ToListAsync());
        links.Should().OnlyContain(l => (l.Relation == EvidenceRelation.NoCitationGiven) == (l.StudyId == null && l.TrialId == null));
        (await factory.QueryAsync(db => db.Studies.CountAsync(s => s.TherapyTypes.Count == 0))).Should().Be(0);
    }

    [Fact]
    public async Task Identifiers_are_well_formed_and_unique()
    {
        var studies = await factory.QueryAsync(db => db.Studies.AsNoTracking().Select(s => new { s.Doi, s.Pmid }).ToListAsync());
        var nctIds = await factory.QueryAsync(db => db.Trials.AsNoTracking().Select(t => t.NctId).ToListAsync());

        studies.Select(s => s.Doi).Should().OnlyContain(d => d != null && DoiPattern().IsMatch(d)).And.OnlyHaveUniqueItems();
        studies.Select(s => s.Pmid).OfType<string>().Should().OnlyContain(p => PmidPattern().IsMatch(p)).And.OnlyHaveUniqueItems();
        nctIds.Should().OnlyContain(n => NctPattern().IsMatch(n)).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task The_history_of_the_editors_work_reads_back()
    {
        var history = await factory.QueryAsync(db => db.ChangeRecords.AsNoTracking().Where(c => c.EntityType == nameof(EvidenceLink)).Take(20).ToListAsync());

        history.Should().NotBeEmpty().And.OnlyContain(c => c.Changes.Count > 0 && c.Actor.EndsWith("@example.org", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_show_generated_claims_studies_trials_and_sources()
    {
        var claim = await factory.QueryAsync(db => db.Claims.AsNoTracking().Where(c => c.Links.Any(l => l.StudyId != null)).Select(c => new { c.Id, c.Quote, c.SourceId }).FirstAsync());
        var study = await factory.QueryAsync(db => db.Studies.AsNoTracking().Where(s => s.EvidenceLinks.Any()).Select(s => new { s.Id, s.Title }).FirstAsync());
        var trial = await factory.QueryAsync(db => db.Trials.AsNoTracking().Select(t => new { t.Id, t.NctId }).FirstAsync());
        var browser = factory.CreateBrowser();

        (await browser.GetPageAsync($"/claims/{claim.Id}")).Body!.TextContent.Should().Contain(claim.Quote);
        (await browser.GetPageAsync($"/studies/{study.Id}")).QuerySelector("h1")!.TextContent.Should().Contain(study.Title);
        (await browser.GetPageAsync($"/trials/{trial.Id}")).Body!.TextContent.Should().Contain(trial.NctId);
        (await browser.GetPageAsync($"/sources/{claim.SourceId}")).Body!.TextContent.Should().Contain(claim.Quote);
        (await browser.GetPageAsync("/studies?therapy=adipose-msc")).QuerySelectorAll("table tbody tr, li").Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_corpus()
    {
        using var first = new TestFolder();
        var size = new CorpusSize(5, 30, 4, 3, 10);
        await CorpusGenerator.GenerateAsync(Path.Combine(first.Path, "a.db"), size, new CorpusOptions { Seed = 3 });
        await CorpusGenerator.GenerateAsync(Path.Combine(first.Path, "b.db"), size, new CorpusOptions { Seed = 3 });

        (await Dump(Path.Combine(first.Path, "a.db"))).Should().Be(await Dump(Path.Combine(first.Path, "b.db")));
    }

    [SqliteFact] // the generator writes SQLite files (BulkTable takes a SQLite connection)
    public async Task A_column_the_generator_does_not_write_stops_it_with_the_column_named()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();

        var act = () => new BulkTable(connection, db.Model, "Studies", ["Id", "Title"]);

        act.Should().Throw<InvalidOperationException>().WithMessage("*Studies.ImportedAt*Studies.Kind*");
    }

    [Fact]
    public async Task Generated_article_files_import_with_their_claims_detected()
    {
        using var database = new TestDatabase();
        var folder = Path.Combine(database.Folder, "articles");
        SyntheticArticleFiles.Write(folder, 6, seed: 5);
        await using var db = database.CreateContext();

        var report = await TestDatabase.CreateImporter(db).ImportPathAsync(folder);

        report.HasErrors.Should().BeFalse();
        report.Files.Sum(f => f.SourcesAdded).Should().Be(6);
        report.Files.Should().OnlyContain(f => f.ClaimsDetected >= 3, "every generated article carries several claim sentences the detector finds");
    }

    private static async Task<string> Dump(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(Quote || Status || CreatedAt, '|') FROM Claims; ";
        var claims = (string)(await command.ExecuteScalarAsync())!;
        command.CommandText = "SELECT group_concat(Title || Doi || coalesce(Pmid, ''), '|') FROM Studies";
        return claims + (string)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex(@"^10\.[0-9]{4,9}/\S+$")]
    private static partial Regex DoiPattern();

    [GeneratedRegex(@"^[0-9]{8}$")]
    private static partial Regex PmidPattern();

    [GeneratedRegex(@"^NCT[0-9]{8}$")]
    private static partial Regex NctPattern();

    private sealed class TestFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kb-gen-").FullName;

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path, recursive: true);
        }
    }
}
