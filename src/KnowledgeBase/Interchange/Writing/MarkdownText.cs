using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KnowledgeBase.Interchange.Writing;

/// <summary>
/// Editors' notes are Markdown. Outside the app's pages (ClaimReview markup, feeds, CSV) they are written as the
/// plain text a reader would see: the words, with no markup, no raw HTML (dropped, never escaped into view), and
/// only web or mail addresses (a link whose scheme is anything else, <c>javascript:</c> included, keeps its text
/// and loses its address).
/// </summary>
public static class MarkdownText
{
    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .Build();

    /// <summary>
    /// Whether a link may be followed: no scheme (a relative address), or http, https or mailto. Control characters
    /// and white space are ignored first, as browsers ignore them inside a scheme ("java\tscript:").
    /// </summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var compact = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return true;
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (slash >= 0 && slash < colon) return true; // relative path with a colon later on
        return SafeSchemes.Contains(compact[..colon], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The note as plain text: paragraphs separated by a blank line, list items on lines of their own ("- "),
    /// a link as its text followed by its address in brackets when that is a safe absolute address the text does not
    /// already show. Null when nothing readable remains.
    /// </summary>
    public static string? ToPlainText(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return null;
        var blocks = new List<string>();
        WriteBlocks(Markdown.Parse(markdown, Pipeline), blocks, "");
        var text = string.Join("\n\n", blocks.Select(b => b.Trim()).Where(b => b.Length > 0));
        return text.Length == 0 ? null : text;
    }

    private static void WriteBlocks(ContainerBlock container, List<string> output, string indent)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HtmlBlock:
                    break; // raw HTML is never passed on
                case ListBlock list:
                    var items = new List<string>();
                    var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var parts = new List<string>();
                        WriteBlocks(item, parts, indent + "  ");
                        var marker = list.IsOrdered ? $"{number++}. " : "- ";
                        items.Add(indent + marker + string.Join("\n" + indent + "  ", parts.Select(p => p.Trim())));
                    }
                    output.Add(string.Join("\n", items));
                    break;
                case Table table:
                    output.Add(string.Join("\n", table.OfType<TableRow>().Select(row =>
                        string.Join(" | ", row.OfType<TableCell>().Select(cell =>
                        {
                            var parts = new List<string>();
                            WriteBlocks(cell, parts, "");
                            return string.Join(" ", parts).Trim();
                        })))));
                    break;
                case ContainerBlock nested:
                    WriteBlocks(nested, output, indent);
                    break;
                case LeafBlock { Inline: { } inline }:
                    var builder = new StringBuilder();
                    WriteInlines(inline, builder);
                    output.Add(builder.ToString());
                    break;
                case LeafBlock leaf when leaf is CodeBlock:
                    output.Add(string.Join("\n", leaf.Lines.Lines.Take(leaf.Lines.Count).Select(l => l.Slice.ToString())));
                    break;
            }
        }
    }

    private static void WriteInlines(ContainerInline container, StringBuilder output)
    {
        // What a browser would not show either: the text inside <script> and <style>.
        string? hiddenUntil = null;
        foreach (var inline in container)
        {
            if (hiddenUntil is not null)
            {
                if (inline is HtmlInline { Tag: var closing } && closing.StartsWith(hiddenUntil, StringComparison.OrdinalIgnoreCase)) hiddenUntil = null;
                continue;
            }
            switch (inline)
            {
                case HtmlInline html:
                    if (html.Tag.StartsWith("<script", StringComparison.OrdinalIgnoreCase)) hiddenUntil = "</script";
                    else if (html.Tag.StartsWith("<style", StringComparison.OrdinalIgnoreCase)) hiddenUntil = "</style";
                    break;
                case LiteralInline literal:
                    output.Append(literal.Content.ToString());
                    break;
                case HtmlEntityInline entity:
                    output.Append(entity.Transcoded.ToString());
                    break;
                case CodeInline code:
                    output.Append(code.Content);
                    break;
                case LineBreakInline:
                    output.Append(' ');
                    break;
                case AutolinkInline autolink:
                    if (IsSafeUrl(autolink.Url)) output.Append(autolink.Url);
                    break;
                case LinkInline link:
                    var text = new StringBuilder();
                    WriteInlines(link, text);
                    var label = text.ToString();
                    output.Append(label);
                    var url = link.Url?.Trim();
                    var absolute = url is not null && url.Contains(':', StringComparison.Ordinal) && IsSafeUrl(url);
                    if (absolute && !label.Contains(url!, StringComparison.Ordinal))
                        output.Append(label.Length == 0 ? url : $" ({url})");
                    break;
                case ContainerInline nested:
                    WriteInlines(nested, output);
                    break;
            }
        }
    }
}
