using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>References from other tools merged into the seeded library, on a real SQLite file.</summary>
public sealed class BibliographyImportTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase _database = new();

    private const string NewRisRecord = """
        TY  - JOUR
        AU  - Kowalski, Jan
        AU  - Nowak, Anna
        TI  - Intrathecal Wharton's jelly MSC in ALS: a pilot study
        T2  - Journal of Neurological Testing
        PY  - 2024
        VL  - 12
        IS  - 3
        SP  - 101
        EP  - 109
        DO  - 10.9999/jnt.2024.0101
        ER  - 
        """;

    public async Task InitializeAsync()
    {
        await using var db = _database.CreateContext();
        await TestDatabase.CreateImporter(db).ImportPathAsync(TestPaths.Seeds);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _database.Dispose();

    private async Task<ImportPlan> RunAsync(string fileName, string text, bool apply, DuplicateDecisions? decisions = null)
    {
        await using var db = _database.CreateContext();
        var importer = new BibliographyImporter(db, TimeProvider.System);
        return apply ? await importer.ApplyAsync(fileName, text, decisions) : await importer.PreviewAsync(fileName, text);
    }

    private const string BerryWithDoi = """
        @article{berry2019,
          author = {Berry, James D. and Cudkowicz, Merit E.},
          title = {{NurOwn}, phase 2, randomized, clinical trial in patients with {ALS}: Safety, clinical, and biomarker results},
          journal = {Neurology},
          year = {2019},
          doi = {10.9999/berry.2019}
        }
        """;

    [Fact]
    public async Task An_editor_can_merge_a_possible_duplicate_into_the_existing_study()
    {
        var preview = await RunAsync("berry.bib", BerryWithDoi, apply: false);
        var duplicate = preview.Records.Should().ContainSingle().Subject;
        duplicate.Action.Should().Be(PlannedAction.PossibleDuplicate);
        duplicate.CanMerge.Should().BeTrue();

        var plan = await RunAsync("berry.bib", BerryWithDoi, apply: true, new DuplicateDecisions(new HashSet<int> { duplicate.Line }, new HashSet<int>()));

        plan.Records.Single().Action.Should().Be(PlannedAction.Update);
        var berry = await QueryAsync(db => db.Studies.SingleAsync(s => s.LibraryId == "REC-02"));
        berry.Doi.Should().Be("10.9999/berry.2019");
        berry.Provenance.Should().ContainSingle().Which.Should().Contain("merged by the editor");
        (await QueryAsync(db => db.Studies.CountAsync(s => s.Title.StartsWith("NurOwn, phase 2")))).Should().Be(1);
    }

    [Fact]
    public async Task An_editor_can_add_a_possible_duplicate_as_a_new_study()
    {
        var preview = await RunAsync("berry.bib", BerryWithDoi, apply: false);

        await RunAsync("berry.bib", BerryWithDoi, apply: true, new DuplicateDecisions(new HashSet<int>(), new HashSet<int> { preview.Records.Single().Line }));

        (await QueryAsync(db => db.Studies.CountAsync(s => s.Title.StartsWith("NurOwn, phase 2")))).Should().Be(2);
    }

    private async Task<T> QueryAsync<T>(Func<KnowledgeBaseDbContext, Task<T>> query)
    {
        await using var db = _database.CreateContext();
        return await query(db);
    }

    [Fact]
    public async Task A_preview_says_what_would_be_added_and_changes_nothing()
    {
        var studiesBefore = await QueryAsync(db => db.Studies.CountAsync());

        var plan = await RunAsync("new.ris", NewRisRecord, apply: false);

        plan.Format.Should().Be(BibFormat.Ris);
        plan.Records.Should().ContainSingle().Which.Action.Should().Be(PlannedAction.Add);
        (await QueryAsync(db => db.Studies.CountAsync())).Should().Be(studiesBefore);
    }

    [Fact]
    public async Task Importing_adds_a_new_reference_once_and_a_second_import_changes_nothing()
    {
        var first = await RunAsync("new.ris", NewRisRecord, apply: true);
        var again = await RunAsync("new.ris", NewRisRecord, apply: true);

        first.Records.Single().Action.Should().Be(PlannedAction.Add);
        again.Records.Single().Action.Should().Be(PlannedAction.Unchanged);
        var study = await QueryAsync(db => db.Studies.Include(s => s.TherapyTypes).SingleAsync(s => s.Doi == "10.9999/jnt.2024.0101"));
        study.Title.Should().Be("Intrathecal Wharton's jelly MSC in ALS: a pilot study");
        study.Authors.Should().Be("Kowalski J, Nowak A");
        study.Pages.Should().Be("101-109");
        study.Provenance.Should().ContainSingle().Which.Should().StartWith("imported from new.ris (RIS)");
        study.TherapyTypes.Select(t => t.Slug).Should().Contain(TherapyType.UmbilicalCordMsc);
    }

    [Fact]
    public async Task A_matching_record_fills_empty_fields_but_never_overwrites_curated_ones()
    {
        // REC-03 (Cudkowicz 2022) has a DOI but no PMID, volume or pages in the library.
        const string medline = """
            PMID- 35000000
            TI  - A different title typed by someone else.
            FAU - Cudkowicz, Merit E
            AU  - Cudkowicz ME
            DP  - 2022 Mar
            TA  - Muscle Nerve
            JT  - Muscle & nerve
            VI  - 65
            IP  - 3
            PG  - 291-302
            LID - 10.1002/mus.27472 [doi]
            """;

        var plan = await RunAsync("pubmed.nbib", medline, apply: true);

        var record = plan.Records.Should().ContainSingle().Subject;
        record.Action.Should().Be(PlannedAction.Update);
        record.Details.Should().Contain("PMID: (empty) → 35000000").And.Contain("volume: (empty) → 65");
        var study = await QueryAsync(db => db.Studies.SingleAsync(s => s.LibraryId == "REC-03"));
        study.Pmid.Should().Be("35000000");
        study.Pages.Should().Be("291-302");
        study.Title.Should().StartWith("A randomized placebo-controlled phase 3 study", "a curated title is never overwritten");
    }

    [Fact]
    public async Task A_record_whose_identifiers_point_at_two_studies_is_a_conflict_and_nothing_changes()
    {
        // PMID of Oh 2018 (REC-08) with the DOI of Oh 2015 (REC-07).
        const string medline = """
            PMID- 30048006
            TI  - Repeated intrathecal mesenchymal stem cells for amyotrophic lateral sclerosis.
            DP  - 2018
            LID - 10.5966/sctm.2014-0212 [doi]
            """;
        var before = await QueryAsync(db => db.ChangeRecords.CountAsync());

        var plan = await RunAsync("conflict.nbib", medline, apply: true);

        plan.Records.Should().ContainSingle().Which.Action.Should().Be(PlannedAction.Conflict);
        (await QueryAsync(db => db.ChangeRecords.CountAsync())).Should().Be(before);
    }

    [Fact]
    public async Task A_record_without_identifiers_like_an_existing_one_is_held_back_as_a_possible_duplicate()
    {
        // REC-02 (Berry 2019 Neurology) has no DOI or PMID in the library.
        const string bibtex = """
            @article{berry2019,
              author = {Berry, James D. and Cudkowicz, Merit E.},
              title = {{NurOwn}, phase 2, randomized, clinical trial in patients with {ALS}: Safety, clinical, and biomarker results},
              journal = {Neurology},
              year = {2019}
            }
            """;

        var plan = await RunAsync("berry.bib", bibtex, apply: true);

        var record = plan.Records.Should().ContainSingle().Subject;
        record.Action.Should().Be(PlannedAction.PossibleDuplicate);
        record.ExistingId.Should().Be(await QueryAsync(db => db.Studies.Where(s => s.LibraryId == "REC-02").Select(s => s.Id).SingleAsync()));
        (await QueryAsync(db => db.Studies.CountAsync(s => s.Title.StartsWith("NurOwn, phase 2")))).Should().Be(1);
    }

    [Fact]
    public async Task A_pubmed_record_links_the_publication_to_the_trials_in_its_SI_field()
    {
        const string medline = """
            PMID- 36000001
            TI  - Long-term follow-up of MSC-NTF cells in ALS.
            FAU - Petrou, Panayiota
            AU  - Petrou P
            DP  - 2023
            TA  - Neurology
            SI  - ClinicalTrials.gov/NCT01777646
            SI  - ClinicalTrials.gov/NCT09999999
            """;

        var plan = await RunAsync("followup.nbib", medline, apply: true);

        plan.Links.Should().HaveCount(2);
        var study = await QueryAsync(db => db.Studies.Include(s => s.Trials).SingleAsync(s => s.Pmid == "36000001"));
        study.Trials.Select(t => t.NctId).Should().BeEquivalentTo(["NCT01777646", "NCT09999999"]);
        var registered = await QueryAsync(db => db.Trials.SingleAsync(t => t.NctId == "NCT09999999"));
        registered.Provenance.Should().ContainSingle().Which.Should().Contain("named by");
    }

    [Fact]
    public async Task A_registry_record_fills_the_trial_and_links_the_publications_it_references()
    {
        const string ctgov = """
            {
              "protocolSection": {
                "identificationModule": { "nctId": "NCT01363401", "officialTitle": "Phase I/II trial of autologous MSC in ALS" },
                "statusModule": { "overallStatus": "COMPLETED" },
                "sponsorCollaboratorsModule": { "leadSponsor": { "name": "Corestem, Inc." } },
                "designModule": { "phases": ["PHASE1", "PHASE2"], "enrollmentInfo": { "count": 72 } },
                "referencesModule": { "references": [ { "pmid": "25934946" }, { "pmid": "30048006" } ] }
              }
            }
            """;

        var plan = await RunAsync("NCT01363401.json", ctgov, apply: true);

        plan.Format.Should().Be(BibFormat.ClinicalTrialsGov);
        plan.Records.Should().ContainSingle().Which.Action.Should().Be(PlannedAction.Update);
        var trial = await QueryAsync(db => db.Trials.Include(t => t.Studies).SingleAsync(t => t.NctId == "NCT01363401"));
        trial.Status.Should().Be("Completed");
        trial.Enrollment.Should().Be(72);
        trial.Sponsor.Should().Be("Corestem, Inc.");
        trial.Studies.Select(s => s.LibraryId).Should().BeEquivalentTo(["REC-07", "REC-08"], "the library already linked both; nothing is duplicated");
    }

    [Fact]
    public async Task The_file_importer_routes_reference_files_and_reports_unreadable_records()
    {
        var file = Path.Combine(_database.Folder, "mixed.ris");
        await File.WriteAllTextAsync(file, NewRisRecord + "\nTY  - JOUR\nAU  - Nobody, N\nPY  - 2020\nER  - \n");
        await using var db = _database.CreateContext();

        var report = await TestDatabase.CreateImporter(db).ImportPathAsync(file);

        report.Errors.Should().BeEmpty();
        report.StudiesAdded.Should().Be(1);
        report.Warnings.Should().ContainSingle(w => w.Contains("could not be read", StringComparison.Ordinal) && w.Contains("no title", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_reference_twice_in_one_file_is_added_once()
    {
        var twice = NewRisRecord + "\n" + NewRisRecord;

        var plan = await RunAsync("twice.ris", twice, apply: true);

        plan.Records.Select(r => r.Action).Should().Equal(PlannedAction.Add, PlannedAction.Unchanged);
        (await QueryAsync(db => db.Studies.CountAsync(s => s.Doi == "10.9999/jnt.2024.0101"))).Should().Be(1);
    }

    [Fact]
    public async Task Two_publications_naming_the_same_new_trial_share_one_trial()
    {
        const string medline = """
            PMID- 36000011
            TI  - First report of a new trial.
            DP  - 2024
            SI  - ClinicalTrials.gov/NCT08888888

            PMID- 36000012
            TI  - Second report of the same new trial.
            DP  - 2025
            SI  - ClinicalTrials.gov/NCT08888888
            """;

        await RunAsync("two.nbib", medline, apply: true);

        var trial = await QueryAsync(db => db.Trials.Include(t => t.Studies).SingleAsync(t => t.NctId == "NCT08888888"));
        trial.Studies.Should().HaveCount(2);
    }

    [Fact]
    public async Task Reimporting_the_curated_library_keeps_what_other_imports_filled_in()
    {
        const string medline = """
            PMID- 35000000
            TI  - A randomized placebo-controlled phase 3 study.
            DP  - 2022
            VI  - 65
            LID - 10.1002/mus.27472 [doi]
            """;
        await RunAsync("pubmed.nbib", medline, apply: true);

        await using (var db = _database.CreateContext())
            await TestDatabase.CreateImporter(db).ImportPathAsync(Path.Combine(TestPaths.Seeds, "reference-library.json"));

        var study = await QueryAsync(db => db.Studies.SingleAsync(s => s.LibraryId == "REC-03"));
        study.Pmid.Should().Be("35000000", "the library states no PMID for this record, so it does not erase one");
        study.Volume.Should().Be("65");
    }
}
