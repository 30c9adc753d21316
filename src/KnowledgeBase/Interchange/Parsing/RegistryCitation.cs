using System.Text.RegularExpressions;

namespace KnowledgeBase.Interchange.Parsing;

/// <summary>
/// Reads the citation text a registry lists for a publication (ClinicalTrials.gov writes them in NLM style:
/// "Surname AB, Surname C. Title. Journal. 2015 Mar;10(3):1-9. doi: ..."): authors, title, journal and year when the
/// text has that shape; otherwise the whole text is the title, so nothing of it is lost.
/// </summary>
public static partial class RegistryCitation
{
    public sealed record Parts(string Title, IReadOnlyList<PersonName> Authors, bool AuthorsTruncated, string? Journal, int? Year);

    public static Parts Parse(string citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        var text = BibText.Clean(citation) ?? "";
        var split = AuthorsEnd().Match(text);
        if (!split.Success || !TryAuthors(split.Groups["authors"].Value, out var authors, out var truncated))
            return new Parts(text, [], false, null, YearIn(text));
        var rest = split.Groups["rest"].Value;
        var titleEnd = SentenceEnd().Match(rest);
        if (!titleEnd.Success) return new Parts(rest.TrimEnd('.'), authors, truncated, null, YearIn(rest));
        var title = rest[..(titleEnd.Index + 1)];
        var after = rest[(titleEnd.Index + titleEnd.Length)..];
        var journal = JournalThenYear().Match(after);
        return new Parts(title.EndsWith('.') ? title[..^1] : title, authors, truncated,
            journal.Success ? journal.Groups["journal"].Value.Trim() : null, YearIn(after));
    }

    private static bool TryAuthors(string list, out List<PersonName> authors, out bool truncated)
    {
        authors = [];
        truncated = false;
        foreach (var raw in list.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw is "et al" or "et al.")
            {
                truncated = true;
                continue;
            }
            var name = NameWithInitials().Match(raw);
            if (!name.Success) return false;
            authors.Add(new PersonName(name.Groups["family"].Value, string.Join(' ', name.Groups["initials"].Value.ToCharArray())));
        }
        return authors.Count > 0;
    }

    private static int? YearIn(string text) =>
        Year().Match(text) is { Success: true } m ? int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    // The author list ends at the first ". " after initials ("Deodhar A. Long-term ...") or "et al.".
    [GeneratedRegex(@"^(?<authors>.+?(?:\s[A-Z]{1,3}|et al))\.\s+(?<rest>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorsEnd();

    [GeneratedRegex(@"^(?<family>[\p{L}'’\- ]+?)\s(?<initials>[A-Z]{1,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex NameWithInitials();

    [GeneratedRegex(@"[.?!]\s+(?=[A-Z0-9\[])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^(?<journal>[^.]+?)\.?\s+(?:19|20)[0-9]{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex JournalThenYear();

    [GeneratedRegex(@"\b(?:19|20)[0-9]{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Year();
}
