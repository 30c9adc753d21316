using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using KnowledgeBase.Interchange.Writing;
using Microsoft.AspNetCore.Html;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Renders editors' notes. Raw HTML in the Markdown is shown as text, never passed through, links
/// whose scheme is not http(s)/mailto (javascript:, data:...) are neutralised, and images are shown
/// as links to them, never as <c>&lt;img&gt;</c>.
/// </summary>
public sealed class MarkdownRenderer
{
    // Editors' notes link to outside pages: pass no referrer, give them no handle on this window, lend them no rank.
    private const string ExternalRel = "nofollow noopener noreferrer";

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .Build();

    /// <summary>
    /// An image becomes a link to it, named by its alt text (or its address): the page never loads what an
    /// editor's note points at (the content security policy blocks outside images anyway, which left a
    /// broken image), and the reader still sees what was meant and can open it.
    /// </summary>
    private static void ShowImageAsLink(LinkInline image)
    {
        image.IsImage = false;
        var named = image.Descendants<LiteralInline>().Any(l => !l.Content.IsEmpty && !l.Content.IsEmptyOrWhitespace());
        if (!named) image.AppendChild(new LiteralInline(image.Url is { Length: > 0 } and not "#" ? image.Url : "image"));
        image.GetAttributes().AddClass("note-image-link");
        image.GetAttributes().AddPropertyIfNotExist("title", "Image (opens the image's address)");
    }

    public IHtmlContent Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return HtmlString.Empty;
        var document = Markdown.Parse(markdown, _pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!MarkdownText.IsSafeUrl(link.Url)) link.Url = "#";
            if (link.IsImage) ShowImageAsLink(link);
            link.GetAttributes().AddPropertyIfNotExist("rel", ExternalRel);
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!MarkdownText.IsSafeUrl(autolink.Url)) autolink.Url = "#";
            autolink.GetAttributes().AddPropertyIfNotExist("rel", ExternalRel);
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return new HtmlString(writer.ToString());
    }
}
