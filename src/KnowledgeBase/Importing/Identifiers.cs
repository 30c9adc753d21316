using System.Globalization;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Importing;

/// <summary>Finds and normalises the identifiers that tie text to records: PMID, PMCID, DOI, NCT.</summary>
public static partial class Identifiers
{
    /// <summary>"NCT" + 8 digits, upper case; null when <paramref name="value"/> holds none.</summary>
    public static string? NormalizeNct(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var m = NctPattern().Match(value);
        return m.Success ? "NCT" + m.Groups[1].Value : null;
    }

    /// <summary>A DOI in its canonical lower-case form without resolver prefix ("10.1001/jamaneurol.2015.4321").</summary>
    public static string? NormalizeDoi(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var m = DoiPattern().Match(Uri.UnescapeDataString(value.Trim()));
        return m.Success ? m.Value.TrimEnd('.', ',', ';', ')', ']').ToLowerInvariant() : null;
    }

    /// <summary>A PubMed id as plain digits without leading zeros.</summary>
    public static string? NormalizePmid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var digits = value.Trim();
        if (digits.StartsWith("PMID", StringComparison.OrdinalIgnoreCase))
            digits = digits[4..].TrimStart(':', ' ');
        return digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit)
            ? long.Parse(digits, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>"PMC" + digits, upper case.</summary>
    public static string? NormalizePmcid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var m = PmcidPattern().Match(value);
        return m.Success ? "PMC" + m.Groups[1].Value : null;
    }

    /// <summary>The PubMed id in a PubMed address such as https://pubmed.ncbi.nlm.nih.gov/26751635/.</summary>
    public static string? PmidFromUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var m = PubMedUrlPattern().Match(url);
        return m.Success ? NormalizePmid(m.Groups[1].Value) : null;
    }

    /// <summary>Every NCT id in a text, normalised, in order of first appearance.</summary>
    public static IReadOnlyList<string> FindNctIds(string text) =>
        NctPattern().Matches(text ?? "").Select(m => "NCT" + m.Groups[1].Value).Distinct().ToList();

    /// <summary>The first DOI in a text, normalised.</summary>
    public static string? FindDoi(string text) => NormalizeDoi(text);

    [GeneratedRegex(@"\bNCT\s?([0-9]{8})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NctPattern();

    [GeneratedRegex(@"10\.[0-9]{4,9}/[^\s""<>]+", RegexOptions.CultureInvariant)]
    private static partial Regex DoiPattern();

    [GeneratedRegex(@"\bPMC\s?([0-9]{1,9})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PmcidPattern();

    [GeneratedRegex(@"(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/([0-9]{1,9})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PubMedUrlPattern();
}
