using KnowledgeBase.Retrieval;

namespace KnowledgeBase.Linking;

/// <summary>
/// Whether two claims say the same thing, by their words: the stems of their content words compared with
/// the Dice coefficient. Pure and cheap, for the few dozen candidates the full-text index returns.
/// </summary>
public static class ClaimSimilarity
{
    /// <summary>At or above this overlap two claims are shown as saying the same thing.</summary>
    public const double SameClaim = 0.5;

    /// <summary>The stems of the content words (stop words dropped, words of one or two letters too, numbers kept).</summary>
    public static HashSet<string> Words(string? text) =>
        Terms.Of(text).Where(t => t.Written.Length >= 3 || t.Written.All(char.IsDigit)).Select(t => t.Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>Dice overlap of two word sets: 1 for the same words, 0 for none shared.</summary>
    public static double Overlap(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0) return 0;
        var shared = a.Count <= b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return 2.0 * shared / (a.Count + b.Count);
    }

    /// <summary>
    /// The words to ask the full-text index for: the claim's longest distinct words (long words are the rarer,
    /// more telling ones), letters only, at most <paramref name="max"/>.
    /// </summary>
    public static IReadOnlyList<string> QueryWords(string? text, int max)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Terms.Of(text)
            .Where(t => t.Written.Length >= 4 && t.Written.All(char.IsLetter) && seen.Add(t.Stem))
            .Select(t => t.Written)
            .OrderByDescending(w => w.Length)
            .ThenBy(w => w, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }
}
