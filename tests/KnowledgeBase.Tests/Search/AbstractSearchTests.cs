using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Search;
using KnowledgeBase.Search.Sqlite;
using KnowledgeBase.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgeBase.Tests.Search;

/// <summary>Abstracts, registry summaries and the registry's lists are searchable, on the provider the suite runs on.</summary>
public sealed class AbstractSearchTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static async Task<List<SearchHit>> HitsAsync(KnowledgeBaseDbContext db, string typed, SearchKind kind)
    {
        var engine = SearchEngines.For(db, NullLoggerFactory.Instance);
        var results = await engine.SearchAsync(new SearchRequest(SearchQueryParser.Parse(typed), kind, 1));
        return results.Groups.Where(g => g.Kind == kind).SelectMany(g => g.Hits).ToList();
    }

    [Fact]
    public async Task A_word_only_in_an_abstract_finds_the_study_and_the_snippet_shows_it()
    {
        await using var db = _database.CreateContext();
        db.Studies.Add(new Study { Title = "A report on marsupials", Kind = StudyKind.TrialReport, Abstract = "Background.\n\nThe wombatoid response was measured in every animal." });
        db.Studies.Add(new Study { Title = "Another report", Kind = StudyKind.TrialReport, Abstract = "Nothing of note." });
        await db.SaveChangesAsync();

        var hits = await HitsAsync(db, "wombatoid", SearchKind.Study);

        var hit = hits.Should().ContainSingle().Subject;
        SearchHighlight.Plain(hit.Title).Should().Be("A report on marsupials");
        SearchHighlight.Runs(hit.Snippet).Where(r => r.IsMatch).Select(r => r.Text.ToLowerInvariant()).Should().Contain("wombatoid");
    }

    [Fact]
    public async Task Words_in_a_trial_summary_conditions_and_primary_outcomes_find_the_trial()
    {
        await using var db = _database.CreateContext();
        db.Trials.Add(new Trial
        {
            NctId = "NCT09990002",
            Title = "A registered trial",
            Summary = "Tests whether numbatine helps.\n\nParticipants are followed for a year.",
            Conditions = ["Bilbyform Syndrome"],
            Interventions = ["Dunnartase"],
            PrimaryOutcomes = ["Change in the potoroo score"],
        });
        db.Trials.Add(new Trial { NctId = "NCT09990003", Title = "An unrelated trial" });
        await db.SaveChangesAsync();

        foreach (var word in new[] { "numbatine", "bilbyform", "dunnartase", "potoroo" })
            (await HitsAsync(db, word, SearchKind.Trial)).Select(h => h.Id).Should().ContainSingle(word).Which.Should().Be(db.Trials.Local.First().Id);
    }

    [Fact]
    public async Task The_index_follows_an_abstract_that_is_filled_changed_and_cleared()
    {
        await using var db = _database.CreateContext();
        var study = new Study { Title = "A study without an abstract yet", Kind = StudyKind.TrialReport };
        db.Studies.Add(study);
        await db.SaveChangesAsync();
        (await HitsAsync(db, "quollish", SearchKind.Study)).Should().BeEmpty();

        study.Abstract = "The quollish effect.";
        await db.SaveChangesAsync();
        (await HitsAsync(db, "quollish", SearchKind.Study)).Should().ContainSingle();

        study.Abstract = "The antechinal effect.";
        await db.SaveChangesAsync();
        (await HitsAsync(db, "quollish", SearchKind.Study)).Should().BeEmpty();
        (await HitsAsync(db, "antechinal", SearchKind.Study)).Should().ContainSingle();

        study.Abstract = null;
        await db.SaveChangesAsync();
        (await HitsAsync(db, "antechinal", SearchKind.Study)).Should().BeEmpty();
        await IntegrityCheckAsync(db);
    }

    [Fact]
    public async Task Migrating_an_existing_database_indexes_the_abstracts_already_stored()
    {
        using var database = new UnmigratedDatabase();
        await using (var db = database.CreateContext())
        {
            var before = db.Database.GetMigrations().Single(m => m.EndsWith("_AbstractsAndTrialSummaries", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(before);
            // Today's model writes columns later migrations add (Studies.AuthorsTruncated and the columns after it, Trials.ResultsPosted): the old
            // tables get them for this insert only, so the rows are stored as a database of that time would hold them.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Studies\" ADD COLUMN \"AuthorsTruncated\" boolean NOT NULL DEFAULT FALSE");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Trials\" ADD COLUMN \"ResultsPosted\" boolean NULL");
            await UnmigratedDatabase.AddLaterStudyColumnsAsync(db);
            db.Studies.Add(new Study { Title = "Stored before search covered abstracts", Kind = StudyKind.TrialReport, Abstract = "A phascogale finding." });
            db.Trials.Add(new Trial { NctId = "NCT09990004", Title = "Stored before too", Summary = "A dibbler finding.", Conditions = ["Ningaui disease"] });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Studies\" DROP COLUMN \"AuthorsTruncated\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Trials\" DROP COLUMN \"ResultsPosted\"");
            await UnmigratedDatabase.DropLaterStudyColumnsAsync(db);
            (await HitsAsync(db, "phascogale", SearchKind.Study)).Should().BeEmpty("the old index does not hold abstracts");
        }

        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
            (await HitsAsync(db, "phascogale", SearchKind.Study)).Should().ContainSingle();
            (await HitsAsync(db, "dibbler", SearchKind.Trial)).Should().ContainSingle();
            (await HitsAsync(db, "ningaui", SearchKind.Trial)).Should().ContainSingle();
            (await HitsAsync(db, "finding", SearchKind.Study)).Should().ContainSingle("the rebuilt index and the triggers agree");
            await IntegrityCheckAsync(db);
        }
    }

    private static async Task IntegrityCheckAsync(KnowledgeBaseDbContext db)
    {
        if (!db.Database.IsSqlite()) return;
        foreach (var index in SqliteSearchSchema.All)
        {
            var sql = $"INSERT INTO \"{index.Table}\"(\"{index.Table}\", rank) VALUES('integrity-check', 1)";
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }
}
