using System.Text.RegularExpressions;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange.Parsing;

/// <summary>Identifiers written with a label in free text, as Zotero's "Extra" and reference managers' notes carry them ("PMID: 26751635").</summary>
internal static partial class LabelledId
{
    public static string? Pmid(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var m = PmidPattern().Match(text);
        return m.Success ? Identifiers.NormalizePmid(m.Groups[1].Value) : null;
    }

    public static string? Pmcid(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var m = PmcidPattern().Match(text);
        return m.Success ? Identifiers.NormalizePmcid(m.Groups[1].Value) : null;
    }

    public static string? Doi(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var m = DoiPattern().Match(text);
        return m.Success ? Identifiers.NormalizeDoi(m.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"\bPMID:?[ \t]*([0-9]{1,9})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PmidPattern();

    [GeneratedRegex(@"\bPMCID:?[ \t]*(PMC[0-9]{1,9})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PmcidPattern();

    [GeneratedRegex(@"\bDOI:?[ \t]*(10\.[0-9]{4,9}/(?:[^\s""<>]|<[^\s""<>]{1,64}>)+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DoiPattern();
}
