using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;

namespace KnowledgeBase.Tests.Importing;

public sealed class TrialDeriverTests
{
    private static readonly Lazy<IReadOnlyList<LibraryRecord>> Library = new(() =>
        ReferenceLibraryParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, "reference-library.json"))));

    private static readonly Lazy<IReadOnlyList<DerivedTrial>> Trials = new(() => TrialDeriver.Derive(Library.Value));

    private static DerivedTrial Trial(string nct) => Trials.Value.Single(t => t.NctId == nct);

    private static LibraryRecord Rec(string id, StudyKind kind, string? phase, params string[] ncts) => new()
    {
        Id = id,
        RecordType = kind.ToString(),
        Kind = kind,
        Title = "Title of " + id,
        Phase = phase,
        NctIds = ncts,
    };

    [Fact]
    public void Derives_one_trial_per_distinct_nct_id_ordered_by_id()
    {
        Trials.Value.Select(t => t.NctId).Should().Equal(
            "NCT01051882", "NCT01363401", "NCT01609283", "NCT01777646", "NCT02017912",
            "NCT02881476", "NCT03268603", "NCT03280056", "NCT04745299", "NCT06973629");
    }

    [Theory]
    [InlineData("NCT01051882", TrialPhase.Phase1Phase2)]
    [InlineData("NCT01363401", TrialPhase.Phase1Phase2)]
    [InlineData("NCT01609283", TrialPhase.Phase1)]
    [InlineData("NCT01777646", TrialPhase.Phase2)]
    [InlineData("NCT02017912", TrialPhase.Phase2)]
    [InlineData("NCT03268603", TrialPhase.Phase2)]
    [InlineData("NCT03280056", TrialPhase.Phase3)]
    [InlineData("NCT04745299", TrialPhase.Phase3)]
    [InlineData("NCT06973629", TrialPhase.Phase3)]
    public void Takes_each_trials_phase_from_the_records_that_report_it(string nct, TrialPhase phase) =>
        Trial(nct).Phase.Should().Be(phase);

    [Fact]
    public void Leaves_the_phase_empty_when_no_trial_record_states_one()
    {
        Trial("NCT02881476").Phase.Should().BeNull();
        Trial("NCT02881476").PhaseText.Should().BeNull();
    }

    [Fact]
    public void Takes_the_phase_stated_next_to_each_id_in_a_record_naming_two_trials()
    {
        Trial("NCT01051882").PhaseText.Should().Be("Phase 1/2 (REC-01)");
        Trial("NCT01777646").PhaseText.Should().Be("Phase 2a (REC-01)");
        Trial("NCT01777646").Provenance.Should().Contain("Phase: REC-01 phase field (the phase stated next to NCT01777646)");
    }

    [Fact]
    public void Combines_the_stages_of_a_two_stage_trial_and_keeps_the_text()
    {
        var trial = Trial("NCT01363401");

        trial.PhaseText.Should().Be("Phase 1 (REC-07); Phase 2 (REC-08)");
        trial.ReportedBy.Should().Equal("REC-07", "REC-08");
        trial.Provenance.Should().Contain(p => p.StartsWith("Phase: combined from REC-07", StringComparison.Ordinal));
        trial.Intervention.Should().Be("MSC (HYNR-CS; later NeuroNata-R / lenzumestrocel), intrathecal");
        trial.TherapyTypes.Should().Equal(TherapyType.BoneMarrowMsc);
    }

    [Fact]
    public void Ignores_the_phase_of_regulatory_events()
    {
        var trial = Trial("NCT03280056");

        trial.ReportedBy.Should().Equal("REC-03", "REC-04");
        trial.PhaseText.Should().Be("Phase 3 (REC-03)");
        trial.Provenance.Should().Contain("Phase: REC-03 phase field");
    }

    [Fact]
    public void Fills_registry_facts_of_the_ENDURANCE_trial_from_its_registry_record()
    {
        var trial = Trial("NCT06973629");

        trial.Title.Should().StartWith("A Two-Part Phase 3b Randomized").And.EndWith("(ENDURANCE)");
        trial.PhaseText.Should().Be("Phase 3b (REC-06)");
        trial.Design.Should().StartWith("Part A: 24-week randomized");
        trial.Enrollment.Should().BeNull("the library gives only a planned ~200");
        trial.Status.Should().Be("Not yet recruiting");
        trial.Sponsor.Should().Be("Brainstorm-Cell Therapeutics");
        trial.Intervention.Should().Be("MSC-NTF (debamestrocel, NurOwn), intrathecal");
        trial.TherapyTypes.Should().Equal(TherapyType.MscNtf);
        trial.Provenance.Should().Contain([
            "Title: REC-06 citation title (registry record)",
            "Status: REC-06 n_detail (registry status as summarised by the library)",
            "Sponsor: REC-06 citation authors (stated as sponsor)",
        ]);
        trial.Unverified.Should().Equal("REC-06: exact clearance date");
    }

    [Fact]
    public void Fills_registry_facts_of_the_Mayo_phase_2_trial_without_inventing_a_sponsor()
    {
        var trial = Trial("NCT03268603");

        trial.Title.Should().Be("A Phase II Study of Intrathecal Autologous Adipose-derived Mesenchymal Stromal Cells for Amyotrophic Lateral Sclerosis");
        trial.Enrollment.Should().Be(75);
        trial.Status.Should().Be("Active, not recruiting");
        trial.Sponsor.Should().BeNull();
        trial.Provenance.Should().Contain("Status: REC-11 main_results (registry status as summarised by the library)");
    }

    [Fact]
    public void Leaves_registry_only_facts_empty_for_trials_known_only_from_publications()
    {
        foreach (var nct in new[] { "NCT01051882", "NCT01363401", "NCT01609283", "NCT01777646", "NCT02017912", "NCT02881476", "NCT03280056", "NCT04745299" })
        {
            var trial = Trial(nct);
            trial.Design.Should().BeNull(nct);
            trial.Status.Should().BeNull(nct);
            trial.Sponsor.Should().BeNull(nct);
        }
    }

    [Fact]
    public void A_trial_known_from_one_publication_takes_its_title_and_participants_and_says_where_they_came_from()
    {
        var trial = Trial("NCT02017912");

        trial.Title.Should().StartWith("NurOwn, phase 2, randomized, clinical trial in patients with ALS");
        trial.TitleFromPublication.Should().BeTrue();
        trial.Enrollment.Should().Be(48);
        trial.EnrollmentFromPublication.Should().BeTrue();
        trial.Provenance.Should().Contain("Title: REC-02 citation title (the publication reporting this trial; the registry's own title was not retrieved)")
            .And.Contain("Enrollment: REC-02 n_enrolled (participants of the publication reporting this trial; the registry's figure was not retrieved)");
    }

    [Fact]
    public void Publications_that_disagree_on_participants_or_report_two_trials_leave_the_enrolment_empty_and_an_unconfirmed_title_is_not_used()
    {
        Trial("NCT01363401").Enrollment.Should().BeNull("REC-07 reports 8 participants and REC-08 64: two stages of one registered trial");
        Trial("NCT01363401").Provenance.Should().Contain("Enrollment: not set: REC-07 n_enrolled says 8 and REC-08 n_enrolled says 64");
        Trial("NCT01051882").Title.Should().BeNull("REC-01 reports two trials at once");
        Trial("NCT01051882").Enrollment.Should().BeNull();
        Trial("NCT02881476").Title.Should().BeNull("REC-27's curators could not confirm its title");
        Trial("NCT02881476").Enrollment.Should().Be(43);
    }

    [Fact]
    public void Prefixes_each_unverified_note_with_its_record()
    {
        Trial("NCT01051882").Unverified.Should().Equal(
            "REC-01: full author list",
            "REC-01: exact abstract wording on serious adverse events (safety conclusion verified via secondary source)",
            "REC-01: exact \"13 of 15\" count (only 87% verified)",
            "REC-01: age range 20-75 stated in seed 001");
        Trial("NCT03280056").Unverified.Should().Contain("REC-04: exact date of BLA withdrawal");
    }

    [Fact]
    public void Takes_the_intervention_from_a_record_naming_several_trials_only_as_a_fallback()
    {
        Trial("NCT01051882").Intervention.Should().StartWith("MSC-NTF (autologous bone-marrow MSCs")
            .And.EndWith(", intramuscular (IM), intrathecal (IT), or combined IM+IT");
        Trial("NCT02881476").Intervention.Should().Be("Wharton's jelly-derived MSC, intrathecal (cervical/thoracic/lumbar)");
    }

    [Fact]
    public void Unions_the_therapy_types_of_the_reporting_trial_records()
    {
        Trial("NCT01609283").TherapyTypes.Should().Equal(TherapyType.AdiposeMsc);
        Trial("NCT02881476").TherapyTypes.Should().Equal(TherapyType.UmbilicalCordMsc);
        Trial("NCT03280056").TherapyTypes.Should().Equal(TherapyType.MscNtf);
    }

    [Theory]
    [InlineData("Phase 1", TrialPhase.Phase1)]
    [InlineData("Phase 1/2", TrialPhase.Phase1Phase2)]
    [InlineData("phase I/II", TrialPhase.Phase1Phase2)]
    [InlineData("Phase 2a", TrialPhase.Phase2)]
    [InlineData("Phase IIb", TrialPhase.Phase2)]
    [InlineData("Phase 2/3", TrialPhase.Phase2Phase3)]
    [InlineData("Phase 3b", TrialPhase.Phase3)]
    [InlineData("Phase III", TrialPhase.Phase3)]
    [InlineData("Phase 4", TrialPhase.Phase4)]
    [InlineData("Early Phase 1", TrialPhase.EarlyPhase1)]
    public void Maps_phase_text_to_the_registry_vocabulary(string text, TrialPhase phase) =>
        TrialDeriver.ParsePhase(text).Should().Be(phase);

    [Theory]
    [InlineData("Early feasibility/safety")]
    [InlineData("n/a")]
    [InlineData("Phase 1/3")]
    [InlineData(null)]
    public void Does_not_guess_a_phase_from_other_text(string? text) =>
        TrialDeriver.ParsePhase(text).Should().BeNull();

    [Fact]
    public void Leaves_the_phase_empty_when_records_state_phases_that_do_not_combine()
    {
        var trial = TrialDeriver.Derive([
            Rec("A", StudyKind.TrialReport, "Phase 1", "NCT00000001"),
            Rec("B", StudyKind.TrialReport, "Phase 3", "NCT00000001"),
        ]).Single();

        trial.Phase.Should().BeNull();
        trial.PhaseText.Should().Be("Phase 1 (A); Phase 3 (B)");
        trial.Provenance.Should().Contain(p => p.StartsWith("Phase: not set", StringComparison.Ordinal));
    }

    [Fact]
    public void Takes_no_facts_from_press_releases_or_reviews_but_still_lists_them()
    {
        var trial = TrialDeriver.Derive([
            Rec("P", StudyKind.PressRelease, "Phase 3", "NCT00000002") with { CellType = "MSC-NTF", Route = "intrathecal", TherapyTypes = [TherapyType.MscNtf] },
        ]).Single();

        trial.ReportedBy.Should().Equal("P");
        trial.Phase.Should().BeNull();
        trial.Intervention.Should().BeNull();
        trial.TherapyTypes.Should().Equal(TherapyType.MscNtf);
    }

    [Fact]
    public void Takes_no_status_from_a_record_that_names_several_trials()
    {
        var trial = TrialDeriver.Derive([
            Rec("A", StudyKind.TrialReport, null, "NCT00000003", "NCT00000004") with { ParticipantsDetail = "registry: recruiting" },
        ]);

        trial.Should().HaveCount(2).And.OnlyContain(t => t.Status == null);
    }

    [Fact]
    public void Derives_nothing_from_records_without_nct_ids()
    {
        TrialDeriver.Derive([Rec("A", StudyKind.TrialReport, "Phase 1")]).Should().BeEmpty();
    }
}
