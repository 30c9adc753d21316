namespace KnowledgeBase.Web.Features.Export;

/// <summary>
/// Download links for a citation list: the scope as a query string ("source=3", "what=studies&amp;therapy=adipose-msc").
/// With <see cref="EmptyMessage"/> the list is known to be empty: the message is shown instead of links to empty files.
/// </summary>
public sealed record ExportLinksModel(string Id, string Title, string Query, string? EmptyMessage = null);
