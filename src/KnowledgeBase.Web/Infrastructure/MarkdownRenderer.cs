using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using KnowledgeBase.Interchange.Writing;
using Microsoft.AspNetCore.Html;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Renders editors' notes. Raw HTML in the Markdown is shown as text, never passed through, and
/// links or images whose scheme is not http(s)/mailto (javascript:, data:...) are neutralised.
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

    public IHtmlContent Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return HtmlString.Empty;
        var document = Markdown.Parse(markdown, _pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!MarkdownText.IsSafeUrl(link.Url)) link.Url = "#";
            if (!link.IsImage) link.GetAttributes().AddPropertyIfNotExist("rel", ExternalRel);
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
