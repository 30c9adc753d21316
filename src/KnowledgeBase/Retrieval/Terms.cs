namespace KnowledgeBase.Retrieval;

/// <summary>One word of a text as the lexical index sees it: its stem, and the word as written (for reasons).</summary>
public readonly record struct Term(string Stem, string Written);

/// <summary>
/// The tokeniser of the lexical ranking: lower-case letters and digits split at anything else, the
/// commonest English words dropped (Lucene's English stop words, as the published BM25 baselines use),
/// then Porter stems, as the FTS5 and tsvector indexes stem (decisions 0007, 0013).
/// </summary>
public static class Terms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or",
        "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
    };

    /// <summary>The terms of <paramref name="text"/> in order, repeats kept.</summary>
    public static List<Term> Of(string? text)
    {
        var terms = new List<Term>();
        if (string.IsNullOrEmpty(text)) return terms;
        Span<char> buffer = stackalloc char[64];
        var length = 0;
        var tooLong = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (length < buffer.Length) buffer[length++] = char.ToLowerInvariant(c);
                else tooLong = true;
                continue;
            }

            if (length > 0 && !tooLong)
            {
                var word = new string(buffer[..length]);
                if (!StopWords.Contains(word)) terms.Add(new Term(PorterStemmer.Stem(word), word));
            }

            length = 0;
            tooLong = false;
        }

        return terms;
    }
}
