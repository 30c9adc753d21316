using KnowledgeBase.Domain;

namespace KnowledgeBase.Linking;

/// <summary>
/// Finds a claim again in a source's new text, the way a W3C TextQuoteSelector is resolved: by
/// its exact quote, choosing among several occurrences by how well the prefix and suffix match
/// and then by nearness to the old position. A quote that no longer occurs is not moved anywhere.
/// </summary>
public static class ClaimAnchoring
{
    /// <summary>The new span of the claim's quote, or null when the quote is gone.</summary>
    public static TextSpan? Find(string text, string quote, string prefix, string suffix, int oldStart)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(quote)) return null;
        TextSpan? best = null;
        var bestScore = (Context: -1, Distance: int.MaxValue);
        for (var at = text.IndexOf(quote, StringComparison.Ordinal); at >= 0; at = text.IndexOf(quote, at + 1, StringComparison.Ordinal))
        {
            var end = at + quote.Length;
            var context = CommonSuffix(text.AsSpan(0, at), prefix) + CommonPrefix(text.AsSpan(end), suffix);
            var distance = Math.Abs(at - oldStart);
            if (context > bestScore.Context || (context == bestScore.Context && distance < bestScore.Distance))
            {
                bestScore = (context, distance);
                best = new TextSpan(at, end);
            }
        }
        return best;
    }

    /// <summary>Re-anchors a claim in place; returns false (and marks it orphaned) when its quote is gone.</summary>
    public static bool Reanchor(Claim claim, string text)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var span = Find(text, claim.Quote, claim.Prefix, claim.Suffix, claim.Start);
        if (span is not { } found)
        {
            claim.IsOrphaned = true;
            return false;
        }
        claim.MoveTo(text, found.Start, found.End);
        return true;
    }

    private static int CommonSuffix(ReadOnlySpan<char> before, string prefix)
    {
        var n = 0;
        while (n < before.Length && n < prefix.Length && before[^(n + 1)] == prefix[^(n + 1)]) n++;
        return n;
    }

    private static int CommonPrefix(ReadOnlySpan<char> after, string suffix)
    {
        var n = 0;
        while (n < after.Length && n < suffix.Length && after[n] == suffix[n]) n++;
        return n;
    }
}
