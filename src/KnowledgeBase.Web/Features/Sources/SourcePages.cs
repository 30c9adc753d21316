namespace KnowledgeBase.Web.Features.Sources;

/// <summary>A page of a source's text: the characters [Start, End) of the cleaned text.</summary>
public sealed record TextPage(int Number, int Start, int End);

/// <summary>
/// Cuts a long text into pages for display, so that one huge article gives pages of bounded size (its
/// whole text is downloaded instead). Pages end at a line break at most <see cref="PageChars"/>
/// characters after they start; a single line longer than that is cut at a space (or, without one,
/// at the limit). Pure and linear; the same text always gives the same pages, so a claim's page can
/// be computed from its offset alone.
/// </summary>
public static class SourcePages
{
    /// <summary>About 15 screens of an article: almost every article is one page.</summary>
    public const int PageChars = 50_000;

    public static IReadOnlyList<TextPage> Split(string text, int pageChars = PageChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageChars, 2);
        var pages = new List<TextPage>();
        var start = 0;
        while (text.Length - start > pageChars)
        {
            var limit = start + pageChars;
            var lineBreak = text.AsSpan(start, pageChars).LastIndexOfAny('\n', '\r');
            int end;
            if (lineBreak > 0) end = start + lineBreak + 1;
            else
            {
                var window = Math.Min(1_000, pageChars - 1);
                var space = text.AsSpan(limit - window, window).LastIndexOf(' ');
                end = space >= 0 ? limit - window + space + 1 : limit;
                if (char.IsLowSurrogate(text[end])) end--; // never between the halves of a character
            }
            pages.Add(new TextPage(pages.Count + 1, start, end));
            start = end;
        }
        pages.Add(new TextPage(pages.Count + 1, start, text.Length));
        return pages;
    }

    /// <summary>The page holding the character at <paramref name="offset"/> (the last page for an offset past the end).</summary>
    public static TextPage PageOf(IReadOnlyList<TextPage> pages, int offset)
    {
        ArgumentNullException.ThrowIfNull(pages);
        int low = 0, high = pages.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (pages[middle].Start <= offset) low = middle;
            else high = middle - 1;
        }
        return pages[low];
    }
}
