namespace KnowledgeBase.Web.Features.Errors;

public sealed record ErrorViewModel(int StatusCode, string Title, string Message, string? OriginalPath);
