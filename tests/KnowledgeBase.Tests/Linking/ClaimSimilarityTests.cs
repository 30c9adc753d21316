using KnowledgeBase.Domain;
using KnowledgeBase.Linking;
using KnowledgeBase.Web.Features.Claims;

namespace KnowledgeBase.Tests.Linking;

public sealed class ClaimSimilarityTests
{
    private static double Overlap(string a, string b) => ClaimSimilarity.Overlap(ClaimSimilarity.Words(a), ClaimSimilarity.Words(b));

    [Fact]
    public void The_same_claim_reworded_overlaps_above_the_threshold() =>
        Overlap("Ninety percent of treated patients survived five years after the injections.",
                "90 percent of the patients treated with injections survived five years.")
            .Should().BeGreaterThanOrEqualTo(ClaimSimilarity.SameClaim);

    [Fact]
    public void Claims_about_different_things_stay_below_the_threshold() =>
        Overlap("Ninety percent of treated patients survived five years after the injections.",
                "The clinic offers a free information packet about the procedure.")
            .Should().BeLessThan(ClaimSimilarity.SameClaim);

    [Fact]
    public void Word_endings_and_stop_words_do_not_count() =>
        Overlap("The injection was safe.", "Injections are safe").Should().Be(1);

    [Fact]
    public void Query_words_are_the_longest_distinct_words() =>
        ClaimSimilarity.QueryWords("Stem cells slowed the progression of the disease in treated patients and cells", 3)
            .Should().Equal("progression", "patients", "disease");

    [Fact]
    public void The_assessment_summary_counts_in_words()
    {
        SimilarClaims.AssessmentSummary([EvidenceAssessment.Overstated, EvidenceAssessment.Unsupported, EvidenceAssessment.Overstated, null])
            .Should().Be("assessed 3 times: overstated twice, unsupported once");
        SimilarClaims.AssessmentSummary([null]).Should().Be("not assessed yet");
        SimilarClaims.AssessmentSummary([EvidenceAssessment.Supported]).Should().Be("assessed once: supported once");
    }
}
