using System.Security.Claims;

namespace KnowledgeBase.Web.Features.Shared;

/// <summary>
/// Editors are recorded by e-mail address. Signed-in users see who did what; readers see "an editor",
/// so the public pages and downloads never publish an editor's address.
/// </summary>
public static class PublicActor
{
    public const string Editor = "an editor";

    public static string Show(string? actor, ClaimsPrincipal viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (string.IsNullOrEmpty(actor)) return "";
        return viewer.Identity?.IsAuthenticated == true || !actor.Contains('@', StringComparison.Ordinal) ? actor : Editor;
    }
}
