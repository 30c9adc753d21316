using System.Security.Claims;
using System.Threading.RateLimiting;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>Policy names. Readers are anonymous; editors change content; admins also manage accounts and the tag vocabulary.</summary>
public static class Policies
{
    public const string Editor = "Editor";
    public const string Admin = "Admin";
    public const string LoginRateLimit = "login";

    /// <summary>The sentence checker's per-address limit (<see cref="KnowledgeBaseOptions.SuggestRequestsPerMinute"/>; off by default).</summary>
    public const string SuggestRateLimit = "suggest";

    /// <summary>The roles that may edit: the Editor policy requires one of them.</summary>
    public static readonly string[] EditorRoles = [nameof(AccountRole.Editor), nameof(AccountRole.Admin)];

    /// <summary>Whether the user satisfies the Editor policy (for showing or hiding editing forms).</summary>
    public static bool IsEditor(this ClaimsPrincipal user) => EditorRoles.Any(user.IsInRole);
}

internal static class SecuritySetup
{
    public static IServiceCollection AddKnowledgeBaseSecurity(this IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddScoped<AccountService>();
        services.AddKnowledgeBaseDataProtection();
        services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "kb.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateSecurityStampAsync;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Editor, p => p.RequireRole(Policies.EditorRoles))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(AccountRole.Admin)));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "kb.antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policies.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<KnowledgeBaseOptions>>().Value.LoginAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.AddPolicy(Policies.SuggestRateLimit, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<KnowledgeBaseOptions>>().Value.SuggestRequestsPerMinute;
                var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return perMinute <= 0
                    ? RateLimitPartition.GetNoLimiter(address)
                    : RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
            });
        });
        return services;
    }

    /// <summary>
    /// Every action reached by a method other than GET/HEAD requires an editor, unless it is
    /// explicitly anonymous (the login form). A new page cannot forget; the route-sweep test proves it.
    /// </summary>
    public static void RequireEditorForUnsafeMethods(MvcOptions options) =>
        options.Conventions.Add(new UnsafeMethodsRequireEditorConvention());

    private sealed class UnsafeMethodsRequireEditorConvention : IActionModelConvention
    {
        private static readonly string[] SafeMethods = ["GET", "HEAD"];

        public void Apply(ActionModel action)
        {
            var methods = action.Selectors
                .SelectMany(s => s.ActionConstraints?.OfType<Microsoft.AspNetCore.Mvc.ActionConstraints.HttpMethodActionConstraint>() ?? [])
                .SelectMany(c => c.HttpMethods)
                .ToList();
            var onlySafe = methods.Count > 0 && methods.All(m => SafeMethods.Contains(m, StringComparer.OrdinalIgnoreCase));
            var exempt = action.Attributes.Any(a => a is Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute or RendersOnlyAttribute)
                || action.Controller.Attributes.Any(a => a is RendersOnlyAttribute);
            if (!onlySafe && !exempt) action.Filters.Add(new AuthorizeFilter(Policies.Editor));
        }
    }

    private static async Task ValidateSecurityStampAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(AccountService.SecurityStampClaim);
        var db = context.HttpContext.RequestServices.GetRequiredService<KnowledgeBaseDbContext>();
        var valid = int.TryParse(id, out var accountId) && await db.Accounts.AsNoTracking()
            .AnyAsync(a => a.Id == accountId && a.SecurityStamp == stamp && !a.IsDisabled, context.HttpContext.RequestAborted);
        if (!valid)
        {
            // Password, role or status changed (or the account is gone): this session ends.
            context.RejectPrincipal();
        }
    }
}
