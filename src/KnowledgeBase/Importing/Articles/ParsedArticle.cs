using KnowledgeBase.Domain;

namespace KnowledgeBase.Importing.Articles;

/// <summary>One article found in an imported text file.</summary>
/// <param name="PartIndex">Position of the article within its file, from 0.</param>
/// <param name="OriginalText">The article's slice of the file, exactly as it stood.</param>
/// <param name="CleanedText">The article without boilerplate, title lines or reference list; claims are found here.</param>
/// <param name="RemovedBoilerplateLines">How many lines of web boilerplate were stripped (reported to the user).</param>
public sealed record ParsedArticle(
    int PartIndex,
    string Title,
    TitleOrigin TitleOrigin,
    string? Publisher,
    string OriginalText,
    string CleanedText,
    IReadOnlyList<ParsedReference> References,
    int RemovedBoilerplateLines);

/// <summary>A reference the article gives itself, with any identifiers found in it (normalised).</summary>
public sealed record ParsedReference(
    int Ordinal,
    string Label,
    string Text,
    string? Url,
    string? Pmid,
    string? Doi,
    string? NctId);
