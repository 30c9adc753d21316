using KnowledgeBase.Domain;

namespace KnowledgeBase.Linking;

/// <summary>Builds what the evidence suggester needs to know about a claim from its source.</summary>
public static class ClaimContexts
{
    /// <summary>How far back the passage reaches: sentences of the claim's section before it.</summary>
    public const int PassageSentences = 8;

    /// <summary>
    /// The claim's quote, the sentence before and after it, the earlier sentences of its section (back to the
    /// heading above, at most <see cref="PassageSentences"/>), that heading, and the identifiers of the article's own references.
    /// </summary>
    public static ClaimContext For(string cleanedText, int start, int end, string quote, IEnumerable<SourceReference> references)
    {
        ArgumentNullException.ThrowIfNull(cleanedText);
        var list = references?.ToList() ?? [];
        string? before = null, after = null;
        var passage = new List<string>();
        string? heading = null;
        if (start >= 0 && end <= cleanedText.Length && start < end)
        {
            var sentences = SentenceSplitter.Split(cleanedText);
            before = sentences.LastOrDefault(s => s.End <= start) is { Length: > 0 } b ? b.Slice(cleanedText) : null;
            after = sentences.FirstOrDefault(s => s.Start >= end) is { Length: > 0 } a ? a.Slice(cleanedText) : null;
            foreach (var sentence in sentences.Where(s => s.End <= start).Reverse())
            {
                if (IsHeading(cleanedText, sentence))
                {
                    heading = sentence.Slice(cleanedText);
                    break;
                }

                if (passage.Count == PassageSentences) break;
                passage.Add(sentence.Slice(cleanedText));
            }
        }
        return new ClaimContext(
            quote,
            before,
            after,
            list.Select(r => r.Pmid).OfType<string>().Distinct().ToList(),
            list.Select(r => r.Doi).OfType<string>().Distinct().ToList(),
            list.Select(r => r.NctId).OfType<string>().Distinct().ToList())
        {
            Passage = passage,
            Heading = heading,
        };
    }

    /// <summary>A line of its own, short and without final punctuation, that is not a bullet: a section heading.</summary>
    private static bool IsHeading(string text, TextSpan unit)
    {
        var lineStart = unit.Start == 0 ? 0 : text.LastIndexOf('\n', unit.Start - 1) + 1;
        var lineEnd = text.IndexOf('\n', unit.End);
        if (lineEnd < 0) lineEnd = text.Length;
        var line = text[lineStart..lineEnd].Trim();
        var content = unit.Slice(text).Trim();
        if (line.Length == 0 || content.Length != line.Length) return false;
        if (".!?:;…,)\"”".Contains(content[^1], StringComparison.Ordinal)) return false;
        return content.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 14;
    }
}
