namespace KnowledgeBase.Linking;

/// <summary>A range of characters in a string: <see cref="Start"/> inclusive, <see cref="End"/> exclusive.</summary>
/// <remarks>Offsets always point into the string that was analysed, unchanged: <c>text[span.Start..span.End]</c> is the quote.</remarks>
public readonly record struct TextSpan(int Start, int End)
{
    /// <summary>Number of characters covered.</summary>
    public int Length => End - Start;

    /// <summary>The covered characters of <paramref name="text"/>.</summary>
    public string Slice(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[Start..End];
    }

    /// <summary>Whether the two ranges share at least one character.</summary>
    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
}
