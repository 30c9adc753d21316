using System.Collections;
using System.Reflection;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;
using KnowledgeBase.Tests.Linking;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Importing;

/// <summary>
/// The one mapping from the curated library to studies and trials: every entity property is mapped or listed as not
/// mapped with a reason (a property added to Study or Trial fails here until it is one or the other), what it maps is
/// really set, and the seeds' entities the tests build with it are what the importer stored.
/// </summary>
public sealed class LibraryMappingTests
{
    private static readonly DateTime At = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, TherapyType> Taxonomy = TherapyType.Taxonomy.ToDictionary(t => t.Slug, StringComparer.Ordinal);

    private static IEnumerable<string> Settable<T>() =>
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }).Select(p => p.Name);

    [Fact]
    public void Every_settable_study_property_is_mapped_or_listed_as_not_mapped()
    {
        var settable = Settable<Study>().ToList();

        settable.Except(LibraryMapping.StudyPropertiesMapped).Except(LibraryMapping.StudyPropertiesNotMapped.Keys)
            .Should().BeEmpty("a Study property the library import neither sets nor lists as not set is a field forgotten by the import");
        LibraryMapping.StudyPropertiesMapped.Intersect(LibraryMapping.StudyPropertiesNotMapped.Keys).Should().BeEmpty("a property is one or the other");
        LibraryMapping.StudyPropertiesNotMapped.Keys.Concat(LibraryMapping.StudyPropertiesMapped).Should().OnlyContain(p => settable.Contains(p), "no stale names");
        LibraryMapping.StudyPropertiesNotMapped.Values.Should().OnlyContain(reason => reason.Length > 0);
    }

    [Fact]
    public void Every_settable_trial_property_is_mapped_or_listed_as_not_mapped()
    {
        var settable = Settable<Trial>().ToList();

        settable.Except(LibraryMapping.TrialPropertiesMapped).Except(LibraryMapping.TrialPropertiesNotMapped.Keys)
            .Should().BeEmpty("a Trial property the library import neither sets nor lists as not set is a field forgotten by the import");
        LibraryMapping.TrialPropertiesMapped.Intersect(LibraryMapping.TrialPropertiesNotMapped.Keys).Should().BeEmpty("a property is one or the other");
        LibraryMapping.TrialPropertiesNotMapped.Keys.Concat(LibraryMapping.TrialPropertiesMapped).Should().OnlyContain(p => settable.Contains(p), "no stale names");
    }

    [Fact]
    public void A_full_record_sets_every_study_property_the_mapping_claims_to_map()
    {
        var record = new LibraryRecord
        {
            Id = "REC-99", RecordType = "clinical_trial_publication", Kind = StudyKind.TrialReport, ShortLabel = "Doe 2024", Title = "A trial",
            Authors = "Doe J, Roe R", Journal = "J Test", Year = 2024, Volume = "3", Issue = "2", Pages = "1-9", Pmid = "123", Pmcid = "PMC1",
            Doi = "10.1/x", Phase = "Phase 2", Design = "Randomised", Participants = 60, ParticipantsDetail = "60 adults", CellType = "MSC",
            CellSource = "umbilical cord", Route = "intrathecal", Dosing = "1e6/kg", MainResults = "Safe", Abstract = "Background.",
            Unverified = ["dose"], VerifiedFrom = ["https://example.org/a"], TherapyTypes = ["umbilical-msc"], NctIds = ["NCT01234567"],
        };
        var study = LibraryMapping.ToStudy(record, Taxonomy, At);
        LibraryMapping.Link(new DerivedTrial { NctId = "NCT01234567", ReportedBy = ["REC-99"] }, new Trial { NctId = "NCT01234567" }, new Dictionary<string, Study> { ["REC-99"] = study });

        foreach (var name in LibraryMapping.StudyPropertiesMapped)
            IsSet(typeof(Study).GetProperty(name)!.GetValue(study)).Should().BeTrue($"{name} is mapped, so a record that has it sets it");
        study.PhaseText.Should().Be("Phase 2");
        study.ImportedAt.Should().Be(At);
    }

    [Fact]
    public void A_full_derived_trial_sets_every_trial_property_the_mapping_claims_to_map()
    {
        var derived = new DerivedTrial
        {
            NctId = "NCT01234567", Title = "A trial", Phase = TrialPhase.Phase2, PhaseText = "Phase 2", Design = "Randomised", Enrollment = 60,
            Status = "Completed", Sponsor = "Sponsor", Intervention = "MSC", TherapyTypes = ["umbilical-msc"], ReportedBy = ["REC-99"],
            Provenance = ["REC-99: phase"], Unverified = ["REC-99: dose"],
        };
        var trial = LibraryMapping.ToTrial(derived, Taxonomy, At);
        LibraryMapping.Link(derived, trial, new Dictionary<string, Study> { ["REC-99"] = new() { Title = "A trial" } }).Should().BeTrue();

        foreach (var name in LibraryMapping.TrialPropertiesMapped)
            IsSet(typeof(Trial).GetProperty(name)!.GetValue(trial)).Should().BeTrue($"{name} is mapped, so a derived trial that has it sets it");
        trial.Studies.Single().Trials.Should().ContainSingle().Which.Should().BeSameAs(trial, "the link goes both ways");
    }

    [Fact]
    public void Applying_a_record_again_changes_nothing_and_an_empty_value_never_erases_a_stored_one()
    {
        var record = new LibraryRecord { Id = "REC-98", RecordType = "review", Kind = StudyKind.NarrativeReview, Title = "A review", Journal = "J Test" };
        var study = LibraryMapping.ToStudy(record, Taxonomy, At);

        LibraryMapping.Apply(record, study).Should().BeFalse();
        LibraryMapping.Apply(record with { Journal = null }, study).Should().BeFalse();
        study.Journal.Should().Be("J Test");
        LibraryMapping.Apply(record with { Journal = "J Other" }, study).Should().BeTrue();
        study.Journal.Should().Be("J Other");
    }

    private static bool IsSet(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        ICollection c => c.Count > 0,
        _ => true,
    };
}

/// <summary>The seeds' entities the unit tests build with the mapping are what the importer stored from the same file.</summary>
public sealed class SeedEntitiesMatchTheImportTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    [Fact]
    public async Task The_seed_studies_and_trials_the_tests_use_are_the_imported_ones()
    {
        var stored = await factory.QueryAsync(db => db.Studies.AsNoTracking().Where(s => s.LibraryId != null)
            .Include(s => s.TherapyTypes).Include(s => s.Trials).ToListAsync());
        var storedTrials = await factory.QueryAsync(db => db.Trials.AsNoTracking().Include(t => t.Studies).Include(t => t.TherapyTypes).ToListAsync());

        stored.Select(s => s.LibraryId).Should().BeEquivalentTo(SeedRecords.Studies.Select(s => s.LibraryId));
        var scalar = LibraryMapping.StudyPropertiesMapped.Except([nameof(Study.TherapyTypes), nameof(Study.Trials)]).ToList();
        foreach (var built in SeedRecords.Studies)
        {
            var imported = stored.Single(s => s.LibraryId == built.LibraryId);
            foreach (var name in scalar)
            {
                var property = typeof(Study).GetProperty(name)!;
                property.GetValue(imported).Should().BeEquivalentTo(property.GetValue(built), $"{built.LibraryId}.{name}");
            }
            imported.PhaseFacet.Should().Be(built.PhaseFacet, $"{built.LibraryId}'s facets are classified as on save");
            imported.TherapyTypes.Select(t => t.Slug).Should().BeEquivalentTo(built.TherapyTypes.Select(t => t.Slug), built.LibraryId);
            imported.Trials.Select(t => t.NctId).Should().BeEquivalentTo(built.Trials.Select(t => t.NctId), built.LibraryId);
        }
        foreach (var built in SeedRecords.Trials)
        {
            var imported = storedTrials.Single(t => t.NctId == built.NctId);
            imported.Title.Should().Be(built.Title, built.NctId);
            imported.Phase.Should().Be(built.Phase, built.NctId);
            imported.Enrollment.Should().Be(built.Enrollment, built.NctId);
            imported.Status.Should().Be(built.Status, built.NctId);
            imported.StatusFacet.Should().Be(built.StatusFacet, built.NctId);
            imported.Studies.Select(s => s.LibraryId).Should().BeEquivalentTo(built.Studies.Select(s => s.LibraryId), built.NctId);
        }
    }
}
