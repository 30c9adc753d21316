using KnowledgeBase.Primitives;

namespace KnowledgeBase.Search;

/// <summary>The four kinds of record search covers, in the order results are shown.</summary>
public enum SearchKind
{
    Claim,
    Source,
    Study,
    Trial,
}

/// <summary>The identifier schemes that are looked up exactly instead of through full-text search.</summary>
public enum IdentifierKind
{
    Nct,
    Pmid,
    Doi,
    Pmcid,
}

/// <summary>An identifier found in a query, normalised the way the knowledge base stores it ("NCT01234567", "26751635", "10.1001/x", "PMC123").</summary>
public sealed record SearchIdentifier(IdentifierKind Kind, string Value)
{
    /// <summary>How the identifier reads to a person ("PMID 26751635", "doi:10.1001/x").</summary>
    public string Display => Kind switch
    {
        IdentifierKind.Pmid => "PMID " + Value,
        IdentifierKind.Doi => "doi:" + Value,
        _ => Value,
    };
}

/// <summary>
/// A word or a "quoted phrase" as typed, without any search syntax. <see cref="IsPrefix"/>: the term
/// word also matches longer words ("mesench" finds "mesenchymal").
/// </summary>
public sealed record SearchTerm(string Text, bool IsPhrase, bool IsPrefix);

/// <summary>
/// What a person asked for, parsed into plain data that each search engine turns into its own query
/// language (never by pasting the typed text into it). Matching records contain, for every group in
/// <see cref="Required"/>, at least one of the group's terms, and none of the <see cref="Excluded"/> terms.
/// </summary>
public sealed record SearchQuery(
    string Text,
    IReadOnlyList<IReadOnlyList<SearchTerm>> Required,
    IReadOnlyList<SearchTerm> Excluded,
    IReadOnlyList<SearchIdentifier> Identifiers,
    string? Problem,
    IReadOnlyList<string> Notes)
{
    /// <summary>Nothing was typed (or only white space).</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Text);

    /// <summary>There are words to look for in the text of records.</summary>
    public bool HasTextTerms => Required.Count > 0;

    /// <summary>The query is one identifier and nothing else: a single match can be opened directly.</summary>
    public bool IsSingleIdentifier { get; init; }
}
