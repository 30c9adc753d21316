namespace KnowledgeBase.Web.Features.Shared;

/// <summary>
/// A long text shown as paragraphs under a heading (a study's abstract, a trial's summary): the lead is always
/// visible, the rest folds into a disclosure so that a 3,000-word description does not push the page's facts
/// and claims out of sight. Paragraphs are separated by blank lines in the stored text.
/// </summary>
public sealed record ProseBlock(string Id, string Heading, string? Text, string Noun)
{
    /// <summary>A text up to this many characters is shown whole.</summary>
    public const int ShortLength = 900;

    /// <summary>A longer text shows about this many characters before the fold, ending at a sentence when it can.</summary>
    public const int LeadLength = 450;

    public IReadOnlyList<string> Lead => Split().Lead;

    public IReadOnlyList<string> Folded => Split().Folded;

    public int Words => string.IsNullOrWhiteSpace(Text) ? 0 : Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private (IReadOnlyList<string> Lead, IReadOnlyList<string> Folded)? _split;

    private (IReadOnlyList<string> Lead, IReadOnlyList<string> Folded) Split() => _split ??= Fold(Text);

    /// <summary>Paragraphs before and after the fold; nothing after it for a short text.</summary>
    public static (IReadOnlyList<string> Lead, IReadOnlyList<string> Folded) Fold(string? text)
    {
        var paragraphs = Paragraphs(text);
        if (paragraphs.Count == 0 || paragraphs.Sum(p => p.Length) <= ShortLength) return (paragraphs, []);

        var first = paragraphs[0];
        if (first.Length <= ShortLength / 2 + LeadLength / 2) return ([first], paragraphs.Skip(1).ToList());

        // One long first paragraph (MEDLINE abstracts have one): cut it after a sentence near the lead length.
        var cut = SentenceEnd(first, LeadLength);
        return ([first[..cut].TrimEnd()], [first[cut..].TrimStart(), .. paragraphs.Skip(1)]);
    }

    /// <summary>The text's paragraphs: split at blank lines, each trimmed; line breaks inside a paragraph kept.</summary>
    public static IReadOnlyList<string> Paragraphs(string? text) =>
        string.IsNullOrWhiteSpace(text) ? []
            : text.Replace("\r\n", "\n", StringComparison.Ordinal)
                .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToList();

    private static int SentenceEnd(string text, int near)
    {
        for (var i = Math.Min(near, text.Length - 1); i > near / 3; i--)
        {
            if (text[i - 1] is '.' or '?' or '!' or ':' && char.IsWhiteSpace(text[i])) return i;
        }
        var space = text.LastIndexOf(' ', Math.Min(near, text.Length - 1));
        return space > 0 ? space : Math.Min(near, text.Length);
    }
}
