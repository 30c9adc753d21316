using System.Security.Claims;
using KnowledgeBase.Data;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>The signed-in account's e-mail during a request; "system" for start-up and commands.</summary>
internal sealed class HttpChangeActor(IHttpContextAccessor accessor) : IChangeActor
{
    public string Name =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user
            ? user.FindFirstValue(ClaimTypes.Email) ?? user.Identity!.Name ?? "unknown"
            : "system";
}
