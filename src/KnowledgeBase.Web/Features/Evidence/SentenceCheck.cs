using KnowledgeBase.Linking;
using KnowledgeBase.Web.Features.Claims;

namespace KnowledgeBase.Web.Features.Evidence;

/// <summary>
/// A pasted sentence checked against the library: cleaned and checked for length, then ranked through the same
/// <see cref="EvidenceLookup"/> as the claim pages, and shown with each suggestion's reasons and whether it is weak.
/// </summary>
public sealed class SentenceCheck(EvidenceLookup evidence)
{
    /// <summary>
    /// The sentence to check (null on a first visit, when nothing was <paramref name="asked"/>) and what is wrong with
    /// it, if anything. No stored text holds a NUL (PostgreSQL text cannot), and it would end the pasted sentence anyway.
    /// </summary>
    public static (string? Sentence, string? Problem) Read(string? text, bool asked)
    {
        var sentence = asked ? (text ?? "").Replace("\0", "", StringComparison.Ordinal).Trim() : null;
        if (asked && string.IsNullOrWhiteSpace(sentence))
            return (sentence, "Paste a sentence to check: the text was empty.");
        if (sentence is { Length: > EvidenceController.MaxTextLength })
            return (sentence, $"The text is {sentence.Length:N0} characters long; paste one claim of at most {EvidenceController.MaxTextLength:N0} characters (a sentence or two).");
        return (sentence, null);
    }

    /// <summary>The studies and trials bearing on the sentence, best first, <see cref="EvidenceController.Depth"/> deep.</summary>
    public Task<IReadOnlyList<EvidenceSuggestion>> RankAsync(string sentence, CancellationToken ct) =>
        evidence.SuggestAsync(ClaimContext.Of(sentence), EvidenceController.Depth, ct);

    /// <summary>The ranked suggestions as the page shows them: the record, its score, its reasons in plain words, weak or not.</summary>
    public async Task<IReadOnlyList<SuggestedEvidenceRow>> RowsAsync(string sentence, CancellationToken ct)
    {
        var suggestions = await RankAsync(sentence, ct);
        var best = suggestions.Count > 0 ? suggestions[0].Score : 0;
        return suggestions.Select(s => new SuggestedEvidenceRow(
            EvidenceLookup.OptionFor(s.Candidate),
            s.Score,
            [.. s.Reasons.Select(r => SuggestionDisplay.Reason(r.Text))],
            SuggestionDisplay.IsWeak(s, best))).ToList();
    }
}
