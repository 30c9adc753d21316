using System.Text.RegularExpressions;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing.Articles;

/// <summary>
/// An article's own reference list: "Source: ..." lines and footnotes "[1] ..." at the start of a line.
/// Inline markers inside a sentence ("at will[1];") are not references and stay in the text.
/// </summary>
internal static partial class ReferenceLines
{
    /// <summary>The reference on <paramref name="line"/>, or null when the line is not one.</summary>
    public static ParsedReference? TryParse(string line, int ordinal)
    {
        var trimmed = line.Trim();
        string label;
        string body;

        var source = SourceLine().Match(trimmed);
        var footnote = FootnoteLine().Match(trimmed);
        if (source.Success)
        {
            label = source.Groups["label"].Value;
            body = source.Groups["text"].Value;
        }
        else if (footnote.Success)
        {
            label = "[" + footnote.Groups["n"].Value + "]";
            body = footnote.Groups["text"].Value;
        }
        else
        {
            return null;
        }

        var text = Whitespace().Replace(body, " ").Trim();
        if (text.Length == 0) return null;

        var url = FirstUrl(text);
        var pmid = Identifiers.PmidFromUrl(url) ?? Identifiers.PmidFromUrl(text);
        if (pmid is null)
        {
            var m = PmidMention().Match(text);
            if (m.Success) pmid = Identifiers.NormalizePmid(m.Groups[1].Value);
        }
        var doi = Identifiers.FindDoi(text);
        var ncts = Identifiers.FindNctIds(text);
        var nct = ncts.Count > 0 ? ncts[0] : null;
        return new ParsedReference(ordinal, label, text, url, pmid, doi, nct);
    }

    /// <summary>The first http(s) address in <paramref name="text"/>, without the sentence's trailing '.' or ','.</summary>
    private static string? FirstUrl(string text)
    {
        var m = Url().Match(text);
        return m.Success ? m.Value.TrimEnd('.', ',') : null;
    }

    /// <summary>"Source:", "Sources:", "Reference:" followed by the reference (any spaces, including non-breaking).</summary>
    [GeneratedRegex(@"^(?<label>Sources?|References?)\s*:\s*(?<text>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^\[(?<n>[0-9]{1,3})\]\s*(?<text>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FootnoteLine();

    [GeneratedRegex(@"https?://[^\s<>""“”‘’]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"\bPMID\s*:?\s*([0-9]{1,9})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PmidMention();

    /// <summary>Any run of white space, non-breaking spaces included (.NET's \s covers \p{Z}).</summary>
    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
