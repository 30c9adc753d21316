using KnowledgeBase.Domain;

namespace KnowledgeBase.Linking;

/// <summary>Builds what the evidence suggester needs to know about a claim from its source.</summary>
public static class ClaimContexts
{
    /// <summary>The claim's quote, the sentence before and after it, and the identifiers of the article's own references.</summary>
    public static ClaimContext For(string cleanedText, int start, int end, string quote, IEnumerable<SourceReference> references)
    {
        ArgumentNullException.ThrowIfNull(cleanedText);
        var list = references?.ToList() ?? [];
        string? before = null, after = null;
        if (start >= 0 && end <= cleanedText.Length && start < end)
        {
            var sentences = SentenceSplitter.Split(cleanedText);
            before = sentences.LastOrDefault(s => s.End <= start) is { Length: > 0 } b ? b.Slice(cleanedText) : null;
            after = sentences.FirstOrDefault(s => s.Start >= end) is { Length: > 0 } a ? a.Slice(cleanedText) : null;
        }
        return new ClaimContext(
            quote,
            before,
            after,
            list.Select(r => r.Pmid).OfType<string>().Distinct().ToList(),
            list.Select(r => r.Doi).OfType<string>().Distinct().ToList(),
            list.Select(r => r.NctId).OfType<string>().Distinct().ToList());
    }
}
