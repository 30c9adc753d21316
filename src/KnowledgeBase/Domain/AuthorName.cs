namespace KnowledgeBase.Domain;

/// <summary>
/// One author of a study as its source gave it: a person's family and given names ("Barata", "Catarina"; "Petrou",
/// "P." when the source gave initials only), or a literal name kept whole (a group such as "Mayo Clinic", or a
/// person's name whose parts could not be told apart). Stored in the study's row as JSON, in the source's order
/// (docs/decisions/0030-structured-author-names.md); each export format and citation style decides what to print.
/// </summary>
public sealed class AuthorName
{
    public string? Family { get; set; }
    public string? Given { get; set; }

    /// <summary>The whole name, for a name with no family/given parts; then <see cref="Family"/> and <see cref="Given"/> are null.</summary>
    public string? Literal { get; set; }

    public static AuthorName Person(string family, string? given) => new() { Family = family, Given = string.IsNullOrWhiteSpace(given) ? null : given };

    public static AuthorName Whole(string literal) => new() { Literal = literal };

    /// <summary>"Barata, Catarina" or the whole name, as the change history shows it.</summary>
    public override string ToString() => Literal ?? (Given is null ? Family ?? "" : $"{Family}, {Given}");
}
