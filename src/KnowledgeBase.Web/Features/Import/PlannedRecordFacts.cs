using System.Globalization;
using KnowledgeBase.Interchange;

namespace KnowledgeBase.Web.Features.Import;

/// <summary>
/// What the import preview shows of a record besides its title, so an editor can check it before importing:
/// "Lindqvist M, Berg J, Sato K, et al.", "Case Reports in Testing, 2023; 12(3):45-50", "DOI 10.9999/x · PMID 123 · NCT01234567".
/// </summary>
public sealed record PlannedRecordFacts(string? Authors, string? Publication, string? Identifiers)
{
    private const int AuthorsShown = 3;

    public static PlannedRecordFacts Of(BibRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var people = record.Authors.Where(a => !string.IsNullOrWhiteSpace(a.Family)).Select(Name).ToList();
        if (!string.IsNullOrWhiteSpace(record.CorporateAuthor)) people.Add(record.CorporateAuthor.Trim());
        var authors = people.Count == 0 ? null
            : string.Join(", ", people.Take(AuthorsShown)) + (people.Count > AuthorsShown || record.AuthorsTruncated ? ", et al." : "");

        var serial = Join("", record.Volume, record.Issue is { Length: > 0 } issue ? "(" + issue + ")" : null);
        var where = Join(":", serial, record.Pages);
        var publication = Join(", ",
            record.Journal ?? (record.Kind == BibRecordKind.RegisteredTrial ? record.Sponsor : null),
            Join("; ", record.Year?.ToString(CultureInfo.InvariantCulture), where));

        var identifiers = Join(" · ",
            record.Doi is { } doi ? "DOI " + doi : null,
            record.Pmid is { } pmid ? "PMID " + pmid : null,
            record.Pmcid is { } pmcid ? "PMCID " + pmcid : null,
            record.NctIds.Count > 0 ? string.Join(", ", record.NctIds) : null);
        return new PlannedRecordFacts(authors, publication, identifiers);
    }

    private static string Name(PersonName name)
    {
        var initials = name.Initials;
        return initials.Length == 0 ? name.Family.Trim() : name.Family.Trim() + " " + initials;
    }

    private static string? Join(string delimiter, params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        return present.Count == 0 ? null : string.Join(delimiter, present);
    }
}
