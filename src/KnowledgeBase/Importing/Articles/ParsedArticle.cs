using KnowledgeBase.Domain;

namespace KnowledgeBase.Importing.Articles;

/// <summary>One article found in an imported text file.</summary>
/// <param name="PartIndex">Position of the article within its file, from 0.</param>
/// <param name="OriginalText">The article's slice of the file, exactly as it stood.</param>
/// <param name="CleanedText">The article without boilerplate, title lines or reference list; claims are found here.</param>
/// <param name="Stripped">The lines of web boilerplate removed from the article, with why (shown on the source page).</param>
public sealed record ParsedArticle(
    int PartIndex,
    string Title,
    TitleOrigin TitleOrigin,
    string? Publisher,
    string OriginalText,
    string CleanedText,
    IReadOnlyList<ParsedReference> References,
    IReadOnlyList<StrippedLine> Stripped)
{
    /// <summary>How many lines of web boilerplate were stripped (reported to the user).</summary>
    public int RemovedBoilerplateLines => Stripped.Count;
}

/// <summary>A line of web boilerplate removed from an article.</summary>
/// <param name="LineNumber">Its line number in the parsed text, from 1.</param>
/// <param name="Text">The line as printed.</param>
/// <param name="Reason">The rule that removed it.</param>
public sealed record StrippedLine(int LineNumber, string Text, string Reason);

/// <summary>A reference the article gives itself, with any identifiers found in it (normalised).</summary>
public sealed record ParsedReference(
    int Ordinal,
    string Label,
    string Text,
    string? Url,
    string? Pmid,
    string? Doi,
    string? NctId);
