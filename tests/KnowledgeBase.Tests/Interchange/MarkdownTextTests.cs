using KnowledgeBase.Interchange.Writing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("Plain words.", "Plain words.")]
    [InlineData("**Bold** and _italic_ and `code`.", "Bold and italic and code.")]
    [InlineData("Before <script>alert(1)</script> after", "Before  after")]
    [InlineData("<b>Bold</b> <style>p{}</style>text", "Bold text")]
    [InlineData("<div onclick=\"x()\">raw block</div>\n\nKept paragraph.", "Kept paragraph.")]
    [InlineData("[click](javascript:alert(1))", "click")]
    [InlineData("[click](JaVaScRiPt:alert(1))", "click")]
    [InlineData("[the trial](https://clinicaltrials.example.org/NCT01)", "the trial (https://clinicaltrials.example.org/NCT01)")]
    [InlineData("<https://pubmed.example.org/2>", "https://pubmed.example.org/2")]
    [InlineData("![chart](https://img.example.org/a.png)", "chart (https://img.example.org/a.png)")]
    [InlineData("Fish &amp; chips", "Fish & chips")]
    public void A_note_is_written_as_the_words_a_reader_sees(string markdown, string expected)
    {
        MarkdownText.ToPlainText(markdown).Should().Be(expected);
    }

    [Fact]
    public void Paragraphs_and_lists_keep_their_shape()
    {
        MarkdownText.ToPlainText("First point.\n\n- one\n- two\n\n1. a\n2. b")
            .Should().Be("First point.\n\n- one\n- two\n\n1. a\n2. b");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("<script>only()</script>")]
    public void Nothing_readable_gives_null(string? markdown)
    {
        MarkdownText.ToPlainText(markdown).Should().BeNull();
    }

    [Theory]
    [InlineData("https://a.example", true)]
    [InlineData("mailto:x@example.org", true)]
    [InlineData("/claims/3", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData(" java\nscript:x", false)]
    public void Only_web_and_mail_addresses_are_safe(string url, bool safe)
    {
        MarkdownText.IsSafeUrl(url).Should().Be(safe);
    }
}
