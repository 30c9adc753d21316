namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Marks an action that accepts any HTTP method but changes nothing: the error pages, which
/// ASP.NET Core re-executes with the failed request's method (a failed POST shows its error page
/// through POST). Such actions are exempt from the editor requirement on unsafe methods; the
/// route-sweep test lists every action carrying it, so it cannot spread unnoticed.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RendersOnlyAttribute : Attribute;
