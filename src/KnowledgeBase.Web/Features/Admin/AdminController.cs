using System.Globalization;
using System.Security.Claims;
using KnowledgeBase.Data;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Tags;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace KnowledgeBase.Web.Features.Admin;

/// <summary>
/// The admin screens: accounts, the tag vocabulary and the change history. The policy is on the
/// class, so every page here, GET included, is for admins only; one partial file per screen.
/// </summary>
[Route("admin")]
[Authorize(Policy = Policies.Admin)]
public sealed partial class AdminController(
    KnowledgeBaseDbContext db,
    AccountService accounts,
    IPasswordHasher<KnowledgeBase.Domain.Account> hasher,
    TimeProvider clock,
    ILogger<AdminController> logger) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => LocalRedirect("/admin/accounts");

    /// <summary>The signed-in admin's account id.</summary>
    private int CurrentAccountId =>
        int.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    private string CurrentActor => User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? "unknown";

    private LocalRedirectResult RedirectWithStatus(string url, string status)
    {
        TempData[StatusKeys.Status] = status;
        return LocalRedirect(url);
    }

    private static string Path(string format, int id) => string.Format(CultureInfo.InvariantCulture, format, id);
}
