using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Interchange.Writing;

/// <summary>
/// Writes reviewed claims as schema.org ClaimReview JSON-LD: a JSON array of ClaimReview objects, each
/// with its own <c>@context</c> (the shape Google's fact-check markup tool and the Fact Check Explorer
/// read, and valid JSON-LD for any processor). UTF-8 without a byte-order mark; each review is flushed to
/// the stream as soon as it is written.
/// </summary>
/// <remarks>
/// <para><b>Rating.</b> <c>reviewRating.alternateName</c> carries the assessment as people read it
/// ("Overstated", "Not checkable"). A numeric rating on a 1–5 scale (worstRating 1, bestRating 5) is added
/// for the assessments that have a place on it: Contradicted 1, Unsupported 2, Overstated 3, Supported 5.
/// 4 is left for a "mostly supported" verdict the knowledge base does not give. "Not checkable" is not a
/// point on that scale, so it has no ratingValue, only its name. A claim not assessed yet has no
/// reviewRating.</para>
/// <para>The claim's appearance is a CreativeWork with the source's address (left out when unknown) and
/// title as headline; its author is the source's publisher when known.</para>
/// <para>The review body is the editor's Markdown note written as plain text (<see cref="MarkdownText.ToPlainText"/>):
/// no markup, no raw HTML, no address that is not a web or mail address.</para>
/// </remarks>
public static class ClaimReviewWriter
{
    public const int WorstRating = 1;
    public const int BestRating = 5;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Escapes <, >, & and quotes (so the output can sit in a <script type="application/ld+json">),
        // but keeps letters of every script readable.
        Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The numeric rating of an assessment on the 1–5 scale; null for <see cref="EvidenceAssessment.NotCheckable"/>.</summary>
    public static int? RatingValue(EvidenceAssessment assessment) => assessment switch
    {
        EvidenceAssessment.Contradicted => 1,
        EvidenceAssessment.Unsupported => 2,
        EvidenceAssessment.Overstated => 3,
        EvidenceAssessment.Supported => 5,
        _ => null,
    };

    /// <summary>The assessment as people read it: "Overstated", "Not checkable".</summary>
    public static string RatingName(EvidenceAssessment assessment) => assessment switch
    {
        EvidenceAssessment.NotCheckable => "Not checkable",
        _ => assessment.ToString(),
    };

    public static void Write(IEnumerable<ClaimReviewItem> items, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartArray();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            WriteReview(json, item);
            json.Flush();
        }

        json.WriteEndArray();
        json.Flush();
    }

    private static void WriteReview(Utf8JsonWriter json, ClaimReviewItem item)
    {
        json.WriteStartObject();
        json.WriteString("@context", "https://schema.org");
        json.WriteString("@type", "ClaimReview");
        json.WriteString("url", Required(item.ClaimUrl, nameof(item.ClaimUrl)));
        json.WriteString("claimReviewed", Required(item.ClaimReviewed, nameof(item.ClaimReviewed)));

        json.WriteStartObject("itemReviewed");
        json.WriteString("@type", "Claim");
        var sourceUrl = WriterText.Clean(item.SourceUrl);
        var sourceTitle = WriterText.Clean(item.SourceTitle);
        var publisher = WriterText.Clean(item.SourcePublisher);
        if (sourceUrl is not null || sourceTitle is not null)
        {
            json.WriteStartObject("appearance");
            json.WriteString("@type", "CreativeWork");
            if (sourceUrl is not null) json.WriteString("url", sourceUrl);
            if (sourceTitle is not null) json.WriteString("headline", sourceTitle);
            if (publisher is not null) Party(json, "publisher", ReviewAuthorType.Organization, publisher, null);
            json.WriteEndObject();
        }

        if (publisher is not null) Party(json, "author", ReviewAuthorType.Organization, publisher, null);
        json.WriteEndObject();

        if (item.Assessment is { } assessment)
        {
            json.WriteStartObject("reviewRating");
            json.WriteString("@type", "Rating");
            if (RatingValue(assessment) is { } value)
            {
                json.WriteNumber("ratingValue", value);
                json.WriteNumber("bestRating", BestRating);
                json.WriteNumber("worstRating", WorstRating);
            }

            json.WriteString("alternateName", RatingName(assessment));
            json.WriteEndObject();
        }

        if (MarkdownText.ToPlainText(item.ReviewBody) is { } body) json.WriteString("reviewBody", body);
        Party(json, "author", item.ReviewAuthorType, Required(item.ReviewAuthorName, nameof(item.ReviewAuthorName)), WriterText.Clean(item.ReviewAuthorUrl));
        json.WriteString("datePublished", item.DatePublished.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    private static void Party(Utf8JsonWriter json, string property, ReviewAuthorType type, string name, string? url)
    {
        json.WriteStartObject(property);
        json.WriteString("@type", type == ReviewAuthorType.Person ? "Person" : "Organization");
        json.WriteString("name", name);
        if (url is not null) json.WriteString("url", url);
        json.WriteEndObject();
    }

    private static string Required(string? value, string name) =>
        WriterText.Clean(value) ?? throw new ArgumentException($"A ClaimReview needs {name}.", name);
}
