using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace KnowledgeBase.Web.Features.Sources;

/// <summary>
/// Writes a <see cref="TextParagraph"/> as a <c>&lt;p&gt;</c> with each highlighted run as a link to its claim.
/// Built in code rather than in Razor so that no template whitespace slips between runs mid-sentence;
/// the article text goes through <see cref="TagBuilder"/>, which encodes it.
/// </summary>
public static class HighlightedTextHtml
{
    public static IHtmlContent Paragraph(TextParagraph paragraph)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        var p = new TagBuilder("p");
        // Where the paragraph starts in the cleaned text: lets a text selection be turned into offsets.
        p.Attributes["data-start"] = paragraph.Start.ToString(CultureInfo.InvariantCulture);
        foreach (var run in paragraph.Runs)
        {
            if (run.Primary is not { } primary)
            {
                p.InnerHtml.Append(run.Text);
                continue;
            }

            // One element can carry one id: further claims starting here get an empty anchor of their own.
            foreach (var extra in run.AnchorIds.Skip(1))
            {
                var anchor = new TagBuilder("span");
                anchor.Attributes["id"] = AnchorId(extra);
                anchor.AddCssClass("claim-anchor");
                p.InnerHtml.AppendHtml(anchor);
            }

            var link = new TagBuilder("a");
            link.Attributes["href"] = "/claims/" + primary.Id.ToString(CultureInfo.InvariantCulture);
            if (run.AnchorIds.Count > 0) link.Attributes["id"] = AnchorId(run.AnchorIds[0]);
            link.Attributes["data-claim"] = primary.Id.ToString(CultureInfo.InvariantCulture);
            link.Attributes["title"] = run.IsOverlap
                ? $"Claims {string.Join(", ", run.Spans.Select(s => s.Id.ToString(CultureInfo.InvariantCulture)))} overlap here; this link opens claim {primary.Id.ToString(CultureInfo.InvariantCulture)} ({primary.Kind})"
                : $"Claim {primary.Id.ToString(CultureInfo.InvariantCulture)} ({primary.Kind})";
            link.AddCssClass("claim-mark");
            link.AddCssClass("claim-mark--" + primary.Kind);
            if (run.IsOverlap) link.AddCssClass("claim-mark--overlap");

            var mark = new TagBuilder("mark");
            mark.InnerHtml.Append(run.Text);
            link.InnerHtml.AppendHtml(mark);
            p.InnerHtml.AppendHtml(link);
        }
        return p;
    }

    public static string AnchorId(int claimId) => "claim-" + claimId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The claim in its source's text: the page that holds it (a long source is paged), at its highlight.</summary>
    public static string ClaimInSource(int sourceId, int claimId) => string.Create(CultureInfo.InvariantCulture,
        $"/sources/{sourceId}?claim={claimId}#{AnchorId(claimId)}");
}
