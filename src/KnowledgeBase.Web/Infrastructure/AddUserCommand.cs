using KnowledgeBase.Data;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// <c>add-user --email a@b.org --role admin|editor [--name "Ada Lovelace"]</c>. The password is read
/// from the KNOWLEDGEBASE_PASSWORD environment variable or, if unset, from the first line of
/// standard input; it is never taken from the command line (shell history) and never logged.
/// </summary>
internal sealed record AddUserCommand(string? Email, string Role, string Name, TextReader Input) : ICommand
{
    public const string PasswordVariable = "KNOWLEDGEBASE_PASSWORD";

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var email = Email;
        var roleText = Role;
        var name = Name;
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || !Enum.TryParse<AccountRole>(roleText, ignoreCase: true, out var role))
        {
            await output.WriteLineAsync("usage: add-user --email <address> --role admin|editor [--name \"Display Name\"]");
            await output.WriteLineAsync($"       the password comes from ${PasswordVariable} or the first line of standard input");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected) await output.WriteLineAsync($"Password for {email} (at least {AccountService.MinPasswordLength} characters):");
            password = (await Input.ReadLineAsync())?.TrimEnd('\r', '\n');
        }
        if (AccountService.CheckPassword(password) is { } problem)
        {
            await output.WriteLineAsync(problem);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<AddUserCommand>();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        await DatabaseInitializer.MigrateAsync(db, logger, CancellationToken.None);
        try
        {
            var account = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(email, name, role, password!);
            await output.WriteLineAsync($"Created {account.Role.ToString().ToLowerInvariant()} account {account.Email}.");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
