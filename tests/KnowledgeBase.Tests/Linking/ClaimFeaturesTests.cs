using KnowledgeBase.Linking;
using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// Feature set 4 of the claim detector, on texts written for these tests: HTML structure reads like markdown's, the
/// unit's subject, and the page's therapy (docs/claim-detection.md, decision 0023).
/// </summary>
public sealed class ClaimFeaturesTests
{
    /// <summary>The named features of the unit of <paramref name="text"/> that contains <paramref name="words"/>.</summary>
    private static HashSet<string> FeaturesOf(string text, string words)
    {
        var spans = SentenceSplitter.Split(text);
        var features = ClaimFeatures.Extract(text, spans);
        var index = spans.Select((s, i) => (s, i)).Single(p => p.s.Slice(text).Contains(words, StringComparison.Ordinal)).i;
        return features[index].Named.Select(n => ClaimFeatures.Names[n]).ToHashSet(StringComparer.Ordinal);
    }

    private static readonly string[] Structure = ["bullet", "under-lead-in", "lead-in-benefit", "heading-shape", "markdown-heading"];

    [Fact]
    public void An_html_list_item_hangs_under_its_lead_in_like_a_markdown_bullet()
    {
        const string markdown = "Patients treated with the drip reported these benefits:\n- Better sleep\n- More energy\n- Fewer headaches";
        const string html = "<p>Patients treated with the drip reported these benefits:</p>\n<ul>\n<li>Better sleep</li>\n<li>More energy</li>\n<li>Fewer headaches</li>\n</ul>";

        var fromHtml = FeaturesOf(html, "More energy");
        var fromMarkdown = FeaturesOf(markdown, "More energy");

        fromHtml.Should().Contain(["bullet", "under-lead-in", "lead-in-benefit"]);
        fromHtml.Intersect(Structure).Should().BeEquivalentTo(fromMarkdown.Intersect(Structure), "a list is a list whether it is written in markdown or HTML");
    }

    [Fact]
    public void An_html_heading_is_a_heading_and_its_tags_are_not_words()
    {
        const string text = "<h2>Recovery Drip</h2>\n<p>The drip rehydrates the body and eases nausea.</p>";

        FeaturesOf(text, "Recovery Drip").Should().Contain(["markdown-heading", "heading-shape"]);
        FeaturesOf(text, "rehydrates").Should().Contain("ends-period").And.NotContain("heading-shape", "a paragraph in <p> tags ends with its full stop");
    }

    [Theory]
    [InlineData("Our injections help knee pain heal within weeks.", "subject:we")]
    [InlineData("Ozone therapy helps wounds close faster.", "subject:therapy")]
    [InlineData("The liver uses stored fat to make energy between meals.", "subject:body")]
    [InlineData("Arthritis affects more than half of adults over sixty.", "subject:condition")]
    [InlineData("A small study found less pain at six months.", "subject:study")]
    [InlineData("Energy levels: the cells use more fuel during exercise.", "subject:body")]
    [InlineData("In most adults, the bones are thinner by seventy.", "subject:body")]
    [InlineData("Quick, safe and gentle", "subject:none")]
    public void Finds_who_or_what_a_sentence_is_about(string sentence, string expected)
    {
        FeaturesOf(sentence, sentence).Should().Contain(expected);
    }

    [Fact]
    public void Marks_units_that_name_the_therapy_the_page_is_about_and_those_far_from_it()
    {
        const string text = "Ozone therapy for joints\n\nOzone is given as a small injection into the joint.\n\nMany patients use ozone after surgery.\n\n"
            + "Joints wear with age.\n\nCartilage has little blood supply.\n\nThe knee carries the body's weight.\n\nMuscles weaken when we sit all day.\n\nSleep matters for healing.";

        FeaturesOf(text, "Many patients use ozone").Should().Contain("page-therapy:in-unit");
        FeaturesOf(text, "Joints wear").Should().Contain("page-therapy:near");
        FeaturesOf(text, "Sleep matters").Should().Contain("page-therapy:far");
        FeaturesOf("Joints wear with age.", "Joints").Should().Contain("page-therapy:none-on-page");
    }
}
