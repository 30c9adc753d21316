using System.Text.RegularExpressions;

namespace KnowledgeBase.Linking;

/// <summary>
/// Reads author strings as the library writes them: Vancouver style lists ("Petrou P, Gothelf Y, Argov Z,
/// et al. (full author list not retrieved)"), lists after a label ("Mayo Clinic (PI Nathan P. Staff); AAN 2024
/// abstract: Staff N, Oskarsson B, ...") and organisations ("Brainstorm-Cell Therapeutics (sponsor)").
/// </summary>
public static partial class AuthorNames
{
    /// <summary>The personal surnames, in order, as written ("Abdul Wahid", "Zdolińska-Malinowska"); duplicates dropped.</summary>
    public static IReadOnlyList<string> Surnames(string? authors)
    {
        var names = new List<string>();
        foreach (var part in Parts(authors))
        {
            var m = PersonPattern().Match(part);
            if (m.Success) names.Add(m.Groups["surname"].Value);
        }

        foreach (Match m in PrincipalInvestigatorPattern().Matches(authors ?? ""))
            names.Add(m.Groups["surname"].Value);

        return Distinct(names);
    }

    /// <summary>
    /// The personal authors in order as (surname, initials): "Berry JD" gives ("Berry", "JD").
    /// Organisations and remarks are left out; see <see cref="Organisations"/>.
    /// </summary>
    public static IReadOnlyList<(string Family, string Initials)> People(string? authors)
    {
        var people = new List<(string, string)>();
        foreach (var part in Parts(authors))
        {
            var m = PersonPattern().Match(part);
            if (!m.Success) continue;
            var initials = string.Concat(part[m.Groups["surname"].Length..].Where(char.IsLetter));
            people.Add((m.Groups["surname"].Value, initials));
        }
        return people;
    }

    /// <summary>True when the list says it is incomplete ("et al.", "and others", "full author list not retrieved").</summary>
    public static bool IsTruncated(string? authors) =>
        !string.IsNullOrEmpty(authors) && (authors.Contains("et al", StringComparison.OrdinalIgnoreCase)
            || authors.Contains("others", StringComparison.OrdinalIgnoreCase)
            || authors.Contains("not retrieved", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Given names stated in the author text: "(first author given name: Ammar)" or "PI Nathan P. Staff".
    /// Articles sometimes cite a paper by its first author's given name.
    /// </summary>
    public static IReadOnlyList<string> GivenNames(string? authors)
    {
        if (string.IsNullOrWhiteSpace(authors)) return [];
        var names = GivenNamePattern().Matches(authors).Select(m => m.Groups["given"].Value)
            .Concat(PrincipalInvestigatorPattern().Matches(authors).Select(m => m.Groups["given"].Value));
        return Distinct(names);
    }

    /// <summary>Segments naming an organisation rather than people ("Mayo Clinic", "Brainstorm-Cell Therapeutics").</summary>
    public static IReadOnlyList<string> Organisations(string? authors)
    {
        var organisations = new List<string>();
        foreach (var segment in Segments(authors))
        {
            var parts = SplitParts(segment);
            if (parts.Count == 0 || parts.Any(p => PersonPattern().IsMatch(p))) continue;
            var name = segment.Trim().TrimEnd('.', ',');
            if (name.Length >= 4 && char.IsUpper(name[0]) && name.Any(char.IsLower)) organisations.Add(name);
        }

        return Distinct(organisations);
    }

    /// <summary>Comma-separated name parts of every segment, parentheticals and labels removed.</summary>
    private static IEnumerable<string> Parts(string? authors) => Segments(authors).SelectMany(SplitParts);

    /// <summary>';'-separated segments with parenthetical remarks removed and any "label:" prefix dropped.</summary>
    private static IEnumerable<string> Segments(string? authors)
    {
        if (string.IsNullOrWhiteSpace(authors)) yield break;
        var text = authors;
        string previous;
        do
        {
            previous = text;
            text = ParentheticalPattern().Replace(text, " ");
        }
        while (!string.Equals(previous, text, StringComparison.Ordinal));

        foreach (var raw in text.Split(';'))
        {
            var segment = raw;
            var colon = segment.LastIndexOf(':');
            if (colon >= 0) segment = segment[(colon + 1)..];
            segment = segment.Trim();
            if (segment.Length > 0) yield return segment;
        }
    }

    private static List<string> SplitParts(string segment) =>
        segment.Split(',')
            .Select(p => AndPrefixPattern().Replace(p.Trim(), ""))
            .Where(p => p.Length > 0 && !EtAlPattern().IsMatch(p))
            .ToList();

    private static List<string> Distinct(IEnumerable<string> names) =>
        names.Where(n => n.Length > 0)
            .DistinctBy(NameSimilarity.Fold, StringComparer.Ordinal)
            .ToList();

    /// <summary>"Surname INITIALS": "Petrou P", "Abdul Wahid SF", "Bulte JWM", "van der Berg J.", "Staff N.P.".</summary>
    [GeneratedRegex(@"^(?<surname>(?:(?:van|von|de|der|den|da|di|du|del|della|la|le|dos|das|ter|ten)\s+)*\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+)*)\s+(?:\p{Lu}\.?\s?){1,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonPattern();

    [GeneratedRegex(@"\bPI\s+(?<given>\p{Lu}\p{Ll}+)\s+(?:\p{Lu}\.\s*)?(?<surname>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalInvestigatorPattern();

    [GeneratedRegex(@"\b(?i:given\s+name)\s*:\s*(?<given>\p{Lu}\p{Ll}+)", RegexOptions.CultureInvariant)]
    private static partial Regex GivenNamePattern();

    [GeneratedRegex(@"\([^()]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex ParentheticalPattern();

    [GeneratedRegex(@"^and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndPrefixPattern();

    [GeneratedRegex(@"^(?:et\.?\s*al\.?|and\s+others|others)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EtAlPattern();
}
