using System.Globalization;

namespace KnowledgeBase.Linking.Detection;

/// <summary>
/// The claim detector's words, found by hand: a run of letters and digits, joined through an apostrophe ('’) or a '+' to
/// the run after it ("don't", "c+d"), and a final '+' kept ("nad+"). Exactly the matches of the regex
/// <c>[\p{L}\p{N}]+(?:['’+][\p{L}\p{N}]+)*\+?</c> (CultureInvariant), in the same order: the regex ran on every sentence
/// and line of every import, and its words feed the hashed features the committed model is indexed by.
/// DetectorWordsTests hold the scanner to the regex.
/// </summary>
internal static class DetectorWords
{
    /// <summary>Whether <paramref name="c"/> is in <c>[\p{L}\p{N}]</c>: a letter (Lu, Ll, Lt, Lm, Lo) or a number (Nd, Nl, No).</summary>
    public static bool IsWordChar(char c)
    {
        if (c < 128) return char.IsAsciiLetterOrDigit(c);
        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
    }

    /// <summary>
    /// The first word of <paramref name="text"/> at or after <paramref name="from"/>: its start, or -1 when there is none
    /// (then <paramref name="length"/> is 0). The next word is searched from <c>start + length</c>.
    /// </summary>
    public static int Next(ReadOnlySpan<char> text, int from, out int length)
    {
        var i = from;
        while (i < text.Length && !IsWordChar(text[i])) i++;
        if (i >= text.Length)
        {
            length = 0;
            return -1;
        }
        var start = i++;
        while (true)
        {
            while (i < text.Length && IsWordChar(text[i])) i++;
            // A joiner continues the word only when a letter or digit follows it (the group needs one); the regex never
            // backtracks here, since the first run alone is already a match and every loop is greedy.
            if (i + 1 < text.Length && (text[i] is '\'' or '’' or '+') && IsWordChar(text[i + 1]))
            {
                i += 2;
                continue;
            }
            break;
        }
        if (i < text.Length && text[i] == '+') i++;
        length = i - start;
        return start;
    }

    /// <summary>How many words <paramref name="text"/> holds.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var at = Next(text, 0, out var length); at >= 0; at = Next(text, at + length, out length)) count++;
        return count;
    }
}
