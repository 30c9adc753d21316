using KnowledgeBase.Domain;

namespace KnowledgeBase.Interchange.Writing;

/// <summary>Whether the author of a review is a person or an organisation (schema.org Person / Organization).</summary>
public enum ReviewAuthorType
{
    Organization,
    Person,
}

/// <summary>
/// One reviewed claim, as published in schema.org ClaimReview markup (Google's fact-check markup).
/// </summary>
/// <param name="ClaimUrl">The absolute address of the claim's page in the knowledge base (the review).</param>
/// <param name="ClaimReviewed">The claim as quoted from its source.</param>
/// <param name="Assessment">The editor's assessment; null when not assessed yet (no rating is written).</param>
/// <param name="DatePublished">When the review was published (or last assessed).</param>
/// <param name="ReviewAuthorName">Who reviewed it: the editor, or the knowledge base itself.</param>
/// <param name="ReviewAuthorType">Whether <paramref name="ReviewAuthorName"/> is a person or an organisation.</param>
/// <param name="SourceUrl">The address of the page the claim appeared on, when known.</param>
/// <param name="SourceTitle">That page's title.</param>
/// <param name="SourcePublisher">Who published that page (the clinic, the newspaper), when known.</param>
/// <param name="ReviewBody">A short explanation of the rating (the editor's note, Markdown: written as plain text), if any.</param>
/// <param name="ReviewAuthorUrl">The reviewer's or the knowledge base's address, if any.</param>
public sealed record ClaimReviewItem(
    string ClaimUrl,
    string ClaimReviewed,
    EvidenceAssessment? Assessment,
    DateOnly DatePublished,
    string ReviewAuthorName,
    ReviewAuthorType ReviewAuthorType = ReviewAuthorType.Organization,
    string? SourceUrl = null,
    string? SourceTitle = null,
    string? SourcePublisher = null,
    string? ReviewBody = null,
    string? ReviewAuthorUrl = null);
