using System.Text.RegularExpressions;

namespace KnowledgeBase.Web.Features.Shared;

/// <summary>
/// Public pages for identifiers, and a guard for addresses taken from imported text: only well-formed
/// identifiers and absolute http(s) addresses become links; anything else is shown as text.
/// </summary>
public static partial class ExternalLinks
{
    /// <summary>https://doi.org/{doi}, or null when <paramref name="doi"/> is not a DOI ("10.xxxx/...").</summary>
    public static string? Doi(string? doi)
    {
        if (string.IsNullOrWhiteSpace(doi) || !DoiPattern().IsMatch(doi.Trim())) return null;
        // Each path segment escaped (a DOI may hold '#', '?' or spaces); the '/' separators kept.
        return "https://doi.org/" + string.Join('/', doi.Trim().Split('/').Select(Uri.EscapeDataString));
    }

    public static string? PubMed(string? pmid) =>
        !string.IsNullOrWhiteSpace(pmid) && PmidPattern().IsMatch(pmid.Trim())
            ? $"https://pubmed.ncbi.nlm.nih.gov/{pmid.Trim()}/"
            : null;

    public static string? Pmc(string? pmcid) =>
        !string.IsNullOrWhiteSpace(pmcid) && PmcidPattern().IsMatch(pmcid.Trim())
            ? $"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid.Trim().ToUpperInvariant()}/"
            : null;

    public static string? ClinicalTrials(string? nctId) =>
        !string.IsNullOrWhiteSpace(nctId) && NctPattern().IsMatch(nctId.Trim())
            ? $"https://clinicaltrials.gov/study/{nctId.Trim().ToUpperInvariant()}"
            : null;

    /// <summary><paramref name="address"/> when it is an absolute http(s) URL, otherwise null (never javascript:, data:, relative...).</summary>
    public static string? SafeHttp(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return null;
        var trimmed = address.Trim();
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(uri.Host)
                ? trimmed
                : null;
    }

    /// <summary>The host of an address, for link text ("pmc.ncbi.nlm.nih.gov").</summary>
    public static string Host(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host : address;

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex DoiPattern();

    [GeneratedRegex(@"^\d{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex PmidPattern();

    [GeneratedRegex(@"^PMC\d{1,9}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PmcidPattern();

    [GeneratedRegex(@"^NCT\d{8}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NctPattern();
}
