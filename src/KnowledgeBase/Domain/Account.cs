namespace KnowledgeBase.Domain;

/// <summary>What an account may do. Readers need no account: reading is open.</summary>
public enum AccountRole
{
    Editor,
    Admin,
}

/// <summary>An editor's or administrator's login. The password hash is made by ASP.NET Core's PasswordHasher.</summary>
public sealed class Account
{
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public int Id { get; set; }
    public required string Email { get; set; }

    /// <summary>Upper-case invariant e-mail: logins and uniqueness ignore case.</summary>
    public required string NormalizedEmail { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public AccountRole Role { get; set; }

    /// <summary>Changes whenever the password, role or status changes, which signs out existing sessions.</summary>
    public required string SecurityStamp { get; set; }

    public int FailedLoginCount { get; set; }
    public DateTime? LockedOutUntil { get; set; }
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastLoginAt { get; set; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public static string NewSecurityStamp() => Guid.NewGuid().ToString("N");

    public bool IsLockedOut(DateTime now) => LockedOutUntil is { } until && until > now;

    /// <summary>Counts a wrong password; the fifth in a row locks the account for <see cref="LockoutDuration"/>.</summary>
    public void RecordFailedLogin(DateTime now)
    {
        FailedLoginCount++;
        if (FailedLoginCount >= MaxFailedLogins)
        {
            LockedOutUntil = now + LockoutDuration;
            FailedLoginCount = 0;
        }
    }

    public void RecordSuccessfulLogin(DateTime now)
    {
        FailedLoginCount = 0;
        LockedOutUntil = null;
        LastLoginAt = now;
    }
}
