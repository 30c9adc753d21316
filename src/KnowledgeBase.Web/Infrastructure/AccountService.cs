using System.Security.Claims;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>Creates accounts and checks passwords (hashing by ASP.NET Core's PasswordHasher), with lockout.</summary>
public sealed class AccountService(KnowledgeBaseDbContext db, IPasswordHasher<Account> hasher, TimeProvider clock)
{
    public const string SecurityStampClaim = "kb:stamp";
    public const int MinPasswordLength = 12;

    public enum LoginOutcome
    {
        Success,
        WrongCredentials,
        LockedOut,
    }

    /// <summary>Null when the password is acceptable, otherwise why not.</summary>
    public static string? CheckPassword(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinPasswordLength
            ? $"The password must have at least {MinPasswordLength} characters."
            : null;

    public async Task<Account> CreateAsync(string email, string displayName, AccountRole role, string password, CancellationToken ct = default)
    {
        if (CheckPassword(password) is { } problem) throw new ArgumentException(problem, nameof(password));
        var normalized = Account.Normalize(email);
        if (await db.Accounts.AnyAsync(a => a.NormalizedEmail == normalized, ct))
            throw new InvalidOperationException($"An account for {email.Trim()} already exists.");
        var account = new Account
        {
            Email = email.Trim(),
            NormalizedEmail = normalized,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim() : displayName.Trim(),
            Role = role,
            PasswordHash = "",
            SecurityStamp = Account.NewSecurityStamp(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        account.PasswordHash = hasher.HashPassword(account, password);
        db.Accounts.Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Two requests creating the same address at once: the unique index decides.
            db.Accounts.Entry(account).State = EntityState.Detached;
            throw new InvalidOperationException($"An account for {email.Trim()} already exists.", ex);
        }
        return account;
    }

    /// <summary>Checks a login. Unknown e-mail and wrong password look the same to the caller.</summary>
    public async Task<(LoginOutcome Outcome, Account? Account)> SignInCheckAsync(string email, string password, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = Account.Normalize(email ?? "");
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, ct);
        if (account is null || account.IsDisabled)
        {
            // Spend the same effort as a real check so response time does not reveal which e-mails exist.
            hasher.VerifyHashedPassword(new Account { Email = "", NormalizedEmail = "", DisplayName = "", PasswordHash = "", SecurityStamp = "" }, DummyHash.Value, password ?? "");
            return (LoginOutcome.WrongCredentials, null);
        }
        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? "");
        if (account.IsLockedOut(now)) return (LoginOutcome.LockedOut, null); // checked after hashing: same time either way
        if (result == PasswordVerificationResult.Failed)
        {
            // Counted in the database in one statement, not read-modify-write: concurrent wrong passwords each count,
            // and the one that reaches the limit locks the account (the same rule as Account.RecordFailedLogin).
            var lockedUntil = now + Account.LockoutDuration;
            await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(set => set
                .SetProperty(a => a.LockedOutUntil, a => a.FailedLoginCount + 1 >= Account.MaxFailedLogins ? lockedUntil : a.LockedOutUntil)
                .SetProperty(a => a.FailedLoginCount, a => a.FailedLoginCount + 1 >= Account.MaxFailedLogins ? 0 : a.FailedLoginCount + 1), ct);
            var until = await db.Accounts.AsNoTracking().Where(a => a.Id == account.Id).Select(a => a.LockedOutUntil).FirstAsync(ct);
            return (until is { } u && u > now ? LoginOutcome.LockedOut : LoginOutcome.WrongCredentials, null);
        }
        // The success is stored only if no concurrent attempt has locked the account since it was read.
        var hash = result == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password!) : account.PasswordHash;
        var stored = await db.Accounts
            .Where(a => a.Id == account.Id && (a.LockedOutUntil == null || a.LockedOutUntil <= now))
            .ExecuteUpdateAsync(set => set
                .SetProperty(a => a.FailedLoginCount, 0)
                .SetProperty(a => a.LockedOutUntil, (DateTime?)null)
                .SetProperty(a => a.LastLoginAt, now)
                .SetProperty(a => a.PasswordHash, hash), ct);
        if (stored == 0) return (LoginOutcome.LockedOut, null);
        account.PasswordHash = hash;
        account.RecordSuccessfulLogin(now);
        db.Entry(account).State = EntityState.Unchanged; // stored above
        return (LoginOutcome.Success, account);
    }

    /// <summary>
    /// Ends every session of the account on the server: the security stamp every request's cookie is checked
    /// against changes, so a copy of a signed-out cookie no longer works. Signing out ends the account's sessions
    /// on other devices too.
    /// </summary>
    public async Task EndSessionsAsync(int accountId, CancellationToken ct = default)
    {
        var stamp = Account.NewSecurityStamp();
        await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(set => set.SetProperty(a => a.SecurityStamp, stamp), ct);
    }

    public static ClaimsPrincipal PrincipalFor(Account account)
    {
        var identity = new ClaimsIdentity(
            [
                new System.Security.Claims.Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new System.Security.Claims.Claim(ClaimTypes.Name, account.DisplayName),
                new System.Security.Claims.Claim(ClaimTypes.Email, account.Email),
                new System.Security.Claims.Claim(ClaimTypes.Role, account.Role.ToString()),
                new System.Security.Claims.Claim(SecurityStampClaim, account.SecurityStamp),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return new ClaimsPrincipal(identity);
    }

    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<Account>().HashPassword(new Account { Email = "", NormalizedEmail = "", DisplayName = "", PasswordHash = "", SecurityStamp = "" }, Guid.NewGuid().ToString()));
}
