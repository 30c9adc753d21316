using System.ComponentModel.DataAnnotations;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Web.Features.Admin;

/// <summary>An account as the admin screens show it: never its password hash or security stamp.</summary>
public sealed record AccountRow(
    int Id,
    string Email,
    string DisplayName,
    AccountRole Role,
    DateTime CreatedAt,
    DateTime? LastLoginAt,
    bool IsDisabled,
    DateTime? LockedOutUntil,
    bool IsYou)
{
    public bool IsLocked(DateTime now) => LockedOutUntil is { } until && until > now;
}

public sealed record AccountListViewModel(IReadOnlyList<AccountRow> Accounts, CreateAccountForm Form, DateTime Now, string? Status);

public sealed record AccountDetailsViewModel(AccountRow Account, DateTime Now, string? Status)
{
    public SetPasswordForm PasswordForm { get; init; } = new();
}

public sealed record CreateAccountForm
{
    [Required(ErrorMessage = "Enter the e-mail address the person will sign in with.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(256, ErrorMessage = "An e-mail address can have at most 256 characters.")]
    [Display(Name = "E-mail")]
    public string Email { get; init; } = "";

    [StringLength(100, ErrorMessage = "A name can have at most 100 characters.")]
    [Display(Name = "Name")]
    public string? DisplayName { get; init; }

    public AccountRole Role { get; init; } = AccountRole.Editor;

    [Required(ErrorMessage = "Enter an initial password.")]
    [StringLength(256, ErrorMessage = "A password can have at most 256 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "Initial password")]
    public string Password { get; init; } = "";
}

public sealed record ChangeRoleForm
{
    [Required(ErrorMessage = "Choose a role.")]
    public AccountRole? Role { get; init; }
}

public sealed record SetPasswordForm
{
    [Required(ErrorMessage = "Enter the new password.")]
    [StringLength(256, ErrorMessage = "A password can have at most 256 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; init; } = "";

    [Required(ErrorMessage = "Enter the new password a second time.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password again")]
    public string ConfirmPassword { get; init; } = "";
}
