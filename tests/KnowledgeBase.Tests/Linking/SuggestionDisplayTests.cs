using KnowledgeBase.Linking;
using KnowledgeBase.Web.Features.Evidence;

namespace KnowledgeBase.Tests.Linking;

public sealed class SuggestionDisplayTests
{
    private static EvidenceSuggestion Suggestion(double score, params double[] weights) => new(
        new EvidenceCandidate { Kind = EvidenceKind.Study, Id = 1, Title = "A synthetic study" },
        score,
        [.. weights.Select((w, i) => new SuggestionReason("reason " + i, w))]);

    [Fact]
    public void A_suggestion_with_a_citation_anchor_near_the_best_is_not_weak() =>
        SuggestionDisplay.IsWeak(Suggestion(6, 4, 2), bestScore: 8).Should().BeFalse();

    [Fact]
    public void Under_half_the_best_score_is_weak() =>
        SuggestionDisplay.IsWeak(Suggestion(3.5, 2.5, 1), bestScore: 10).Should().BeTrue();

    [Fact]
    public void Many_small_matches_without_an_anchor_are_weak() =>
        SuggestionDisplay.IsWeak(Suggestion(4, 1, 1, 1, 1), bestScore: 4).Should().BeTrue();

    [Fact]
    public void Below_the_minimum_score_is_weak_even_when_best() =>
        SuggestionDisplay.IsWeak(Suggestion(2, 2), bestScore: 2).Should().BeTrue();

    [Theory]
    [InlineData("author Mazzini et al.", "Author Mazzini et al.")]
    [InlineData("nearby: phase I matches", "Phase I matches (in the sentence before or after)")]
    [InlineData("67 patients matches participants", "67 patients matches participants")]
    public void Reasons_read_as_sentences(string reason, string shown) =>
        SuggestionDisplay.Reason(reason).Should().Be(shown);
}
