using KnowledgeBase.Linking;

namespace KnowledgeBase.Web.Features.Evidence;

/// <summary>How a ranked suggestion is shown wherever suggestions appear: weak or not, reasons in plain words.</summary>
public static class SuggestionDisplay
{
    /// <summary>
    /// Below this share of the best suggestion's score a suggestion is labelled a weak match: still shown
    /// (a fact-checker wants the best available evidence), but not presented as what the claim rests on.
    /// </summary>
    public const double WeakShareOfBest = 0.5;

    /// <summary>
    /// Weak: scoring under <see cref="EvidenceSuggester.MinScore"/>, or under half the best suggestion's score,
    /// or matching on nothing that identifies the record (no single reason weighs as much as a citation anchor).
    /// </summary>
    public static bool IsWeak(EvidenceSuggestion suggestion, double bestScore)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return suggestion.Score < EvidenceSuggester.MinScore
            || suggestion.Score < bestScore * WeakShareOfBest
            || !suggestion.Reasons.Any(r => r.Weight >= EvidenceSuggester.AnchorWeight);
    }

    /// <summary>
    /// The reason by which the claim itself names the record (an identifier, the first author, the journal, a
    /// product, quoted title words), or null. Only then may a form pre-select "Cites explicitly"; matches found in
    /// the neighbouring sentences, the article's reference list, numbers, phases or shared words do not name it.
    /// </summary>
    public static string? NamingReason(EvidenceSuggestion suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return suggestion.Reasons.FirstOrDefault(r => r.Weight >= EvidenceSuggester.JournalMatch && Names(r.Text))?.Text;
    }

    private static readonly string[] NamingPrefixes = ["PMID ", "DOI ", "NCT", "author ", "journal ", "product ", "sponsor ", "title words "];

    private static bool Names(string reason) =>
        NamingPrefixes.Any(p => reason.StartsWith(p, StringComparison.Ordinal))
        && !reason.Contains("in the article's references", StringComparison.Ordinal);

    /// <summary>A reason as a reader understands it: "nearby: phase I matches" says where the match was.</summary>
    public static string Reason(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string nearby = "nearby: ";
        var readable = text.StartsWith(nearby, StringComparison.Ordinal)
            ? text[nearby.Length..] + " (in the sentence before or after)"
            : text;
        return readable.Length == 0 ? readable : char.ToUpperInvariant(readable[0]) + readable[1..];
    }
}
