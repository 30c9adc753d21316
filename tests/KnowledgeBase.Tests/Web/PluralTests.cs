using KnowledgeBase.Web.Features.Shared;

namespace KnowledgeBase.Tests.Web;

/// <summary>The one helper pages form plurals with ("1 claim carry this tag", "7 studys" came from hand-made ones).</summary>
public sealed class PluralTests
{
    [Theory]
    [InlineData(1, "study", "1 study")]
    [InlineData(7, "study", "7 studies")]
    [InlineData(0, "claim", "0 claims")]
    [InlineData(2, "match", "2 matches")]
    [InlineData(3, "day", "3 days")]
    [InlineData(1204, "free tag", "1,204 free tags")]
    [InlineData(2, "category", "2 categories")]
    public void Count_puts_the_noun_in_the_form_the_number_needs(int count, string noun, string expected) =>
        Display.Count(count, noun).Should().Be(expected);

    [Fact]
    public void An_irregular_plural_is_given()
    {
        Display.Noun(1, "carries", "carry").Should().Be("carries");
        Display.Noun(4, "carries", "carry").Should().Be("carry");
        Display.Noun(2, "that filter", "those filters").Should().Be("those filters");
    }
}
