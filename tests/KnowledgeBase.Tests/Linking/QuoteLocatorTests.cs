using KnowledgeBase.Linking;

namespace KnowledgeBase.Tests.Linking;

public sealed class QuoteLocatorTests
{
    private const string Text = "Mazzini et al. reported improvements in 5 out of 9 patients.\nThe patients’ lung function\u00a0improved. Mazzini et al. reported more.";

    [Fact]
    public void Finds_a_quote_whose_whitespace_differs_and_returns_the_exact_source_span()
    {
        var span = QuoteLocator.FindAll(Text, "The patients' lung function improved.").Should().ContainSingle().Subject;

        span.Slice(Text).Should().Be("The patients’ lung function\u00a0improved.");
    }

    [Fact]
    public void Finds_every_occurrence_in_order()
    {
        QuoteLocator.FindAll(Text, "Mazzini et al. reported").Select(s => s.Start).Should().Equal(0, Text.LastIndexOf("Mazzini", StringComparison.Ordinal));
    }

    [Fact]
    public void Picks_the_occurrence_nearest_to_the_selection()
    {
        var last = Text.LastIndexOf("Mazzini", StringComparison.Ordinal);

        QuoteLocator.FindNearest(Text, "Mazzini et al.", last - 3)!.Value.Start.Should().Be(last);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not in the article")]
    public void Returns_nothing_for_a_quote_not_in_the_text(string quote)
    {
        QuoteLocator.FindAll(Text, quote).Should().BeEmpty();
        QuoteLocator.FindNearest(Text, quote, 0).Should().BeNull();
    }

    [Fact]
    public void Treats_regex_characters_in_the_quote_literally()
    {
        const string text = "Responders (>=25% improvement) were 87% [p=0.03].";

        QuoteLocator.FindAll(text, "(>=25% improvement) were 87% [p=0.03].").Should().ContainSingle();
    }
}
