using KnowledgeBase.Domain;

namespace KnowledgeBase.Interchange;

/// <summary>
/// A study's authors between their two forms: the structured names a reader gives (<see cref="PersonName"/>s and
/// whole names) as stored in <see cref="Study.AuthorNames"/>, and the display string <see cref="Study.Authors"/> made
/// from them ("Petrou P, Gothelf Y", as lists and pages show authors). Decision 0030.
/// </summary>
public static class StudyAuthors
{
    /// <summary>The people, then the whole names, as stored.</summary>
    public static List<AuthorName> Names(IEnumerable<PersonName> people, IEnumerable<string> groups) =>
    [
        .. people.Where(p => !string.IsNullOrWhiteSpace(p.Family)).Select(p => AuthorName.Person(p.Family.Trim(), p.Given?.Trim())),
        .. groups.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => AuthorName.Whole(g.Trim())),
    ];

    /// <summary>"Family Initials" for each person and each whole name as it is, joined by ", "; null when there is no name.</summary>
    public static string? Display(IReadOnlyCollection<AuthorName> names) => names.Count == 0
        ? null
        : string.Join(", ", names.Select(n => n.Literal ?? $"{n.Family} {new PersonName(n.Family ?? "", n.Given).Initials}".Trim()));

    /// <summary>Stores the names, the display string made from them and the incomplete-list flag on the study.</summary>
    public static void Set(Study study, IEnumerable<PersonName> people, IEnumerable<string> groups, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(study);
        var names = Names(people, groups);
        study.AuthorNames = names;
        study.Authors = Display(names);
        study.AuthorsTruncated = truncated && names.Count > 0;
    }

    /// <summary>The stored names as a record's people and whole names.</summary>
    public static (List<PersonName> People, List<string> Groups) Read(IEnumerable<AuthorName> names)
    {
        var people = new List<PersonName>();
        var groups = new List<string>();
        foreach (var name in names)
        {
            if (!string.IsNullOrWhiteSpace(name.Literal)) groups.Add(name.Literal);
            else if (!string.IsNullOrWhiteSpace(name.Family)) people.Add(new PersonName(name.Family, name.Given));
        }

        return (people, groups);
    }
}
