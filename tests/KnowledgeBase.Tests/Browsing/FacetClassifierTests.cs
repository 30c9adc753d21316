using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;

using KnowledgeBase.Classification;
namespace KnowledgeBase.Tests.Browsing;

public sealed class FacetClassifierTests
{
    private static readonly Lazy<IReadOnlyList<LibraryRecord>> Library = new(() =>
        ReferenceLibraryParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, "reference-library.json"))));

    private static LibraryRecord Record(string id) => Library.Value.Single(r => r.Id == id);

    private const CellSourceFacets BM = CellSourceFacets.BoneMarrow;
    private const RouteFacets IT = RouteFacets.Intrathecal;

    public static TheoryData<string, CellSourceFacets, RouteFacets, EvidenceLevel, TrialPhase?> Seeds => new()
    {
        { "REC-01", BM, IT | RouteFacets.Intramuscular, EvidenceLevel.NonRandomised, TrialPhase.Phase1Phase2 },
        { "REC-02", BM, IT | RouteFacets.Intramuscular, EvidenceLevel.RandomisedControlled, TrialPhase.Phase2 },
        { "REC-03", BM, IT, EvidenceLevel.RandomisedControlled, TrialPhase.Phase3 },
        { "REC-04", BM, IT, EvidenceLevel.PressReleaseOrOther, null },
        { "REC-05", BM, IT, EvidenceLevel.PressReleaseOrOther, null },
        { "REC-06", BM, IT, EvidenceLevel.RegistryRecord, TrialPhase.Phase3 },
        { "REC-07", BM, IT, EvidenceLevel.NonRandomised, TrialPhase.Phase1 },
        { "REC-08", BM, IT, EvidenceLevel.RandomisedControlled, TrialPhase.Phase2 },
        { "REC-09", BM, IT, EvidenceLevel.RandomisedControlled, TrialPhase.Phase3 },
        { "REC-10", CellSourceFacets.Adipose, IT, EvidenceLevel.NonRandomised, TrialPhase.Phase1 },
        { "REC-11", CellSourceFacets.Adipose, IT, EvidenceLevel.RegistryRecord, TrialPhase.Phase2 },
        { "REC-12", CellSourceFacets.Various, RouteFacets.Various, EvidenceLevel.Review, null },
        { "REC-13", CellSourceFacets.UmbilicalCord, IT, EvidenceLevel.NonRandomised, null },
        { "REC-14", BM, RouteFacets.Intraspinal, EvidenceLevel.NonRandomised, null },
        { "REC-17", BM, IT | RouteFacets.Intravenous, EvidenceLevel.NonRandomised, TrialPhase.Phase1Phase2 },
        { "REC-18", CellSourceFacets.NotStated, RouteFacets.NotStated, EvidenceLevel.PressReleaseOrOther, null },
        { "REC-19", BM, IT | RouteFacets.Intramuscular, EvidenceLevel.Review, null },
        { "REC-20", CellSourceFacets.Various, RouteFacets.Various, EvidenceLevel.Review, null },
        { "REC-21", CellSourceFacets.Various, RouteFacets.Various, EvidenceLevel.Review, null },
        { "REC-22", CellSourceFacets.Various, RouteFacets.Various, EvidenceLevel.Review, null },
        { "REC-26", BM, RouteFacets.NotStated, EvidenceLevel.NotStated, TrialPhase.Phase1 },
        { "REC-27", CellSourceFacets.UmbilicalCord, IT, EvidenceLevel.NonRandomised, null },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Derives_the_facets_of_every_record_of_the_real_library(string id, CellSourceFacets cells, RouteFacets routes, EvidenceLevel level, TrialPhase? phase)
    {
        var r = Record(id);
        var study = new Study { Title = r.Title, Kind = r.Kind, CellSource = r.CellSource, Route = r.Route, Design = r.Design, PhaseText = r.Phase };

        FacetClassifier.Apply(study);

        study.CellSourceFacet.Should().Be(cells, "cell source “{0}”", r.CellSource);
        study.RouteFacet.Should().Be(routes, "route “{0}”", r.Route);
        study.EvidenceLevel.Should().Be(level, "kind {0}, design “{1}”", r.Kind, r.Design);
        study.PhaseFacet.Should().Be(phase, "phase “{0}”", r.Phase);
        study.FacetsVersion.Should().Be(FacetClassifier.Version);
    }

    [Fact]
    public void Every_seed_record_is_covered_by_the_table() =>
        Library.Value.Select(r => r.Id).Should().BeEquivalentTo(Seeds.Select(row => (string)row[0]));

    [Theory]
    [InlineData("autologous bone marrow (mixed with autologous CSF)", CellSourceFacets.BoneMarrow)]
    [InlineData("Mixed: adipose and bone marrow", CellSourceFacets.Various | CellSourceFacets.Adipose | CellSourceFacets.BoneMarrow)]
    [InlineData("allogeneic placenta-derived", CellSourceFacets.Placenta)]
    [InlineData("peripheral blood mononuclear cells", CellSourceFacets.PeripheralBlood)]
    [InlineData("cord blood", CellSourceFacets.UmbilicalCord)]
    [InlineData("dental pulp", CellSourceFacets.Other)]
    [InlineData("   ", CellSourceFacets.NotStated)]
    public void Normalises_cell_sources(string text, CellSourceFacets expected) =>
        FacetClassifier.CellSources(text).Should().Be(expected);

    [Theory]
    [InlineData("IV infusion", RouteFacets.Intravenous)]
    [InlineData("given as it was planned", RouteFacets.Other)]
    [InlineData("intracerebroventricular (Ommaya reservoir)", RouteFacets.Intracerebral)]
    [InlineData("subcutaneous", RouteFacets.Other)]
    [InlineData(null, RouteFacets.NotStated)]
    public void Normalises_routes_and_reads_IT_IV_IM_only_in_capitals(string? text, RouteFacets expected) =>
        FacetClassifier.Routes(text).Should().Be(expected);

    [Theory]
    [InlineData(StudyKind.TrialReport, "Non-randomised, open-label", EvidenceLevel.NonRandomised)]
    [InlineData(StudyKind.TrialReport, "not randomized; later randomized extension", EvidenceLevel.RandomisedControlled)]
    [InlineData(StudyKind.ObservationalStudy, "Case series of 5 patients", EvidenceLevel.CaseReportOrSeries)]
    [InlineData(StudyKind.TrialReport, "Single case report", EvidenceLevel.CaseReportOrSeries)]
    [InlineData(StudyKind.RegistryRecord, "Randomized", EvidenceLevel.RegistryRecord)]
    [InlineData(StudyKind.SystematicReview, null, EvidenceLevel.Review)]
    [InlineData(StudyKind.RegulatoryDecision, "n/a", EvidenceLevel.PressReleaseOrOther)]
    public void Derives_the_evidence_level_from_kind_and_design(StudyKind kind, string? design, EvidenceLevel expected) =>
        FacetClassifier.EvidenceLevelOf(kind, design).Should().Be(expected);

    [Fact]
    public void Gives_no_phase_to_publications_that_are_not_trials()
    {
        FacetClassifier.StudyPhase(StudyKind.PressRelease, "Expanded access (post phase 3), not a trial").Should().BeNull();
        FacetClassifier.StudyPhase(StudyKind.RegulatoryDecision, "Regulatory review of phase 3 data").Should().BeNull();
        FacetClassifier.StudyPhase(StudyKind.TrialReport, "Phase IIa").Should().Be(TrialPhase.Phase2);
    }

    [Theory]
    [InlineData("Active, not recruiting", TrialStatusFacet.ActiveNotRecruiting)]
    [InlineData("ACTIVE_NOT_RECRUITING", TrialStatusFacet.ActiveNotRecruiting)]
    [InlineData("Not yet recruiting", TrialStatusFacet.NotYetRecruiting)]
    [InlineData("Completed", TrialStatusFacet.Completed)]
    [InlineData("Unknown status", TrialStatusFacet.Unknown)]
    [InlineData(null, TrialStatusFacet.NotStated)]
    public void Normalises_trial_statuses(string? text, TrialStatusFacet expected) =>
        FacetClassifier.TrialStatus(text).Should().Be(expected);

    [Fact]
    public void Reads_a_trials_cell_source_and_route_from_its_intervention()
    {
        var trial = new Trial
        {
            NctId = "NCT02017912",
            Intervention = "MSC-NTF (autologous bone-marrow MSCs induced to secrete neurotrophic factors), combined intrathecal + intramuscular",
            Design = "Randomized 3:1, double-blind",
            Status = "Completed",
        };
        FacetClassifier.Apply(trial);
        trial.CellSourceFacet.Should().Be(CellSourceFacets.BoneMarrow);
        trial.RouteFacet.Should().Be(RouteFacets.Intrathecal | RouteFacets.Intramuscular);
        trial.EvidenceLevel.Should().Be(EvidenceLevel.RandomisedControlled);
        trial.StatusFacet.Should().Be(TrialStatusFacet.Completed);

        var t = new Trial { NctId = "NCT04745299", Intervention = "MSC (lenzumestrocel), intrathecal" };
        FacetClassifier.Apply(t);
        t.CellSourceFacet.Should().Be(CellSourceFacets.NotStated, "an intervention that names no source does not state one");
        t.EvidenceLevel.Should().Be(EvidenceLevel.NotStated);
    }
}
