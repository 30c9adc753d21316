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

    /// <summary>
    /// Grammatical words the ranking keeps (the stop list above is the baselines' and stays as it is) but a reason
    /// never names: "shares rare words: were, has" tells an editor nothing, although in a small library such a word
    /// can be rarer than the topic's. Held as stems, as the index holds words.
    /// </summary>
    private static readonly HashSet<string> FunctionStems = new(
        new[]
        {
            "about", "after", "again", "all", "also", "am", "any", "been", "before", "being", "both", "can", "could", "did", "do",
            "does", "doing", "done", "each", "from", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
            "i", "its", "itself", "just", "may", "me", "might", "more", "most", "must", "my", "nor", "now", "only", "other", "our",
            "ours", "over", "own", "same", "she", "should", "so", "some", "than", "them", "those", "through", "too", "under", "until",
            "up", "us", "very", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "would", "you", "your",
            "yours",
        }.Select(PorterStemmer.Stem),
        StringComparer.Ordinal);

    /// <summary>Whether <paramref name="stem"/> is the stem of a grammatical word that a reason should not name.</summary>
    public static bool IsFunctionStem(string stem) => FunctionStems.Contains(stem);

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
