using KnowledgeBase.Domain;
using KnowledgeBase.Linking;

namespace KnowledgeBase.Tests.Linking;

/// <summary>Digits from other scripts ("٢٠٢٣") must not break number parsing in detection or suggestion.</summary>
public sealed class NonAsciiDigitsTests
{
    private const string Text = "In 20٢٣ Mazzini et al. reported that ٩٠% of ٦٧ patients survived, per a 2006 study.";

    [Fact]
    public void The_detector_reads_text_with_arabic_indic_digits()
    {
        var detect = () => ClaimRules.Detect(Text);

        detect.Should().NotThrow();
    }

    [Fact]
    public void The_suggester_reads_a_claim_with_arabic_indic_digits()
    {
        var candidate = new EvidenceCandidate { Kind = EvidenceKind.Study, Id = 1, Title = "Stem cell therapy in ALS", Year = 2006, AuthorSurnames = ["Mazzini"], Participants = 67 };

        var suggestions = EvidenceSuggester.Suggest(ClaimContext.Of(Text), [candidate]);

        suggestions.Should().ContainSingle().Which.Reasons.Should().Contain(r => r.Text.Contains("Mazzini", StringComparison.Ordinal));
    }
}
