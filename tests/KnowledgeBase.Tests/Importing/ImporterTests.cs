using System.Text;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Importing;

public sealed class ImporterTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<KnowledgeBase.Importing.ImportReport> ImportAsync(string path)
    {
        await using var db = _database.CreateContext();
        return await TestDatabase.CreateImporter(db).ImportPathAsync(path);
    }

    private Task<string> SnapshotAsync() => _database.SnapshotAsync();

    [Fact]
    public async Task Imports_the_seeds_as_seven_sources_and_the_library_as_studies_and_trials()
    {
        var report = await ImportAsync(TestPaths.Seeds);

        report.Errors.Should().BeEmpty();
        report.SourcesAdded.Should().Be(7);
        report.StudiesAdded.Should().Be(22);
        report.TrialsAdded.Should().Be(10);

        await using var db = _database.CreateContext();
        (await db.Sources.CountAsync()).Should().Be(7);
        (await db.Studies.CountAsync()).Should().Be(22);
        (await db.Trials.CountAsync()).Should().Be(10);
        var sources = await db.Sources.ToListAsync();
        sources.Should().OnlyContain(s => s.CleanedText.Length > 200 && !s.CleanedText.Contains("Request Information Packet"));
        sources.Should().OnlyContain(s => s.ContentHash.Length == 64);
        sources.Count(s => s.FileName == "001_a9ffed9fe85c4e76.txt").Should().Be(3);
    }

    [Fact]
    public async Task Reimporting_the_same_files_changes_nothing()
    {
        await ImportAsync(TestPaths.Seeds);
        var before = await SnapshotAsync();

        var again = await ImportAsync(TestPaths.Seeds);

        again.SourcesAdded.Should().Be(0);
        again.SourcesUnchanged.Should().Be(7);
        again.StudiesAdded.Should().Be(0);
        again.StudiesUpdated.Should().Be(0);
        again.StudiesUnchanged.Should().Be(22);
        again.TrialsAdded.Should().Be(0);
        again.TrialsUpdated.Should().Be(0);
        (await SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Resolves_an_articles_own_reference_to_the_study_with_its_pmid()
    {
        await ImportAsync(TestPaths.Seeds);

        await using var db = _database.CreateContext();
        var source = await db.Sources.Include(s => s.References).ThenInclude(r => r.Study)
            .SingleAsync(s => s.FileName == "000_0a69e49d4b7b84ee.txt");
        source.References.Should().HaveCount(2);
        var pubmed = source.References.Single(r => r.Pmid == "26751635");
        pubmed.Study.Should().NotBeNull();
        pubmed.Study!.LibraryId.Should().Be("REC-01");
        source.References.Single(r => r.Pmid is null).StudyId.Should().BeNull("the Mayo Clinic page is not in the library");
    }

    [Fact]
    public async Task Resolves_references_when_the_articles_are_imported_before_the_library()
    {
        var article = Path.Combine(TestPaths.Seeds, "000_0a69e49d4b7b84ee.txt");
        await ImportAsync(article);
        await ImportAsync(Path.Combine(TestPaths.Seeds, "reference-library.json"));

        await using var db = _database.CreateContext();
        var reference = await db.SourceReferences.Include(r => r.Study).SingleAsync(r => r.Pmid == "26751635");
        reference.Study!.LibraryId.Should().Be("REC-01");
    }

    [Fact]
    public async Task Links_each_trial_to_the_studies_that_report_it_and_keeps_provenance()
    {
        await ImportAsync(TestPaths.Seeds);

        await using var db = _database.CreateContext();
        var trial = await db.Trials.Include(t => t.Studies).Include(t => t.TherapyTypes).SingleAsync(t => t.NctId == "NCT01363401");
        trial.Studies.Select(s => s.LibraryId).Should().BeEquivalentTo(["REC-07", "REC-08"]);
        trial.TherapyTypes.Select(t => t.Slug).Should().Equal(TherapyType.BoneMarrowMsc);
        trial.Provenance.Should().NotBeEmpty();

        var petrou = await db.Studies.Include(s => s.Trials).Include(s => s.TherapyTypes).SingleAsync(s => s.LibraryId == "REC-01");
        petrou.Pmid.Should().Be("26751635");
        petrou.Doi.Should().Be("10.1001/jamaneurol.2015.4321");
        petrou.Trials.Select(t => t.NctId).Should().BeEquivalentTo(["NCT01051882", "NCT01777646"]);
        petrou.TherapyTypes.Select(t => t.Slug).Should().Equal(TherapyType.MscNtf);
        petrou.Unverified.Should().Contain("full author list");
        petrou.VerifiedFrom.Should().Contain("https://www.ncbi.nlm.nih.gov/pubmed/26751635");

        var berry = await db.Studies.SingleAsync(s => s.LibraryId == "REC-02");
        berry.Doi.Should().BeNull("the library lists its DOI as unverified and gives none");
        berry.Unverified.Should().Contain("DOI");
    }

    [Fact]
    public async Task Rejects_bad_files_naming_each_and_still_imports_the_good_ones()
    {
        var folder = Path.Combine(_database.Folder, "incoming");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TestPaths.Seeds, "003_b91c22ed071beb9d.txt"), Path.Combine(folder, "good.txt"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "empty.txt"), []);
        await File.WriteAllBytesAsync(Path.Combine(folder, "binary.txt"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0x10]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "latin1.txt"), Encoding.Latin1.GetBytes("Stem cells are safe.\nThey cure ALS in 90% of patients \u00e9\u00e9.\n"));
        await using (var huge = File.Create(Path.Combine(folder, "huge.txt")))
        {
            huge.SetLength(50L * 1024 * 1024);
        }

        var report = await ImportAsync(folder);

        report.SourcesAdded.Should().Be(1);
        report.Errors.Should().HaveCount(4);
        report.Errors.Should().ContainSingle(e => e.StartsWith("empty.txt", StringComparison.Ordinal) && e.Contains("empty"));
        report.Errors.Should().ContainSingle(e => e.StartsWith("binary.txt, line 1", StringComparison.Ordinal) && e.Contains("binary"));
        report.Errors.Should().ContainSingle(e => e.StartsWith("latin1.txt, line 2", StringComparison.Ordinal) && e.Contains("UTF-8"));
        report.Errors.Should().ContainSingle(e => e.StartsWith("huge.txt", StringComparison.Ordinal) && e.Contains("50.0 MB"));
        await using var db = _database.CreateContext();
        (await db.Sources.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Rejects_a_library_with_a_malformed_record_and_stores_none_of_it()
    {
        var before = await SnapshotAsync();
        var file = Path.Combine(_database.Folder, "library.json");
        await File.WriteAllTextAsync(file, """
            [
              { "id": "OK-1", "record_type": "narrative_review", "citation": { "title": "A fine review", "year": 2020 }, "nct_ids": [] },
              { "id": "BAD-2", "record_type": "narrative_review", "citation": { "year": 2021 }, "nct_ids": [] }
            ]
            """);

        var report = await ImportAsync(file);

        report.Errors.Should().ContainSingle().Which.Should().StartWith("library.json").And.Contain("BAD-2");
        (await SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Rejects_truncated_json_naming_the_line()
    {
        var file = Path.Combine(_database.Folder, "truncated.json");
        await File.WriteAllTextAsync(file, "[\n  { \"id\": \"X-1\",\n    \"citation\": { \"title\": \"T\" ");

        var report = await ImportAsync(file);

        report.Errors.Should().ContainSingle().Which.Should().MatchRegex(@"^truncated\.json\b.*\bline \d+");
        await using var db = _database.CreateContext();
        (await db.Studies.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Updates_a_source_whose_text_changed_instead_of_duplicating_it()
    {
        var file = Path.Combine(_database.Folder, "article.txt");
        await File.WriteAllTextAsync(file, "Stem cell therapy slowed ALS in 87% of patients in a phase 2 trial.\n\nIt was safe in every patient.\n");
        await ImportAsync(file);
        await File.WriteAllTextAsync(file, "Stem cell therapy slowed ALS in 90% of patients in a phase 2 trial.\n\nIt was safe in every patient.\n");

        var report = await ImportAsync(file);

        report.SourcesUpdated.Should().Be(1);
        report.SourcesAdded.Should().Be(0);
        await using var db = _database.CreateContext();
        var source = await db.Sources.SingleAsync();
        source.CleanedText.Should().Contain("90%");
        source.UpdatedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Reimporting_a_file_whose_second_article_changed_keeps_the_first_and_updates_the_second()
    {
        // The first article is found stored by its hash before the file's sources are loaded; the second must still be
        // matched to its stored source by position and updated, not added.
        var file = Path.Combine(_database.Folder, "two.txt");
        static string Page(string second) =>
            "First article\n\nFirst article\n\nThe phase I clinical trial included 8 patients and showed no serious adverse events.\n\n" +
            $"Second article\n\nSecond article\n\n{second}\n";
        await File.WriteAllTextAsync(file, Page("Stem cell therapy slowed ALS in 87% of patients in a phase 2 trial."));
        (await ImportAsync(file)).SourcesAdded.Should().Be(2);
        await File.WriteAllTextAsync(file, Page("Stem cell therapy slowed ALS in 90% of patients in a phase 2 trial."));

        var report = await ImportAsync(file);

        report.HasErrors.Should().BeFalse();
        report.SourcesUnchanged.Should().Be(1);
        report.SourcesUpdated.Should().Be(1);
        report.SourcesAdded.Should().Be(0);
        report.Warnings.Should().ContainSingle().Which.Should().Contain("article 2 (\"Second article\") changed since its last import");
        await using var db = _database.CreateContext();
        var sources = await db.Sources.OrderBy(s => s.PartIndex).ToListAsync();
        sources.Select(s => s.Title).Should().Equal("First article", "Second article");
        sources[0].UpdatedAt.Should().BeNull();
        sources[1].CleanedText.Should().Contain("90%");
        sources[1].UpdatedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Refuses_to_merge_a_record_whose_identifiers_match_two_different_studies()
    {
        var first = Path.Combine(_database.Folder, "a.json");
        await File.WriteAllTextAsync(first, """
            [
              { "id": "A-1", "record_type": "narrative_review", "citation": { "title": "First" }, "doi": "10.1000/first", "nct_ids": [] },
              { "id": "A-2", "record_type": "narrative_review", "citation": { "title": "Second" }, "pmid": "123456", "nct_ids": [] }
            ]
            """);
        await ImportAsync(first);
        var before = await SnapshotAsync();
        var conflicting = Path.Combine(_database.Folder, "b.json");
        await File.WriteAllTextAsync(conflicting, """
            [ { "id": "B-1", "record_type": "narrative_review", "citation": { "title": "Both" }, "doi": "10.1000/first", "pmid": "123456", "nct_ids": [] } ]
            """);

        var report = await ImportAsync(conflicting);

        report.Errors.Should().ContainSingle().Which.Should().Contain("B-1").And.Contain("2 different studies");
        (await SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Records_what_the_import_created_with_the_real_ids_in_the_same_transaction()
    {
        await ImportAsync(TestPaths.Seeds);

        await using var db = _database.CreateContext();
        // A short quote: the history shortens long values ("… (364 characters)").
        var claim = await db.Claims.Where(c => c.Quote.Length < 120).OrderBy(c => c.Id).FirstAsync();
        var record = await db.ChangeRecords.SingleAsync(r => r.EntityType == "Claim" && r.EntityId == claim.Id && r.Action == "created");
        record.ClaimId.Should().Be(claim.Id);
        record.Actor.Should().Be("test");
        record.Changes.Should().Contain(new KnowledgeBase.Domain.FieldChange("SourceId", null, claim.SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        record.Changes.Should().Contain(new KnowledgeBase.Domain.FieldChange("Quote", null, claim.Quote));
        (await db.ChangeRecords.CountAsync(r => r.Action == "created" && r.EntityType == "Source")).Should().Be(7);
    }

    [Fact]
    public async Task Reimporting_changed_text_reanchors_claims_and_keeps_vanished_ones_as_orphans()
    {
        var file = Path.Combine(_database.Folder, "article.txt");
        const string kept = "The phase I clinical trial included 8 patients whose ALS was either definite or probable.";
        const string dropped = "The trial showed a 70% decrease in the risk of death in 67 patients.";
        await File.WriteAllTextAsync(file, $"{kept}\n\n{dropped}\n");
        await ImportAsync(file);
        int keptId, droppedId;
        await using (var db = _database.CreateContext())
        {
            var claims = await db.Claims.ToListAsync();
            keptId = claims.Single(c => c.Quote.Contains("8 patients", StringComparison.Ordinal)).Id;
            droppedId = claims.Single(c => c.Quote.Contains("70% decrease", StringComparison.Ordinal)).Id;
        }

        await File.WriteAllTextAsync(file, $"A new opening paragraph about stem cells.\n\n{kept}\n");
        var report = await ImportAsync(file);

        report.SourcesUpdated.Should().Be(1);
        report.Warnings.Should().Contain(w => w.Contains("1 claim(s) no longer found", StringComparison.Ordinal));
        await using var after = _database.CreateContext();
        var source = await after.Sources.SingleAsync();
        var moved = await after.Claims.SingleAsync(c => c.Id == keptId);
        moved.IsOrphaned.Should().BeFalse();
        source.CleanedText[moved.Start..moved.End].Should().Be(moved.Quote);
        var orphan = await after.Claims.SingleAsync(c => c.Id == droppedId);
        orphan.IsOrphaned.Should().BeTrue();
        orphan.Quote.Should().Contain("70% decrease", "an orphaned claim is kept as it was, never deleted or moved");
    }
}
