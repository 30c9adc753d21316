using System.Security.Claims;
using KnowledgeBase.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Shared;

/// <summary>
/// Who did something, as a page shows it: changes and links are recorded under the editor's e-mail address, and
/// shown under the editor's name to signed-in users (readers see "an editor", <see cref="PublicActor"/>). The
/// accounts' names are read once per request, when first needed.
/// </summary>
public sealed class ActorNames(KnowledgeBaseDbContext db)
{
    private Dictionary<string, string>? names;

    public string Show(string? actor, ClaimsPrincipal viewer)
    {
        var shown = PublicActor.Show(actor, viewer);
        if (actor is null || !string.Equals(shown, actor, StringComparison.Ordinal) || !actor.Contains('@', StringComparison.Ordinal)) return shown;
        names ??= db.Accounts.AsNoTracking()
            .Select(a => new { a.Email, a.DisplayName })
            .AsEnumerable()
            .Where(a => !string.IsNullOrWhiteSpace(a.DisplayName))
            .DistinctBy(a => a.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(a => a.Email, a => a.DisplayName, StringComparer.OrdinalIgnoreCase);
        return names.TryGetValue(actor, out var name) ? name : actor;
    }
}
