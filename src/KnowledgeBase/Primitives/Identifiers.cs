using System.Globalization;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Primitives;

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

    /// <summary>
    /// A DOI in its canonical lower-case form without resolver prefix ("10.1001/jamaneurol.2015.4321"). SICI DOIs keep
    /// their angle brackets ("10.1002/(sici)1096-987x(199803)19:4&lt;377::aid-jcc1&gt;3.0.co;2-p"); a short DOI
    /// ("10/fqd6hj", doi.org's alias of a long one) is kept when it is the whole value, never picked out of running text.
    /// </summary>
    public static string? NormalizeDoi(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = Uri.UnescapeDataString(value.Trim());
        var m = DoiPattern().Match(text);
        if (m.Success) return m.Value.TrimEnd('.', ',', ';', ')', ']').ToLowerInvariant();
        var shortDoi = ShortDoiPattern().Match(text);
        return shortDoi.Success ? shortDoi.Groups[1].Value.ToLowerInvariant() : null;
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

    // Angle brackets only as a balanced pair inside the DOI (SICI: "...19:4<377::AID-JCC1>3.0.CO;2-P"), so a DOI
    // written "<10.1000/x>" or followed by markup still ends where it should.
    [GeneratedRegex(@"10\.[0-9]{4,9}/(?:[^\s""<>]|<[^\s""<>]{1,64}>)+", RegexOptions.CultureInvariant)]
    private static partial Regex DoiPattern();

    // The whole value: "10/fqd6hj", "doi:10/fqd6hj", "https://doi.org/10/fqd6hj" (at least one letter: "10/2015" is a date).
    [GeneratedRegex(@"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10/(?=[0-9]*[A-Za-z])[A-Za-z0-9]{3,12})[.]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShortDoiPattern();

    [GeneratedRegex(@"\bPMC\s?([0-9]{1,9})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PmcidPattern();

    [GeneratedRegex(@"(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/([0-9]{1,9})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PubMedUrlPattern();
}
