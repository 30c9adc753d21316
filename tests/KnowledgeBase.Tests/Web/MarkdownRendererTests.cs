using AngleSharp.Html.Parser;
using KnowledgeBase.Web.Infrastructure;

namespace KnowledgeBase.Tests.Web;

/// <summary>Editors' notes: an image is shown as a link to it, never as an &lt;img&gt; (which the CSP blocks).</summary>
public sealed class MarkdownRendererTests
{
    private static AngleSharp.Html.Dom.IHtmlDocument Rendered(string markdown)
    {
        using var writer = new StringWriter();
        new MarkdownRenderer().Render(markdown).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return new HtmlParser().ParseDocument(writer.ToString());
    }

    [Theory]
    [InlineData("See ![the survival curve](https://img.example.org/curve.png).", "the survival curve", "https://img.example.org/curve.png")]
    [InlineData("![](https://img.example.org/curve.png)", "https://img.example.org/curve.png", "https://img.example.org/curve.png")]
    [InlineData("![chart][c]\n\n[c]: https://img.example.org/c.png", "chart", "https://img.example.org/c.png")]
    [InlineData("![x](javascript:alert(1))", "x", "#")]
    [InlineData("![](data:image/png;base64,AAAA)", "image", "#")]
    public void An_image_in_a_note_becomes_a_link_to_it(string markdown, string text, string href)
    {
        var page = Rendered(markdown);

        page.QuerySelectorAll("img").Should().BeEmpty();
        var link = page.QuerySelector("a.note-image-link")!;
        link.TextContent.Should().Be(text);
        link.GetAttribute("href").Should().Be(href);
        link.GetAttribute("rel").Should().Be("nofollow noopener noreferrer");
    }

    [Fact]
    public void A_linked_image_becomes_a_link_inside_a_link_of_text_only()
    {
        var page = Rendered("[![badge](https://img.example.org/b.svg)](https://example.org/)");

        page.QuerySelectorAll("img").Should().BeEmpty();
        page.Body!.TextContent.Should().Contain("badge");
    }
}
