using System.Buffers;

namespace KnowledgeBase.Linking;

/// <summary>
/// Splits cleaned article text into sentences, bullet items and lines, returning offsets into the text exactly as
/// given (never a normalised copy), each span trimmed of surrounding white space. Pure: no I/O.
/// </summary>
/// <remarks>
/// <para>Lines first: every line is its own unit (headings, bullets, lines without final punctuation), a blank line
/// always ends a unit. One exception keeps hard-wrapped prose together: a line that does not end a sentence is
/// continued by the next line when that line directly follows it and starts with a lower-case letter.
/// A leading bullet marker ("- ", "• ", "* ", "1. ") is left out of the span.</para>
/// <para>Within a unit a sentence ends at '.', '!', '?', '…' (or a run of them), plus any closing quotes or brackets
/// and "[1]"-style reference markers, when white space (non-breaking spaces included) and then a character that is
/// not a lower-case letter follow. A single '.' does not end a sentence after a known abbreviation ("Dr.", "vs.",
/// "e.g.", "approx.", "Fig."), after "No." before a number, after an initial ("J. Smith"), nor after "et al.",
/// "etc.", "Inc." or a dotted acronym ("U.S.") unless the next word is a common sentence opener ("The", "This",
/// "In"...). Decimals ("1.5", "p=0.003") never have white space after the point, so they never split.</para>
/// </remarks>
public static class SentenceSplitter
{
    private const string Terminators = ".!?…";
    private static readonly SearchValues<char> TerminatorValues = SearchValues.Create(Terminators);
    private const string Closers = "”\"’')]}»›";
    private const string OpeningPunctuation = "([{“‘\"'«‹";
    private const string GlyphBullets = "•·▪◦‣●○■□►▸➢✓✔";
    private const string DashBullets = "-–—*+";
    private const string Superscripts = "¹²³⁰⁴⁵⁶⁷⁸⁹";

    /// <summary>Abbreviations after which a single period never ends a sentence.</summary>
    private static readonly HashSet<string> NeverFinal = new(StringComparer.Ordinal)
    {
        "dr", "drs", "prof", "mr", "mrs", "ms", "st", "vs", "e.g", "i.e", "approx", "fig", "figs", "cf", "ca", "vol",
        "eq", "ref", "refs", "dept", "viz", "resp", "incl", "esp", "mt",
    };

    /// <summary>Abbreviations that end a sentence only when a common sentence opener follows ("… by Smith et al. The trial …").</summary>
    private static readonly HashSet<string> FinalBeforeOpener = new(StringComparer.Ordinal)
    {
        "al", "etc", "inc", "ltd", "co", "corp", "llc", "jr", "sr",
    };

    /// <summary>Abbreviations that never end a sentence before a number ("No. 5", "pp. 12").</summary>
    private static readonly HashSet<string> FinalUnlessNumber = new(StringComparer.Ordinal)
    {
        "no", "nos", "nr", "p", "pp", "ch", "sec", "art",
    };

    /// <summary>Words after which a single capital letter is a label, not an initial ("phase I.", "vitamin D.").</summary>
    private static readonly HashSet<string> LabelWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "phase", "type", "stage", "grade", "class", "vitamin", "group", "step", "part", "category", "level", "arm",
    };

    /// <summary>Words that commonly open a sentence; after "et al." or "U.S." they mark a new sentence.</summary>
    private static readonly HashSet<string> SentenceOpeners = new(StringComparer.Ordinal)
    {
        "A", "An", "The", "This", "These", "Those", "That", "There", "Their", "They", "It", "Its", "In", "On", "At",
        "As", "After", "Although", "Also", "Additionally", "All", "Both", "But", "Each", "Finally", "For", "Further",
        "Furthermore", "However", "If", "Importantly", "Moreover", "No", "Our", "Overall", "Patients", "Results",
        "Several", "Since", "Such", "Similarly", "Subsequently", "Thus", "Therefore", "To", "We", "When", "While",
        "With", "He", "She", "His", "Her", "One", "Two", "Three", "Many", "Most", "Some",
    };

    /// <summary>Sentences, bullet items and lines of <paramref name="text"/>, in order, as trimmed, non-empty spans.</summary>
    public static IReadOnlyList<TextSpan> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<TextSpan>();
        foreach (var block in Blocks(text))
            SplitBlock(text, block, spans);
        return spans;
    }

    /// <summary>Lines (bullet marker left out), with hard-wrapped continuation lines joined to the line above.</summary>
    private static List<TextSpan> Blocks(string text)
    {
        var blocks = new List<TextSpan>();
        var position = 0;
        var blankSincePrevious = true;
        var previousLineOpen = false;
        while (position <= text.Length)
        {
            var lineEnd = IndexOfLineBreak(text, position);
            var (start, end) = Trim(text, position, lineEnd);
            if (start == end)
            {
                blankSincePrevious = true;
            }
            else
            {
                var content = SkipBullet(text, start, end);
                var isBullet = content != start;
                if (IsTableRow(text, start, end))
                {
                    // A table row: each cell is its own unit, as the labelling policy counts them.
                    AddCells(text, start, end, blocks);
                    previousLineOpen = false;
                }
                else
                {
                    if (blocks.Count > 0 && !blankSincePrevious && previousLineOpen && !isBullet && ContinuesLine(text, start, end))
                        blocks[^1] = blocks[^1] with { End = end };
                    else if (content < end)
                        blocks.Add(new TextSpan(content, end));
                    previousLineOpen = !EndsWithFinalPunctuation(text, start, end);
                }
                blankSincePrevious = false;
            }

            if (lineEnd >= text.Length) break;
            position = lineEnd + (text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? 2 : 1);
        }

        return blocks;
    }

    /// <summary>A hard-wrapped line goes on with a lower-case word, or with a parenthesis opening on a letter ("field\n(PEMF) therapy").</summary>
    private static bool ContinuesLine(string text, int start, int end) =>
        char.IsLower(text[start]) || (text[start] == '(' && start + 1 < end && char.IsLetter(text[start + 1]));

    /// <summary>A markdown table row: starts with '|' and has another '|' after it.</summary>
    private static bool IsTableRow(string text, int start, int end) =>
        text[start] == '|' && end - start > 1 && text.AsSpan(start + 1, end - start - 1).Contains('|');

    /// <summary>Each cell of a table row with a letter or digit in it (the "|---|" separator row has none).</summary>
    private static void AddCells(string text, int start, int end, List<TextSpan> blocks)
    {
        var cellStart = start + 1;
        for (var i = start + 1; i <= end; i++)
        {
            if (i < end && text[i] != '|') continue;
            var (s, e) = Trim(text, cellStart, i);
            // Bold wrapping a whole cell ("**Purpose**") is markup of the cell, not of its words.
            if (e - s > 4 && text[s] == '*' && text[s + 1] == '*' && text[e - 1] == '*' && text[e - 2] == '*') (s, e) = Trim(text, s + 2, e - 2);
            var hasContent = false;
            for (var k = s; k < e && !hasContent; k++) hasContent = char.IsLetterOrDigit(text[k]);
            if (hasContent) blocks.Add(new TextSpan(s, e));
            cellStart = i + 1;
        }
    }

    private static void SplitBlock(string text, TextSpan block, List<TextSpan> spans)
    {
        var sentenceStart = block.Start;
        var i = block.Start;
        while (i < block.End)
        {
            // Straight to the next terminator (a vectorised search, not a lookup a character).
            var ahead = text.AsSpan(i, block.End - i).IndexOfAny(TerminatorValues);
            if (ahead < 0) break;
            i += ahead;

            var terminatorStart = i;
            while (i < block.End && Terminators.Contains(text[i], StringComparison.Ordinal)) i++;
            var singlePeriod = i - terminatorStart == 1 && text[terminatorStart] == '.';
            var afterTerminator = i;
            while (i < block.End && Closers.Contains(text[i], StringComparison.Ordinal)) i++;
            i = SkipReferenceMarkers(text, i, block.End);
            var closed = i > afterTerminator;

            var boundary = i;
            if (boundary >= block.End || !IsSpace(text[boundary])) continue;
            var next = SkipSpaces(text, boundary, block.End);
            // "breathe. [1] The next" — the marker belongs to the sentence it follows.
            var afterMarkers = SkipReferenceMarkers(text, next, block.End);
            if (afterMarkers > next)
            {
                boundary = afterMarkers;
                next = SkipSpaces(text, afterMarkers, block.End);
                i = next;
            }

            if (next >= block.End) break;
            if (char.IsLower(text[next])) continue;
            // "... tissues. (Paracrine effect)": a closing parenthetical ending the block is a label of the sentence before it.
            if (text[next] == '(' && text.IndexOf(')', next) is var close && close >= 0 && close < block.End
                && SkipSpaces(text, close + 1, block.End) >= block.End && text.AsSpan(next, close - next).IndexOfAny(Terminators) < 0) break;
            if (singlePeriod && !closed && IsAbbreviation(text, block.Start, terminatorStart, next)) continue;

            Add(text, sentenceStart, boundary, spans);
            sentenceStart = next;
            i = next;
        }

        Add(text, sentenceStart, block.End, spans);
    }

    /// <summary>Whether the period at <paramref name="period"/> belongs to an abbreviation rather than ending the sentence.</summary>
    private static bool IsAbbreviation(string text, int blockStart, int period, int next)
    {
        var tokenStart = period;
        while (tokenStart > blockStart && !IsSpace(text[tokenStart - 1])) tokenStart--;
        while (tokenStart < period && OpeningPunctuation.Contains(text[tokenStart], StringComparison.Ordinal)) tokenStart++;
        if (tokenStart == period) return false;

        var token = text[tokenStart..period];
        var lower = token.ToLowerInvariant();
        if (NeverFinal.Contains(lower)) return true;
        if (FinalUnlessNumber.Contains(lower)) return char.IsDigit(text[next]);
        if (token.Length == 1 && char.IsLetter(token[0])) return !LabelWords.Contains(PreviousWord(text, blockStart, tokenStart));
        if (FinalBeforeOpener.Contains(lower) || IsDottedAcronym(lower)) return !SentenceOpeners.Contains(WordAt(text, next));
        return false;
    }

    /// <summary>"u.s", "e.u", "u.s.a": single letters separated by periods (the final period excluded).</summary>
    private static bool IsDottedAcronym(string token)
    {
        if (token.Length < 3) return false;
        for (var i = 0; i < token.Length; i++)
        {
            var expectLetter = i % 2 == 0;
            if (expectLetter ? !char.IsLetter(token[i]) : token[i] != '.') return false;
        }
        return token.Length % 2 == 1;
    }

    private static string WordAt(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsLetter(text[end])) end++;
        return text[start..end];
    }

    private static string PreviousWord(string text, int blockStart, int tokenStart)
    {
        var end = tokenStart;
        while (end > blockStart && IsSpace(text[end - 1])) end--;
        var start = end;
        while (start > blockStart && char.IsLetter(text[start - 1])) start--;
        return text[start..end];
    }

    /// <summary>Skips "[1]", "[2, 3]", "[4–6]" markers (and superscript digits) starting at <paramref name="i"/>.</summary>
    private static int SkipReferenceMarkers(string text, int i, int end)
    {
        while (i < end)
        {
            if (Superscripts.Contains(text[i], StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            if (HtmlSuperscriptEnd(text, i, end) is var sup and > 0)
            {
                i = sup;
                continue;
            }

            if (text[i] == '(' && CitationParenthesisEnd(text, i, end) is var paren and > 0)
            {
                i = paren;
                continue;
            }

            if (text[i] != '[') break;
            var j = i + 1;
            var digits = 0;
            while (j < end && (char.IsDigit(text[j]) || text[j] is ',' or '-' or '–' or ' '))
            {
                if (char.IsDigit(text[j])) digits++;
                j++;
            }

            if (digits == 0 || j >= end || text[j] != ']') break;
            i = j + 1;
        }

        return i;
    }

    /// <summary>The end of "&lt;sup&gt;12&lt;/sup&gt;" (digits, commas, dashes inside) starting at <paramref name="i"/>, or 0.</summary>
    private static int HtmlSuperscriptEnd(string text, int i, int end)
    {
        const string open = "<sup>", close = "</sup>";
        if (i + open.Length >= end || string.CompareOrdinal(text, i, open, 0, open.Length) != 0) return 0;
        var j = i + open.Length;
        var digits = 0;
        while (j < end && (char.IsDigit(text[j]) || text[j] is ',' or '-' or '–' or ' '))
        {
            if (char.IsDigit(text[j])) digits++;
            j++;
        }
        return digits > 0 && j + close.Length <= end && string.CompareOrdinal(text, j, close, 0, close.Length) == 0 ? j + close.Length : 0;
    }

    /// <summary>The end of a "(3)", "(6,7)" or "(2-4)" citation mark starting at <paramref name="i"/>, or 0.</summary>
    private static int CitationParenthesisEnd(string text, int i, int end)
    {
        var j = i + 1;
        var digits = 0;
        while (j < end && j - i <= 12 && (char.IsDigit(text[j]) || text[j] is ',' or '-' or '–' or ' '))
        {
            if (char.IsDigit(text[j])) digits++;
            j++;
        }
        // At most three digits in a row: "(2019)" is a year, not a citation mark.
        return digits > 0 && j < end && text[j] == ')' && !HasYear(text, i + 1, j) ? j + 1 : 0;
    }

    private static bool HasYear(string text, int start, int end)
    {
        var run = 0;
        for (var k = start; k < end; k++)
        {
            run = char.IsDigit(text[k]) ? run + 1 : 0;
            if (run >= 4) return true;
        }
        return false;
    }

    /// <summary>Where the line's content starts once a leading bullet marker and its spacing are skipped.</summary>
    private static int SkipBullet(string text, int start, int end)
    {
        var i = start;
        if (GlyphBullets.Contains(text[i], StringComparison.Ordinal))
        {
            i++;
        }
        else if (DashBullets.Contains(text[i], StringComparison.Ordinal) && i + 1 < end && IsSpace(text[i + 1]))
        {
            i++;
        }
        else
        {
            var digits = 0;
            while (i < end && char.IsDigit(text[i]) && digits < 3)
            {
                i++;
                digits++;
            }

            if (digits is 0 or > 2 || i + 1 >= end || text[i] is not ('.' or ')') || !IsSpace(text[i + 1])) return start;
            i++;
        }

        return SkipSpaces(text, i, end);
    }

    /// <summary>Whether the line ends a sentence ('.', '!', '?', '…' or ':'), closing quotes, brackets and "[1]" markers aside.</summary>
    private static bool EndsWithFinalPunctuation(string text, int start, int end)
    {
        var i = end;
        while (i > start)
        {
            var c = text[i - 1];
            if (c == '>' && i - start >= 11 && text.AsSpan(start, i - start).EndsWith("</sup>", StringComparison.Ordinal))
            {
                var open = text.LastIndexOf("<sup>", i - 1, i - start, StringComparison.Ordinal);
                i = open >= start && HtmlSuperscriptEnd(text, open, end) == i ? open : i - 1;
            }
            else if (c == ']')
            {
                var open = text.LastIndexOf('[', i - 1, i - start);
                i = open >= start && SkipReferenceMarkers(text, open, end) >= i ? open : i - 1;
            }
            else if (Closers.Contains(c, StringComparison.Ordinal) || Superscripts.Contains(c, StringComparison.Ordinal))
            {
                i--;
            }
            else
            {
                break;
            }
        }

        return i > start && (Terminators.Contains(text[i - 1], StringComparison.Ordinal) || text[i - 1] == ':');
    }

    private static int IndexOfLineBreak(string text, int from)
    {
        var i = text.AsSpan(from).IndexOfAny("\n\r\u2028\u2029\u0085");
        return i < 0 ? text.Length : from + i;
    }

    private static int SkipSpaces(string text, int i, int end)
    {
        while (i < end && IsSpace(text[i])) i++;
        return i;
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return (start, end);
    }

    private static void Add(string text, int start, int end, List<TextSpan> spans)
    {
        var (s, e) = Trim(text, start, end);
        if (s < e) spans.Add(new TextSpan(s, e));
    }

    /// <summary>White space, the non-breaking and zero-width kinds included.</summary>
    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF';
}
