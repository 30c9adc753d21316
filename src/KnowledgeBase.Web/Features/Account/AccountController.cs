using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace KnowledgeBase.Web.Features.Account;

[Route("account")]
public sealed class AccountController(AccountService accounts) : Controller
{
    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [AllowAnonymous]
    [EnableRateLimiting(Policies.LoginRateLimit)]
    public async Task<IActionResult> Login(LoginForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid) return View(form);

        var (outcome, account) = await accounts.SignInCheckAsync(form.Email, form.Password, ct);
        if (outcome != AccountService.LoginOutcome.Success)
        {
            // One message for a wrong password, an unknown address and a locked account: the page
            // must not reveal which addresses have accounts.
            ModelState.AddModelError("", $"Could not sign you in: the e-mail address or the password is wrong, or the account is locked for {KnowledgeBase.Domain.Account.LockoutDuration.TotalMinutes:0} minutes after {KnowledgeBase.Domain.Account.MaxFailedLogins} failed attempts.");
            return View(form with { Password = "" });
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountService.PrincipalFor(account!));
        return LocalRedirect(LocalRedirects.Target(Url, form.ReturnUrl, "/"));
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout(CancellationToken ct)
    {
        // Deleting the cookie is not enough: a copy of it stays valid until it expires unless the server forgets it.
        if (int.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var accountId))
            await accounts.EndSessionsAsync(accountId, ct);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
    }

    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }
}

public sealed record LoginForm
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(256)]
    [Display(Name = "E-mail")]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(256)]
    [DataType(DataType.Password)]
    public string Password { get; init; } = "";

    public string? ReturnUrl { get; init; }
}
