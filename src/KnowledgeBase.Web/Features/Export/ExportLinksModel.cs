namespace KnowledgeBase.Web.Features.Export;

/// <summary>Download links for a citation list: the scope as a query string ("source=3", "what=studies&amp;therapy=adipose-msc").</summary>
public sealed record ExportLinksModel(string Id, string Title, string Query);
