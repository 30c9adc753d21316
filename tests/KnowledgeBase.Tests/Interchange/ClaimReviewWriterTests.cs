using System.Text;
using System.Text.Json;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange.Writing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class ClaimReviewWriterTests
{
    private static readonly ClaimReviewItem Overstated = new(
        ClaimUrl: "https://kb.example.org/claims/42",
        ClaimReviewed: "Our stem cell treatment has been shown to halt ALS progression.",
        Assessment: EvidenceAssessment.Overstated,
        DatePublished: new DateOnly(2026, 11, 21),
        ReviewAuthorName: "Dr Jane Editor",
        ReviewAuthorType: ReviewAuthorType.Person,
        SourceUrl: "https://clinic.example.com/als",
        SourceTitle: "ALS treatment at our clinic",
        SourcePublisher: "Example Stem Cell Clinic",
        ReviewBody: "The cited phase 1/2 trial was uncontrolled and measured safety.");

    private static JsonElement Write(params ClaimReviewItem[] items)
    {
        using var stream = new MemoryStream();
        ClaimReviewWriter.Write(items, stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void Writes_schema_org_ClaimReview()
    {
        var review = Write(Overstated)[0];

        review.GetProperty("@context").GetString().Should().Be("https://schema.org");
        review.GetProperty("@type").GetString().Should().Be("ClaimReview");
        review.GetProperty("url").GetString().Should().Be("https://kb.example.org/claims/42");
        review.GetProperty("claimReviewed").GetString().Should().Be(Overstated.ClaimReviewed);
        review.GetProperty("datePublished").GetString().Should().Be("2026-11-21");

        var claim = review.GetProperty("itemReviewed");
        claim.GetProperty("@type").GetString().Should().Be("Claim");
        var appearance = claim.GetProperty("appearance");
        appearance.GetProperty("@type").GetString().Should().Be("CreativeWork");
        appearance.GetProperty("url").GetString().Should().Be("https://clinic.example.com/als");
        appearance.GetProperty("headline").GetString().Should().Be("ALS treatment at our clinic");
        claim.GetProperty("author").GetProperty("@type").GetString().Should().Be("Organization");
        claim.GetProperty("author").GetProperty("name").GetString().Should().Be("Example Stem Cell Clinic");

        var rating = review.GetProperty("reviewRating");
        rating.GetProperty("@type").GetString().Should().Be("Rating");
        rating.GetProperty("alternateName").GetString().Should().Be("Overstated");
        rating.GetProperty("ratingValue").GetInt32().Should().Be(3);
        rating.GetProperty("bestRating").GetInt32().Should().Be(5);
        rating.GetProperty("worstRating").GetInt32().Should().Be(1);

        review.GetProperty("author").GetProperty("@type").GetString().Should().Be("Person");
        review.GetProperty("author").GetProperty("name").GetString().Should().Be("Dr Jane Editor");
        review.GetProperty("reviewBody").GetString().Should().StartWith("The cited phase 1/2");
    }

    [Theory]
    [InlineData(EvidenceAssessment.Contradicted, 1, "Contradicted")]
    [InlineData(EvidenceAssessment.Unsupported, 2, "Unsupported")]
    [InlineData(EvidenceAssessment.Overstated, 3, "Overstated")]
    [InlineData(EvidenceAssessment.Supported, 5, "Supported")]
    [InlineData(EvidenceAssessment.NotCheckable, null, "Not checkable")]
    public void Maps_assessments_to_the_documented_1_to_5_scale(EvidenceAssessment assessment, int? value, string name)
    {
        var rating = Write(Overstated with { Assessment = assessment })[0].GetProperty("reviewRating");
        rating.GetProperty("alternateName").GetString().Should().Be(name);
        if (value is null)
            rating.TryGetProperty("ratingValue", out _).Should().BeFalse();
        else
            rating.GetProperty("ratingValue").GetInt32().Should().Be(value);
    }

    [Fact]
    public void Leaves_out_what_is_unknown()
    {
        var item = new ClaimReviewItem("https://kb.example.org/claims/7", "Cures MS.", null, new DateOnly(2026, 1, 2), "Knowledge Base");
        var review = Write(item, item with { SourceTitle = "Untitled page" })[0];
        review.TryGetProperty("reviewRating", out _).Should().BeFalse("an unassessed claim has no rating");
        review.TryGetProperty("reviewBody", out _).Should().BeFalse();
        review.GetProperty("itemReviewed").TryGetProperty("appearance", out _).Should().BeFalse();
        review.GetProperty("itemReviewed").TryGetProperty("author", out _).Should().BeFalse();
        review.GetProperty("author").GetProperty("@type").GetString().Should().Be("Organization");
        review.GetProperty("datePublished").GetString().Should().Be("2026-01-02");

        var second = Write(item with { SourceTitle = "Untitled page" })[0].GetProperty("itemReviewed").GetProperty("appearance");
        second.TryGetProperty("url", out _).Should().BeFalse("the source's address is unknown");
        second.GetProperty("headline").GetString().Should().Be("Untitled page");
    }

    [Fact]
    public void Output_is_safe_inside_a_script_element_and_an_array()
    {
        using var stream = new MemoryStream();
        ClaimReviewWriter.Write([Overstated with { ClaimReviewed = "</script><script>alert(1)</script> 'Zdolińska'" }], stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        text.Should().StartWith("[").And.NotContain("</script>").And.Contain("Zdolińska");

        using var empty = new MemoryStream();
        ClaimReviewWriter.Write([], empty);
        Encoding.UTF8.GetString(empty.ToArray()).Should().Be("[]");
    }

    [Fact]
    public void Rejects_a_review_without_address_or_claim()
    {
        using var stream = new MemoryStream();
        var act = () => ClaimReviewWriter.Write([Overstated with { ClaimUrl = " " }], stream);
        act.Should().Throw<ArgumentException>();
    }
}
