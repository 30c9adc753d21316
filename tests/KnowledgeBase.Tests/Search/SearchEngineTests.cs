using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Search;
using KnowledgeBase.Search.Sqlite;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgeBase.Tests.Search;

/// <summary>A migrated database (SQLite, or PostgreSQL when the suite runs there) with the seeds imported, shared by the tests that only read it.</summary>
public sealed class SeededSearchDatabase : IDisposable
{
    public SeededSearchDatabase()
    {
        using var db = Database.CreateContext();
        var report = TestDatabase.CreateImporter(db).ImportPathAsync(TestPaths.Seeds).GetAwaiter().GetResult();
        report.Errors.Should().BeEmpty();
    }

    public TestDatabase Database { get; } = new();

    public void Dispose() => Database.Dispose();
}

/// <summary>The search engine of the provider the suite runs on (FTS5 on SQLite, tsvector on PostgreSQL), through <see cref="SearchEngines"/> as the app picks it.</summary>
public sealed class SearchEngineTests(SeededSearchDatabase seeded) : IClassFixture<SeededSearchDatabase>
{
    private static async Task<SearchResults> SearchAsync(KnowledgeBaseDbContext db, string typed, SearchKind? kind = null, int page = 1)
    {
        var engine = SearchEngines.For(db, NullLoggerFactory.Instance);
        return await engine.SearchAsync(new SearchRequest(SearchQueryParser.Parse(typed), kind, page));
    }

    private static IEnumerable<SearchHit> Hits(SearchResults results, SearchKind kind) =>
        results.Groups.Where(g => g.Kind == kind).SelectMany(g => g.Hits);

    [Fact]
    public async Task A_word_from_a_seed_claim_finds_that_claim_with_the_word_marked()
    {
        await using var db = seeded.Database.CreateContext();
        var claim = await db.Claims.OrderBy(c => c.Id).FirstAsync(c => c.Quote.Contains("neurotrophic"));

        var results = await SearchAsync(db, "neurotrophic", SearchKind.Claim);

        var hit = Hits(results, SearchKind.Claim).Should().ContainSingle(h => h.Id == claim.Id).Subject;
        SearchHighlight.Runs(hit.Title).Where(r => r.IsMatch).Select(r => r.Text.ToLowerInvariant())
            .Should().Contain("neurotrophic");
        results.Counts[SearchKind.Claim].Value.Should().Be(await db.Claims.CountAsync(c => EF.Functions.Like(c.Quote.ToLower(), "%neurotrophic%")));
    }

    [Fact]
    public async Task Ranked_ids_are_the_search_page_s_hits_in_its_order_without_the_rest()
    {
        await using var db = seeded.Database.CreateContext();
        var engine = SearchEngines.For(db, NullLoggerFactory.Instance);
        var query = SearchQueryParser.Parse("stem OR cells OR patients");
        var page = await engine.SearchAsync(new SearchRequest(query, SearchKind.Claim, 1, 10));

        var ids = await engine.RankedIdsAsync(query, SearchKind.Claim, 10);

        ids.Should().HaveCount(10).And.Equal(Hits(page, SearchKind.Claim).Select(h => h.Id));
        (await engine.RankedIdsAsync(query, SearchKind.Claim, 3)).Should().Equal(ids.Take(3));
        (await engine.RankedIdsAsync(SearchQueryParser.Parse(""), SearchKind.Claim, 10)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("stem cells")]
    [InlineData("patients OR trial")]
    [InlineData("mes*")]
    public async Task A_tab_of_one_kind_counts_every_kind_as_the_overview_does(string typed)
    {
        await using var db = seeded.Database.CreateContext();
        var overview = await SearchAsync(db, typed);
        overview.Counts.Values.Should().Contain(c => c.Value > 0, "the seeds match the query");

        foreach (var kind in Enum.GetValues<SearchKind>())
        {
            var tab = await SearchAsync(db, typed, kind);

            tab.Counts.Should().Equal(overview.Counts, "the other kinds are counted without ranking them, and must count the same");
            tab.Groups.Should().ContainSingle().Which.Kind.Should().Be(kind);
        }
    }

    [Theory]
    [InlineData("NCT03280056")]
    [InlineData("nct 03280056")]
    [InlineData("https://clinicaltrials.gov/study/NCT03280056")]
    public async Task An_nct_id_from_the_seeds_finds_its_trial_exactly(string typed)
    {
        await using var db = seeded.Database.CreateContext();
        var trial = await db.Trials.SingleAsync(t => t.NctId == "NCT03280056");

        var results = await SearchAsync(db, typed);

        results.IdentifierMatches.Should().ContainSingle().Which.Should().Match<SearchHit>(h =>
            h.Kind == SearchKind.Trial && h.Id == trial.Id && h.MatchedIdentifier == "NCT03280056");
        Hits(results, SearchKind.Trial).Should().NotContain(h => h.Id == trial.Id, "the exact match is not repeated among the text matches");
    }

    [Theory]
    [InlineData("10.1001/jamaneurol.2015.4321")]
    [InlineData("https://doi.org/10.1001/JAMANEUROL.2015.4321")]
    [InlineData("PMID: 26751635")]
    [InlineData("26751635")]
    public async Task A_doi_or_a_pmid_finds_the_study_exactly(string typed)
    {
        await using var db = seeded.Database.CreateContext();
        var study = await db.Studies.SingleAsync(s => s.LibraryId == "REC-01");

        var results = await SearchAsync(db, typed);

        results.IdentifierMatches.Should().ContainSingle().Which.Should().Match<SearchHit>(h => h.Kind == SearchKind.Study && h.Id == study.Id);
    }

    [Fact]
    public async Task A_pmcid_finds_the_study_exactly()
    {
        await using var db = seeded.Database.CreateContext();
        var study = await db.Studies.SingleAsync(s => s.Pmcid == "PMC9305113");

        var results = await SearchAsync(db, "pmc9305113");

        results.IdentifierMatches.Select(h => (h.Kind, h.Id)).Should().Equal((SearchKind.Study, study.Id));
    }

    [Fact]
    public async Task An_identifier_the_knowledge_base_lacks_finds_nothing_exactly()
    {
        await using var db = seeded.Database.CreateContext();

        var results = await SearchAsync(db, "NCT99999999");

        results.IdentifierMatches.Should().BeEmpty();
        results.Problem.Should().BeNull();
    }

    [Fact]
    public async Task A_word_start_finds_the_whole_word()
    {
        await using var db = seeded.Database.CreateContext();

        var results = await SearchAsync(db, "mesench");

        var studies = Hits(results, SearchKind.Study).ToList();
        studies.Should().NotBeEmpty("the seed library holds mesenchymal stem cell studies");
        studies.SelectMany(h => SearchHighlight.Runs(h.Title + " " + h.Snippet)).Where(r => r.IsMatch)
            .Should().OnlyContain(r => r.Text.StartsWith("mesench", StringComparison.OrdinalIgnoreCase));
        results.Counts[SearchKind.Study].Value.Should().Be(
            await db.Studies.CountAsync(s => EF.Functions.Like((s.Title + " " + s.ShortLabel + " " + s.CellType + " " + s.CellSource + " " + s.Design + " " + s.MainResults + " " + s.Dosing + " " + s.Route + " " + s.ParticipantsDetail + " " + s.Journal + " " + s.Authors).ToLower(), "%mesench%")));
    }

    [Fact]
    public async Task Every_hostile_query_runs_without_an_error()
    {
        await using var db = seeded.Database.CreateContext();

        foreach (string typed in SearchQueryParserTests.HostileQueries)
        {
            var results = await SearchAsync(db, typed);
            results.Problem.Should().Match(p => p == null || !p.Contains("could not be run"), $"“{typed}” is handled before it reaches the index");
        }
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_body_match()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        // The body match is added last, so newest-first order alone would put it first.
        db.Studies.Add(new Study { Title = "Quokkarium in motor neurone disease", Kind = StudyKind.TrialReport });
        db.Studies.Add(new Study { Title = "An unrelated report", Kind = StudyKind.TrialReport, MainResults = "Quokkarium was mentioned once in the results of this long body text about other things." });
        await db.SaveChangesAsync();

        var results = await SearchAsync(db, "quokkarium", SearchKind.Study);

        Hits(results, SearchKind.Study).Select(h => SearchHighlight.Plain(h.Title))
            .Should().Equal("Quokkarium in motor neurone disease", "An unrelated report");
    }

    [Fact]
    public async Task The_index_stays_current_through_insert_update_and_delete()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        var source = NewSource("Trigger test", "Wombatine treatment was offered.");
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        var claim = Claim.Anchor(source.CleanedText, 0, source.CleanedText.Length, DateTime.UtcNow);
        claim.SourceId = source.Id;
        db.Claims.Add(claim);
        await db.SaveChangesAsync();

        (await ClaimIdsAsync(db, "wombatine")).Should().Equal(claim.Id);

        claim.MoveTo("Numbatine treatment was offered.", 0, 32);
        await db.SaveChangesAsync();
        (await ClaimIdsAsync(db, "wombatine")).Should().BeEmpty("the old words left the index");
        (await ClaimIdsAsync(db, "numbatine")).Should().Equal(claim.Id);

        // A bulk writer using plain SQL is indexed too.
        await InsertClaimsAsync(db, "VALUES ({0}, 'Bilbyol was injected.', 0, 21, '', '', 'Candidate', FALSE, 'bulk', $signals, '2026-01-01', '2026-01-01', 0)", source.Id);
        (await ClaimIdsAsync(db, "bilbyol")).Should().ContainSingle();

        db.Claims.Remove(claim);
        await db.SaveChangesAsync();
        (await ClaimIdsAsync(db, "numbatine")).Should().BeEmpty();

        // Deleting the source cascades to its claims, and the cascade reaches the index.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Sources\" WHERE \"Id\" = {0}", source.Id);
        (await ClaimIdsAsync(db, "bilbyol")).Should().BeEmpty();
        (await SourceIdsAsync(db, "trigger")).Should().BeEmpty();

        await IntegrityCheckAsync(db);
    }

    [Fact]
    public async Task Accents_are_folded_both_ways()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        var source = NewSource("Protéine kangourine", "A café served kangourine.");
        db.Sources.Add(source);
        await db.SaveChangesAsync();

        (await SourceIdsAsync(db, "proteine")).Should().Equal(source.Id);
        (await SourceIdsAsync(db, "cafe")).Should().Equal(source.Id);
        (await SourceIdsAsync(db, "kangourine protéine")).Should().Equal(source.Id);
    }

    [Fact]
    public async Task A_very_long_article_is_saved_and_found_by_its_words()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        // About 1.4 MB of all-different words: more than one PostgreSQL tsvector may hold.
        var words = string.Join(' ', Enumerable.Range(0, 60_000).Select(i => "w" + i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "zq"));
        var source = NewSource("Dingorine long read", "Dingorine opens this text. " + words);
        db.Sources.Add(source);
        await db.SaveChangesAsync();

        (await SourceIdsAsync(db, "dingorine")).Should().Equal(source.Id);
        (await SourceIdsAsync(db, "w00000010zq")).Should().Equal(source.Id);
    }

    [Fact]
    public async Task Source_title_edits_are_searchable_at_once()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        var source = NewSource("Old headline", "Some text.");
        db.Sources.Add(source);
        await db.SaveChangesAsync();

        source.Title = "Platypoid headline";
        await db.SaveChangesAsync();

        (await SourceIdsAsync(db, "platypoid")).Should().Equal(source.Id);
        await IntegrityCheckAsync(db);
    }

    [Fact]
    public async Task Counts_stop_at_the_cap_and_pages_go_on()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        var source = NewSource("Many claims", "Echidnase.");
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        await InsertClaimsAsync(db,
            "SELECT {0}, 'Echidnase claim number ' || i, 0, 9, '', '', 'Candidate', FALSE, 'bulk', $signals, '2026-01-01', '2026-01-01', 0 FROM n", source.Id,
            prefix: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1100) ");

        var first = await SearchAsync(db, "echidnase", SearchKind.Claim);
        var second = await SearchAsync(db, "echidnase", SearchKind.Claim, page: 2);

        first.Counts[SearchKind.Claim].Should().Be(new SearchCount(SearchRequest.CountCap, true));
        var firstPage = first.Groups.Single().Hits;
        firstPage.Should().HaveCount(SearchRequest.DefaultPageSize);
        first.Groups.Single().HasMore.Should().BeTrue();
        second.Groups.Single().Hits.Should().HaveCount(SearchRequest.DefaultPageSize)
            .And.OnlyContain(h => !firstPage.Select(f => f.Id).Contains(h.Id));
    }

    [SqliteFact]
    public async Task Lost_triggers_are_put_back_and_the_index_rebuilt()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        // What a table rebuild in a later migration does to the triggers: they are gone.
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"ClaimsSearch_AfterInsert\"");
        var source = NewSource("Repair", "Quollish text.");
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        await InsertClaimsAsync(db, "VALUES ({0}, 'Quollish text.', 0, 14, '', '', 'Candidate', FALSE, 'bulk', $signals, '2026-01-01', '2026-01-01', 0)", source.Id);
        (await ClaimIdsAsync(db, "quollish")).Should().BeEmpty("without its trigger the index missed the row");

        var repaired = await SqliteSearchRepair.RepairAsync(db);

        repaired.Should().Equal("ClaimsSearch");
        (await ClaimIdsAsync(db, "quollish")).Should().ContainSingle();
        (await SqliteSearchRepair.RepairAsync(db)).Should().BeEmpty("nothing is missing any more");
        await IntegrityCheckAsync(db);
    }

    private static Source NewSource(string title, string text) => new()
    {
        Title = title,
        OriginalText = text,
        CleanedText = text,
        ContentHash = Guid.NewGuid().ToString("N"),
        FileName = Guid.NewGuid().ToString("N") + ".txt",
        ImportedAt = DateTime.UtcNow,
    };

    private static async Task<List<int>> ClaimIdsAsync(KnowledgeBaseDbContext db, string typed) =>
        Hits(await SearchAsync(db, typed, SearchKind.Claim), SearchKind.Claim).Select(h => h.Id).ToList();

    private static async Task<List<int>> SourceIdsAsync(KnowledgeBaseDbContext db, string typed) =>
        Hits(await SearchAsync(db, typed, SearchKind.Source), SearchKind.Source).Select(h => h.Id).ToList();

    /// <summary>A bulk writer's plain SQL, the same on both providers (identifiers quoted).</summary>
    /// <summary>Claims inserted by plain SQL, as a bulk writer would; $signals is an empty list of detection signals.</summary>
    private static Task<int> InsertClaimsAsync(KnowledgeBaseDbContext db, string rows, int sourceId, string prefix = "")
    {
        var sql = prefix + InsertClaimsSql + rows.Replace("$signals", NoSignals(db), StringComparison.Ordinal);
        return db.Database.ExecuteSqlRawAsync(sql, sourceId);
    }

    private const string InsertClaimsSql =
        "INSERT INTO \"Claims\" (\"SourceId\", \"Quote\", \"Start\", \"End\", \"Prefix\", \"Suffix\", \"Status\", \"IsOrphaned\", \"CreatedBy\", \"DetectionSignals\", \"CreatedAt\", \"UpdatedAt\", \"Version\") ";

    /// <summary>An empty list of detection signals: JSON text on SQLite, text[] on PostgreSQL.</summary>
    private static string NoSignals(KnowledgeBaseDbContext db) => db.Database.IsNpgsql() ? "ARRAY[]::text[]" : "'[]'";

    /// <summary>
    /// On SQLite, FTS5's own check that each index agrees with its table (it fails with "database disk
    /// image is malformed" otherwise). PostgreSQL's generated columns are computed by the server and cannot disagree.
    /// </summary>
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
