using KnowledgeBase.Search;
using Microsoft.AspNetCore.Html;

namespace KnowledgeBase.Web.Features.Search;

/// <summary>
/// A title or snippet from search as HTML: every run of text encoded, and only the runs the search
/// marked wrapped in <c>&lt;mark&gt;</c>. The text itself can never add markup.
/// </summary>
public static class SnippetHtml
{
    public static IHtmlContent Render(string? marked)
    {
        var html = new HtmlContentBuilder();
        foreach (var (text, isMatch) in SearchHighlight.Runs(marked))
        {
            if (!isMatch)
            {
                html.Append(text);
                continue;
            }
            html.AppendHtml("<mark>");
            html.Append(text);
            html.AppendHtml("</mark>");
        }
        return html;
    }
}
