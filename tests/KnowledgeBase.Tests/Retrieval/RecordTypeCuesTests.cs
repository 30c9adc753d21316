using KnowledgeBase.Domain;
using KnowledgeBase.Linking;
using KnowledgeBase.Retrieval;

namespace KnowledgeBase.Tests.Retrieval;

public sealed class RecordTypeCuesTests
{
    [Theory]
    [InlineData("Although not yet FDA-approved, the infusion is offered in several countries.", ClaimCue.Approval)]
    [InlineData("The device is close to receiving approval for knee pain.", ClaimCue.Approval)]
    [InlineData("It holds an orphan drug designation in Europe.", ClaimCue.Approval)]
    [InlineData("Ongoing studies are testing the injections in older patients.", ClaimCue.Ongoing)]
    [InlineData("Trials of the peptide are currently recruiting in Texas.", ClaimCue.Ongoing)]
    [InlineData("Many studies have found the therapy to be safe.", ClaimCue.ResearchInGeneral)]
    [InlineData("Research has demonstrated benefits for joint pain.", ClaimCue.ResearchInGeneral)]
    [InlineData("Several trials are in progress to evaluate it.", ClaimCue.Ongoing | ClaimCue.ResearchInGeneral)]
    [InlineData("Our patients report less pain after two sessions.", ClaimCue.None)]
    [InlineData("Alirocumab lowers the fractional clearance rate of lipoprotein(a).", ClaimCue.None)]
    [InlineData("The protein binds transcriptional regulators of memory T cells.", ClaimCue.None)]
    public void Reads_the_kind_of_evidence_a_claim_speaks_of(string claim, ClaimCue expected) =>
        RecordTypeCues.Of(claim).Should().Be(expected);

    [Theory]
    [InlineData("Since 2003, clinical studies on the cells have been conducted.", new[] { 2003 })]
    [InlineData("The first trial was in the year 2011 and another in March 2015.", new[] { 2011, 2015 })]
    [InlineData("In 2020, patients in the study were treated with 1500 cells; in 2021 patients waited.", new[] { 2020 })]
    [InlineData("Incidence of heart failure in women has risen since 1979.", new int[0])]
    [InlineData("The study found that sepsis deaths fell from 2009 to 2014.", new int[0])]
    [InlineData("The clinic treated 2019 patients with 2000 mg doses.", new int[0])]
    [InlineData("NCT02017912 enrolled 48 people in the trial.", new int[0])]
    public void Reads_years_written_as_dates_not_counts(string claim, int[] expected) =>
        RecordTypeCues.Years(claim).Should().Equal(expected);

    [Fact]
    public void A_claim_about_approval_puts_the_regulators_decision_above_an_equally_relevant_trial()
    {
        var library = Library(
            Record(1, "Knee injections of platelet-rich plasma: a randomised trial", StudyKind.TrialReport),
            Record(2, "Regulator's decision on platelet-rich plasma knee injections", StudyKind.RegulatoryDecision));

        var ranked = EvidenceRanker.Rank(library, ClaimContext.Of("Platelet-rich plasma knee injections are not approved."), default, 2);

        ranked[0].Candidate.Id.Should().Be(2);
        ranked[0].Reasons.Select(r => r.Text).Should().Contain("a regulatory decision, and the claim speaks of approval");
        ranked[1].Reasons.Select(r => r.Text).Should().NotContain(t => t.Contains("regulatory", StringComparison.Ordinal));
    }

    [Fact]
    public void A_claim_naming_a_year_puts_that_years_record_first_and_says_so()
    {
        var library = Library(
            Record(1, "Platelet-rich plasma knee injections in older adults", StudyKind.TrialReport, year: 2015),
            Record(2, "Platelet-rich plasma knee injections in older adults: first results", StudyKind.TrialReport, year: 2003));

        var ranked = EvidenceRanker.Rank(library, ClaimContext.Of("Since 2003, studies of platelet-rich plasma knee injections have helped older adults."), default, 2);

        ranked[0].Candidate.Id.Should().Be(2);
        ranked[0].Reasons.Select(r => r.Text).Should().Contain("from 2003, the year the claim names");
    }

    [Fact]
    public void A_cue_never_lifts_a_record_outside_the_most_relevant_ones()
    {
        var records = Enumerable.Range(1, 150)
            .Select(i => Record(i, $"Platelet-rich plasma knee injections study {i}", StudyKind.TrialReport))
            .Append(Record(151, "Regulatory decision on hair dye labelling", StudyKind.RegulatoryDecision))
            .ToArray();

        var ranked = EvidenceRanker.Rank(Library(records), ClaimContext.Of("Platelet-rich plasma knee injections are approved."), default, 10);

        ranked.Should().NotContain(s => s.Candidate.Id == 151);
    }

    [Fact]
    public void Registered_trials_still_recruiting_and_protocols_count_as_ongoing_completed_ones_do_not()
    {
        EvidenceCandidate.FromTrial(new Trial { NctId = "NCT01234567", StatusFacet = TrialStatusFacet.Recruiting }).Ongoing.Should().BeTrue();
        EvidenceCandidate.FromTrial(new Trial { NctId = "NCT01234568", StatusFacet = TrialStatusFacet.Completed }).Ongoing.Should().BeFalse();
        EvidenceCandidate.FromStudy(new Study { Title = "Protocol of a knee trial", Kind = StudyKind.TrialProtocol }).Ongoing.Should().BeTrue();
        EvidenceCandidate.FromStudy(new Study { Title = "Results of a knee trial", Kind = StudyKind.TrialReport }).Ongoing.Should().BeFalse();
    }

    private static EvidenceCandidate Record(int id, string title, StudyKind kind, int? year = null) => new()
    {
        Kind = EvidenceKind.Study,
        Id = id,
        Title = title,
        Year = year,
        Publication = kind,
    };

    private static EvidenceLibrary Library(params EvidenceCandidate[] records)
    {
        var builder = new EvidenceLibraryBuilder(4);
        foreach (var r in records) builder.Add(r, null);
        return builder.Build();
    }
}
