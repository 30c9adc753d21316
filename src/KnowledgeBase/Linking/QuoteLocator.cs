using System.Text.RegularExpressions;

namespace KnowledgeBase.Linking;

/// <summary>
/// Finds a quote an editor typed, pasted or selected in a source's text. Browsers and clipboards
/// change whitespace (line breaks, non-breaking spaces) and straighten or curl quotes, so the
/// match tolerates those differences while the resulting span is always exact text of the source.
/// </summary>
public static partial class QuoteLocator
{
    /// <summary>Every place the quote occurs, in text order.</summary>
    public static IReadOnlyList<TextSpan> FindAll(string text, string quote)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words().Matches(quote ?? "").Select(m => m.Value).ToList();
        if (words.Count == 0) return [];
        var pattern = string.Join(@"\s+", words.Select(WordPattern));
        return Regex.Matches(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            .Select(m => new TextSpan(m.Index, m.Index + m.Length))
            .ToList();
    }

    /// <summary>The occurrence nearest to <paramref name="near"/> (or the only one), or null when the quote is not in the text.</summary>
    public static TextSpan? FindNearest(string text, string quote, int near)
    {
        var all = FindAll(text, quote);
        return all.Count == 0 ? null : all.MinBy(s => Math.Abs(s.Start - near));
    }

    // Quotes and apostrophes match their straight or typographic forms; everything else literally.
    private static string WordPattern(string word) => string.Concat(word.Select(c => c switch
    {
        '\'' or '’' or '‘' => "['’‘]",
        '"' or '“' or '”' => "[\"“”]",
        '-' or '–' or '—' => "[-–—]",
        _ => Regex.Escape(c.ToString()),
    }));

    [GeneratedRegex(@"\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
