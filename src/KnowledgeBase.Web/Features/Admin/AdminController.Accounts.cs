using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Tags;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Admin;

/// <summary>
/// Accounts: list, create, change role, disable/enable, set a password. Each change to an account
/// gives it a new security stamp, which ends its existing sessions at their next request.
/// Passwords are neither shown nor logged.
/// </summary>
public sealed partial class AdminController
{
    [HttpGet("accounts")]
    public async Task<IActionResult> Accounts(CancellationToken ct) =>
        View("Accounts", await AccountListAsync(new CreateAccountForm(), ct));

    [HttpPost("accounts")]
    public async Task<IActionResult> CreateAccount(CreateAccountForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!Enum.IsDefined(form.Role)) ModelState.AddModelError(nameof(form.Role), "Choose editor or admin.");
        if (AccountService.CheckPassword(form.Password) is { } weak && !string.IsNullOrEmpty(form.Password))
            ModelState.AddModelError(nameof(form.Password), weak);
        if (ModelState.IsValid && await db.Accounts.AnyAsync(a => a.NormalizedEmail == KnowledgeBase.Domain.Account.Normalize(form.Email), ct))
            ModelState.AddModelError(nameof(form.Email), $"There is already an account for {form.Email.Trim()}.");
        if (!ModelState.IsValid) return View("Accounts", await AccountListAsync(form with { Password = "" }, ct));

        var account = await accounts.CreateAsync(form.Email, form.DisplayName ?? "", form.Role, form.Password, ct);
        Log.AccountCreated(logger, CurrentActor, account.Email, account.Role);
        return RedirectWithStatus("/admin/accounts", $"Created {RoleLabel(account.Role)} account for {account.Email}. Give them the initial password by a separate channel.");
    }

    [HttpGet("accounts/{id:int}")]
    public async Task<IActionResult> AccountDetails(int id, CancellationToken ct)
    {
        var model = await AccountDetailsAsync(id, ct);
        return model is null ? NotFound() : View("Account", model);
    }

    [HttpPost("accounts/{id:int}/role")]
    public async Task<IActionResult> ChangeRole(int id, ChangeRoleForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return NotFound();
        if (form.Role is not { } role || !Enum.IsDefined(role)) return await AccountWithErrorAsync(id, "Choose editor or admin.", ct);
        if (role == account.Role) return RedirectWithStatus(Path("/admin/accounts/{0}", id), $"{account.Email} is already {RoleLabel(role)}.");
        if (id == CurrentAccountId)
            return await AccountWithErrorAsync(id, "You cannot change your own role: another admin has to do it, so the knowledge base never loses its last admin by accident.", ct);

        account.Role = role;
        account.SecurityStamp = KnowledgeBase.Domain.Account.NewSecurityStamp();
        await db.SaveChangesAsync(ct);
        Log.RoleChanged(logger, CurrentActor, account.Email, role);
        return RedirectWithStatus(Path("/admin/accounts/{0}", id), $"{account.Email} is now {RoleLabel(role)}; their open sessions have ended, so they sign in again.");
    }

    [HttpPost("accounts/{id:int}/disable")]
    public async Task<IActionResult> Disable(int id, CancellationToken ct)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return NotFound();
        if (id == CurrentAccountId)
            return await AccountWithErrorAsync(id, "You cannot disable your own account: another admin has to do it.", ct);
        if (account.IsDisabled) return RedirectWithStatus(Path("/admin/accounts/{0}", id), $"{account.Email} was already disabled.");

        account.IsDisabled = true;
        account.SecurityStamp = KnowledgeBase.Domain.Account.NewSecurityStamp();
        await db.SaveChangesAsync(ct);
        Log.AccountDisabled(logger, CurrentActor, account.Email);
        return RedirectWithStatus(Path("/admin/accounts/{0}", id), $"Disabled {account.Email}: they are signed out and cannot sign in until the account is enabled again.");
    }

    [HttpPost("accounts/{id:int}/enable")]
    public async Task<IActionResult> Enable(int id, CancellationToken ct)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return NotFound();
        if (!account.IsDisabled) return RedirectWithStatus(Path("/admin/accounts/{0}", id), $"{account.Email} was already enabled.");

        account.IsDisabled = false;
        account.FailedLoginCount = 0;
        account.LockedOutUntil = null;
        account.SecurityStamp = KnowledgeBase.Domain.Account.NewSecurityStamp();
        await db.SaveChangesAsync(ct);
        Log.AccountEnabled(logger, CurrentActor, account.Email);
        return RedirectWithStatus(Path("/admin/accounts/{0}", id), $"Enabled {account.Email}: they can sign in again.");
    }

    [HttpPost("accounts/{id:int}/password")]
    public async Task<IActionResult> SetPassword(int id, SetPasswordForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return NotFound();
        if (AccountService.CheckPassword(form.NewPassword) is { } weak && !string.IsNullOrEmpty(form.NewPassword))
            ModelState.AddModelError(nameof(form.NewPassword), weak);
        if (!ModelState.IsValid)
        {
            var model = await AccountDetailsAsync(id, ct);
            return View("Account", model! with { PasswordForm = new SetPasswordForm() });
        }

        account.PasswordHash = hasher.HashPassword(account, form.NewPassword);
        account.SecurityStamp = KnowledgeBase.Domain.Account.NewSecurityStamp();
        account.FailedLoginCount = 0;
        account.LockedOutUntil = null;
        await db.SaveChangesAsync(ct);
        Log.PasswordSet(logger, CurrentActor, account.Email);

        if (id == CurrentAccountId)
        {
            // The new stamp would end this admin's own session too; renew their cookie instead.
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountService.PrincipalFor(account));
            return RedirectWithStatus(Path("/admin/accounts/{0}", id), "Your password is changed; your other sessions have ended.");
        }
        return RedirectWithStatus(Path("/admin/accounts/{0}", id), $"Set a new password for {account.Email}; their open sessions have ended and any lockout is lifted.");
    }

    private static string RoleLabel(AccountRole role) => role == AccountRole.Admin ? "an admin" : "an editor";

    private async Task<AccountListViewModel> AccountListAsync(CreateAccountForm form, CancellationToken ct)
    {
        var me = CurrentAccountId;
        var rows = await db.Accounts.AsNoTracking()
            .OrderBy(a => a.NormalizedEmail)
            .Select(a => new AccountRow(a.Id, a.Email, a.DisplayName, a.Role, a.CreatedAt, a.LastLoginAt, a.IsDisabled, a.LockedOutUntil, a.Id == me))
            .ToListAsync(ct);
        return new AccountListViewModel(rows, form, clock.GetUtcNow().UtcDateTime, TempData[StatusKeys.Status] as string);
    }

    private async Task<AccountDetailsViewModel?> AccountDetailsAsync(int id, CancellationToken ct)
    {
        var me = CurrentAccountId;
        var row = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new AccountRow(a.Id, a.Email, a.DisplayName, a.Role, a.CreatedAt, a.LastLoginAt, a.IsDisabled, a.LockedOutUntil, a.Id == me))
            .SingleOrDefaultAsync(ct);
        return row is null ? null : new AccountDetailsViewModel(row, clock.GetUtcNow().UtcDateTime, TempData[StatusKeys.Status] as string);
    }

    private async Task<IActionResult> AccountWithErrorAsync(int id, string error, CancellationToken ct)
    {
        ModelState.AddModelError("", error);
        var model = await AccountDetailsAsync(id, ct);
        return model is null ? NotFound() : View("Account", model);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{Admin} created the account {Email} with role {Role}")]
        public static partial void AccountCreated(ILogger logger, string admin, string email, AccountRole role);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Admin} changed the role of {Email} to {Role}")]
        public static partial void RoleChanged(ILogger logger, string admin, string email, AccountRole role);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Admin} disabled the account {Email}")]
        public static partial void AccountDisabled(ILogger logger, string admin, string email);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Admin} enabled the account {Email}")]
        public static partial void AccountEnabled(ILogger logger, string admin, string email);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Admin} set a new password for {Email}")]
        public static partial void PasswordSet(ILogger logger, string admin, string email);
    }
}
