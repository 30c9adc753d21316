namespace KnowledgeBase.Web.Features.Shared;

/// <summary>
/// TempData keys of the one-off messages shown after a post-redirect-get. Messages about a claim's
/// tags carry the claim's id so they are shown on that claim's page only.
/// </summary>
public static class StatusKeys
{
    public const string Status = "kb.status";
    public const string Error = "kb.error";
    public const string AttemptedName = "kb.name";
    public const string SelectedClaims = "kb.selected";
    public const string TagsClaimId = "kb.tags.claim";
    public const string TagsStatus = "kb.tags.status";
    public const string TagsError = "kb.tags.error";
    public const string TagsAttemptedName = "kb.tags.name";

    /// <summary>The "add a claim" form on a source page: why it was refused, and the words to show again.</summary>
    public const string NewClaimError = "kb.claim.error";
    public const string NewClaimQuote = "kb.claim.quote";
}
