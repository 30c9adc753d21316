using KnowledgeBase.Domain;
using KnowledgeBase.Linking.TrialComparison;
using static KnowledgeBase.Tests.Linking.SeedRecords;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// The claim-against-record comparison on the seeds' real claims and the trials derived from the reference library
/// (docs/claim-vs-record.md lists the flags these tests expect and why), plus small records for the rules the seeds
/// do not exercise.
/// </summary>
public sealed class ClaimRecordComparerTests
{
    private static readonly string NurOwnSurvival = Claim("It has shown significant delay in rate of disease progression");
    private static readonly string NurOwnPhase3b = Claim("NurOwn, another MSC-based product");
    private static readonly string SoonApproved = Claim("Soon, they will be approved");
    private static readonly string CloseToApproval = Claim("Two MSC-based products are close to receiving approval");
    private static readonly string LastPhase = Claim("They are in their last phase of testing");
    private static readonly string OrphanDrug = Claim("South Korea, the USA, and Europe have designated it");
    private static readonly string ClearanceAnticipated = Claim("According to the trial’s preliminary findings");

    private static ClaimComparison Compare(string claim, ComparedRecord record) => ClaimRecordComparer.Compare(claim, record);

    private static ComparisonRow Row(ClaimComparison comparison, ComparedAspect aspect) => comparison.Rows.Single(r => r.Aspect == aspect);

    [Fact]
    public void NurOwn_significant_delay_claim_is_flagged_against_the_phase_3_whose_primary_endpoint_was_not_met()
    {
        var comparison = Compare(NurOwnSurvival, TrialRecord("NCT03280056"));

        var flag = comparison.Flags.Should().ContainSingle(f => f.Kind == FlagKinds.PrimaryOutcome).Subject;
        flag.Reason.Should().Contain("significant delay in rate of disease progression").And.Contain("PRIMARY ENDPOINT NOT MET");
        flag.RecordKey.Should().Be(FlagRecords.Key(ComparedRecordKind.Trial, Trial("NCT03280056").Id));
    }

    [Fact]
    public void A_survival_percentage_against_responder_rates_is_not_comparable_and_never_a_mismatch()
    {
        var comparison = Compare(NurOwnSurvival, TrialRecord("NCT03280056"));

        comparison.Flags.Should().NotContain(f => f.Kind == FlagKinds.Figure);
        var numbers = Row(comparison, ComparedAspect.Numbers);
        numbers.Verdict.Should().Be(RowVerdict.NotComparable);
        numbers.ClaimSays.Should().Contain("90%").And.Contain("survival").And.Contain("not comparable").And.Contain("responder rate");
        numbers.RecordSays.Should().Contain("33%").And.Contain("responders");
    }

    [Fact]
    public void The_survival_claim_against_the_phase_3b_registration_is_flagged_as_a_result_the_trial_does_not_have()
    {
        var comparison = Compare(NurOwnSurvival, TrialRecord("NCT06973629"));

        var flag = comparison.Flags.Should().ContainSingle(f => f.Kind == FlagKinds.NoResults).Subject;
        flag.Reason.Should().Contain("no results").And.Contain("90%");
        Row(comparison, ComparedAspect.Results).Verdict.Should().Be(RowVerdict.Differs);
    }

    [Fact]
    public void The_survival_figure_agrees_with_the_expanded_access_press_release_it_comes_from()
    {
        var comparison = Compare(NurOwnSurvival, StudyRecord("REC-05"));

        comparison.Flags.Should().BeEmpty();
        Row(comparison, ComparedAspect.Numbers).Verdict.Should().Be(RowVerdict.Agrees);
    }

    [Fact]
    public void Approved_for_phase_3b_is_a_trial_authorisation_and_agrees_with_the_registration()
    {
        var comparison = Compare(NurOwnPhase3b, TrialRecord("NCT06973629"));

        comparison.Flags.Should().BeEmpty();
        Row(comparison, ComparedAspect.Phase).Verdict.Should().Be(RowVerdict.Agrees);
        Row(comparison, ComparedAspect.Approval).ClaimSays.Should().Contain("not a marketing approval");
        Row(comparison, ComparedAspect.ProductAndSponsor).Verdict.Should().Be(RowVerdict.Agrees);
    }

    [Theory]
    [InlineData("NCT03280056", "voted")]
    [InlineData("NCT04745299", "did NOT meet primary endpoint")]
    public void Claims_that_approval_is_near_are_flagged_with_what_the_record_says_against_it(string nct, string evidence)
    {
        foreach (var claim in new[] { SoonApproved, CloseToApproval, LastPhase })
        {
            var flags = Compare(claim, TrialRecord(nct)).Flags;
            flags.Should().ContainSingle(f => f.Kind == FlagKinds.ApprovalOutlook, claim)
                .Which.Reason.Should().Contain(evidence);
            flags.Should().OnlyContain(f => f.Kind == FlagKinds.ApprovalOutlook, "nothing else in {0} differs from {1}", claim, nct);
        }
    }

    [Fact]
    public void Clearance_anticipated_from_preliminary_findings_is_flagged_against_the_missed_primary_endpoint()
    {
        var flag = Compare(ClearanceAnticipated, TrialRecord("NCT04745299")).Flags.Should().ContainSingle().Subject;

        flag.Kind.Should().Be(FlagKinds.ApprovalOutlook);
        flag.Reason.Should().Contain("clearance is anticipated").And.Contain("did NOT meet primary endpoint");
    }

    [Fact]
    public void Orphan_designations_the_record_does_not_confirm_are_flagged_saying_they_rest_on_unverified_facts()
    {
        var flag = Compare(OrphanDrug, TrialRecord("NCT04745299")).Flags.Should().ContainSingle().Subject;

        flag.Kind.Should().Be(FlagKinds.Designation);
        flag.RestsOnUnverified.Should().BeTrue();
        flag.Reason.Should().Contain("the record confirms the USA").And.Contain("FDA orphan drug designation Aug 2018")
            .And.Contain("Europe and South Korea are not confirmed").And.Contain("unverified").And.Contain("EU and Korean orphan-drug designations");
    }

    /// <summary>
    /// Seed claims whose words agree with the record they rest on (seeds/labels: "cites" or a close allusion): the
    /// comparison must raise nothing on them.
    /// </summary>
    [Theory]
    [InlineData("The authors, in this review, report on the safety and clinical effects resulting from phase 1 / 2 and 2a", "NCT01051882")]
    [InlineData("The authors, in this review, report on the safety and clinical effects resulting from phase 1 / 2 and 2a", "NCT01777646")]
    [InlineData("The scientists gave 6 patients each", "NCT01051882")]
    [InlineData("They then gave 14 patients a combination", "NCT01777646")]
    [InlineData("They found that 13 of the patients (or 87%) improved", "NCT01051882")]
    [InlineData("As a result of this study, the authors have concluded that IT and IM injections", "NCT01051882")]
    [InlineData("Considering that neurologists specializing in the treatment of ALS consider a reduction", "NCT01051882")]
    [InlineData("The phase I clinical trial included 8 patients", "NCT01363401")]
    [InlineData("A recent publication in", "NCT01363401")]
    [InlineData("The researchers found that the injections were safe", "NCT01363401")]
    [InlineData("There were also no serious adverse events observed over a 12 month follow up.", "NCT01363401")]
    [InlineData("While not yet FDA-approved, many trials are in progress", "NCT03280056")]
    [InlineData("This autologous (patient-derived) MSC stem cells therapy has shown potential", "NCT03280056")]
    [InlineData("This autologous (patient-derived) MSC stem cells therapy has shown potential", "NCT02017912")]
    [InlineData("Ongoing studies are assessing the safety and efficacy", "NCT03268603")]
    [InlineData("Ongoing studies are assessing the safety and efficacy", "NCT01609283")]
    [InlineData("CorestemChemon, a biotechnology company in South Korea, has developed NeuroNata-R", "NCT04745299")]
    [InlineData("Clinical trials for the product are now in phase three.", "NCT04745299")]
    [InlineData("These efforts are finally culminating in the phase 3 trials", "NCT04745299")]
    [InlineData("These efforts are finally culminating in the phase 3 trials", "NCT03280056")]
    [InlineData("These efforts are finally culminating in the phase 3 trials", "NCT06973629")]
    [InlineData("NurOwn, another MSC-based product", "NCT06973629")]
    public void Seed_claims_that_agree_with_their_trial_get_no_flag(string claimStart, string nct)
    {
        var comparison = Compare(Claim(claimStart), TrialRecord(nct));

        comparison.Flags.Should().BeEmpty();
        comparison.Rows.Should().Contain(r => r.Verdict == RowVerdict.Agrees || r.Verdict == RowVerdict.ClaimSilent);
    }

    [Theory]
    [InlineData("Barzewska et al. administered MSCs in 67 patients.", "REC-13")]
    [InlineData("In a study conducted by Ammar et al. (2021), 6 clinical trials", "REC-12")]
    [InlineData("The phase I clinical trial included 8 patients", "REC-07")]
    public void Seed_claims_that_agree_with_their_study_get_no_flag(string claimStart, string libraryId)
    {
        Compare(Claim(claimStart), StudyRecord(libraryId)).Flags.Should().BeEmpty();
    }

    [Fact]
    public void Enrolment_agrees_with_the_group_the_claim_counts_and_the_row_shows_where_it_is_stated()
    {
        var row = Row(Compare(Claim("The phase I clinical trial included 8 patients"), TrialRecord("NCT01363401")), ComparedAspect.Enrolment);

        row.Verdict.Should().Be(RowVerdict.Agrees);
        row.ClaimSays.Should().Contain("8 patients");
        row.RecordSays.Should().Contain("8 enrolled").And.Contain("registry enrollment 72");
    }

    [Fact]
    public void The_number_screened_given_as_patients_is_flagged_with_the_number_randomised()
    {
        var flag = Compare("The NurOwn phase 3 trial treated 263 patients with ALS.", TrialRecord("NCT03280056")).Flags
            .Should().ContainSingle().Subject;

        flag.Kind.Should().Be(FlagKinds.Enrolment);
        flag.Reason.Should().Contain("263 were screened").And.Contain("196 took part");
    }

    [Fact]
    public void Enrolled_48_agrees_with_the_phase_2_and_phase_III_reads_as_phase_3()
    {
        var phase2 = TrialRecord("NCT02017912");
        Compare("The randomized trial enrolled 48 people with ALS.", phase2).Flags.Should().BeEmpty();

        var flag = Compare("NurOwn was tested in a phase III trial of 48 participants.", phase2).Flags.Should().ContainSingle().Subject;
        flag.Kind.Should().Be(FlagKinds.Phase);
        flag.Reason.Should().Be("The claim says phase 3; the trial record (NCT02017912) says phase 2.");
    }

    [Fact]
    public void Late_stage_testing_reads_as_phase_3()
    {
        Compare("The therapy is in late-stage testing.", TrialRecord("NCT02017912")).Flags
            .Should().ContainSingle(f => f.Kind == FlagKinds.Phase);
        Compare("The therapy is in late-stage testing.", TrialRecord("NCT03280056")).Flags.Should().BeEmpty();
    }

    [Fact]
    public void A_claim_that_says_nothing_on_any_aspect_gets_no_flag()
    {
        var comparison = Compare("ALS is a devastating disease of the motor neurons.", TrialRecord("NCT03280056"));

        comparison.Flags.Should().BeEmpty();
        comparison.Rows.Should().OnlyContain(r => r.Verdict == RowVerdict.ClaimSilent);
        comparison.Rows.Select(r => r.Aspect).Should().Equal(Enum.GetValues<ComparedAspect>());
    }

    private static ComparedRecord Registered(string? status = null, string? results = null, TrialPhase? phase = TrialPhase.Phase2, string[]? unverified = null) =>
        ComparedRecord.From(new Trial
        {
            Id = 7,
            NctId = "NCT00000007",
            Phase = phase,
            Status = status,
            Enrollment = 40,
            Unverified = [.. unverified ?? []],
            Studies = results is null ? [] : [new Study { Id = 3, Title = "Report", ShortLabel = "Report 2020", Kind = StudyKind.TrialReport, MainResults = results }],
        });

    [Fact]
    public void A_survival_rate_is_compared_with_a_survival_rate_and_a_difference_is_flagged()
    {
        var flag = Compare("90% of patients were alive after five years.", Registered(results: "Survival at five years was 50% in the treated group.")).Flags
            .Should().ContainSingle().Subject;

        flag.Kind.Should().Be(FlagKinds.Figure);
        flag.Reason.Should().Be("The claim says 90% (survival); the trial record (NCT00000007) says 50% (Report 2020 (main results)).");
    }

    [Fact]
    public void Fda_approved_is_flagged_when_no_approval_is_recorded_and_the_trial_was_terminated()
    {
        var flag = Compare("The FDA approved stem cell treatment is available now.", Registered(status: "Terminated")).Flags
            .Should().ContainSingle(f => f.Kind == FlagKinds.Approval).Subject;

        flag.Reason.Should().Contain("FDA approved").And.Contain("no approval is recorded").And.Contain("terminated");
    }

    [Fact]
    public void An_ongoing_claim_against_a_completed_trial_is_flagged_and_a_completed_one_agrees()
    {
        Compare("The trial is ongoing.", Registered(status: "Completed")).Flags
            .Should().ContainSingle().Which.Reason.Should().Be("The claim says “ongoing”; the trial record (NCT00000007) says completed.");
        Compare("The trial is ongoing.", Registered(status: "Recruiting")).Flags.Should().BeEmpty();
    }

    [Fact]
    public void A_flag_on_a_fact_the_record_lists_as_unverified_says_so()
    {
        var flag = Compare("A phase 3 trial showed it works.", Registered(unverified: ["phase (registry not retrieved)"])).Flags
            .Should().ContainSingle().Subject;

        flag.Kind.Should().Be(FlagKinds.Phase);
        flag.RestsOnUnverified.Should().BeTrue();
        flag.Reason.Should().EndWith("(the record lists as unverified: “phase (registry not retrieved)”)");
    }

    [Fact]
    public void A_registry_change_since_the_claim_was_linked_is_flagged_whatever_the_claim_says()
    {
        var changed = TrialRecord("NCT03280056") with
        {
            RegistryChanges = [new RegistryChange(nameof(KnowledgeBase.Domain.Trial.Status), "Recruiting", "Terminated", new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc)),
                new RegistryChange(nameof(KnowledgeBase.Domain.Trial.Enrollment), "263", "189", new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc))],
        };

        var flag = Compare(LastPhase, changed).Flags.Should().ContainSingle(f => f.Kind == FlagKinds.RecordChanged).Subject;
        flag.Reason.Should().Be("The registry record (NCT03280056) changed since the claim was linked: status changed from Recruiting to Terminated "
            + "on re-import (2 December 2026); enrolment changed from 263 to 189 on re-import (2 December 2026).");
        Compare(LastPhase, TrialRecord("NCT03280056")).Flags.Should().NotContain(f => f.Kind == FlagKinds.RecordChanged, "an unchanged record raises nothing");
    }

    [Fact]
    public void Results_posted_on_the_registry_count_as_reported_even_where_the_library_recorded_none()
    {
        var registration = TrialRecord("NCT06973629");
        Compare(NurOwnSurvival, registration).Flags.Should().Contain(f => f.Kind == FlagKinds.NoResults);

        var posted = Compare(NurOwnSurvival, registration with { ResultsPosted = true });

        posted.Flags.Should().NotContain(f => f.Kind == FlagKinds.NoResults, "the registry now holds results");
        Row(posted, ComparedAspect.Results).RecordSays.Should().Contain("results posted on the registry");
    }
}
