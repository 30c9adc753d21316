using KnowledgeBase.Domain;

namespace KnowledgeBase.Tests.Domain;

/// <summary>How a claim gets its evidence and how an editor changes a link: the rules the claim page's forms rely on.</summary>
public sealed class EvidenceLinkTests
{
    private static readonly DateTime Created = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private static Claim NewClaim() => new() { Id = 3, Quote = "Proven in trials.", Status = ClaimStatus.Candidate };

    [Fact]
    public void Adding_a_link_records_the_target_relation_assessment_note_author_and_time()
    {
        var claim = NewClaim();

        var link = claim.AddLink(new EvidenceTarget(5, null), EvidenceRelation.CitesExplicitly, EvidenceAssessment.Overstated, "  Only *six* patients.\n", "editor@example.org", Created);

        claim.Links.Should().ContainSingle().Which.Should().BeSameAs(link);
        link.StudyId.Should().Be(5);
        link.TrialId.Should().BeNull();
        link.Target.Should().Be(new EvidenceTarget(5, null));
        link.Relation.Should().Be(EvidenceRelation.CitesExplicitly);
        link.Assessment.Should().Be(EvidenceAssessment.Overstated);
        link.Note.Should().Be("Only *six* patients.", "the note is trimmed");
        link.CreatedBy.Should().Be("editor@example.org");
        link.CreatedAt.Should().Be(Created);
        link.UpdatedAt.Should().Be(Created);
        link.ClaimId.Should().Be(claim.Id);
    }

    [Fact]
    public void A_link_without_a_record_is_no_citation_given_and_a_blank_note_is_no_note()
    {
        var link = NewClaim().AddLink(default, EvidenceRelation.NoCitationGiven, null, " \t\n", "editor@example.org", Created);

        link.Target.IsNone.Should().BeTrue();
        link.StudyId.Should().BeNull();
        link.TrialId.Should().BeNull();
        link.Note.Should().BeNull();
    }

    [Fact]
    public void A_link_needs_someone_to_have_made_it()
    {
        var act = () => NewClaim().AddLink(default, EvidenceRelation.NoCitationGiven, null, null, " ", Created);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Updating_a_link_moves_it_to_the_new_record_and_keeps_who_made_it_and_when()
    {
        var link = NewClaim().AddLink(new EvidenceTarget(5, null), EvidenceRelation.CitesExplicitly, null, "first", "editor@example.org", Created);

        link.Update(new EvidenceTarget(null, 12), EvidenceRelation.AlludesTo, EvidenceAssessment.Supported, "  ", Later);

        link.StudyId.Should().BeNull("a link points at one record");
        link.TrialId.Should().Be(12);
        link.Relation.Should().Be(EvidenceRelation.AlludesTo);
        link.Assessment.Should().Be(EvidenceAssessment.Supported);
        link.Note.Should().BeNull("an emptied note field removes the note");
        link.UpdatedAt.Should().Be(Later);
        link.CreatedAt.Should().Be(Created);
        link.CreatedBy.Should().Be("editor@example.org");
    }

    [Theory]
    [InlineData("study:5", 5, null)]
    [InlineData("trial:12", null, 12)]
    [InlineData("", null, null)]
    public void A_target_reads_the_forms_value_and_writes_it_back(string value, int? study, int? trial)
    {
        EvidenceTarget.TryParse(value, out var target).Should().BeTrue();

        target.Should().Be(new EvidenceTarget(study, trial));
        target.ToString().Should().Be(value);
        EvidenceTarget.Of(study, trial).Should().Be(value);
    }

    [Theory]
    [InlineData("study:")]
    [InlineData("study:-1")]
    [InlineData("paper:3")]
    [InlineData("study:1:2")]
    [InlineData("trial:1e3")]
    public void A_target_that_names_no_record_does_not_parse(string value) =>
        EvidenceTarget.TryParse(value, out _).Should().BeFalse();
}
