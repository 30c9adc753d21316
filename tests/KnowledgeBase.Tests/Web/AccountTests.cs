using System.Net;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

public sealed class AccountTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    [Fact]
    public async Task The_add_user_command_creates_the_first_admin_from_a_password_on_standard_input()
    {
        _ = factory.Server;
        using var output = new StringWriter();
        const string password = "a sufficiently long secret";

        var exit = await new AddUserCommand("First.Admin@Example.org", "admin", "First Admin", new StringReader(password + "\n"))
            .RunAsync(factory.Services, output);

        exit.Should().Be(0);
        output.ToString().Should().Contain("Created admin account").And.NotContain(password, "a password is never echoed");
        await using var scope = factory.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>().Accounts.SingleAsync(a => a.NormalizedEmail == "FIRST.ADMIN@EXAMPLE.ORG");
        account.Role.Should().Be(AccountRole.Admin);
        account.PasswordHash.Should().NotContain(password);
        using var client = factory.CreateBrowser();
        await client.SignInAsync("first.admin@example.org", password);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("")]
    public async Task The_add_user_command_refuses_a_short_password(string password)
    {
        _ = factory.Server;
        using var output = new StringWriter();

        var exit = await new AddUserCommand("weak@example.org", "editor", "", new StringReader(password + "\n")).RunAsync(factory.Services, output);

        exit.Should().Be(2);
        output.ToString().Should().Contain("at least 12 characters");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_whether_the_account_exists()
    {
        await factory.CreateAccountAsync("known@example.org", AccountRole.Editor);
        using var client = factory.CreateBrowser();
        var page = await client.GetPageAsync("/account/login");

        using var wrong = await client.TryLoginAsync(page, "known@example.org", "not the password at all");
        using var unknown = await client.TryLoginAsync(page, "nobody@example.org", "not the password at all");

        wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        var wrongMessage = (await WebTestExtensions.ParseAsync(wrong)).QuerySelector(".form-errors")!.TextContent.Trim();
        var unknownMessage = (await WebTestExtensions.ParseAsync(unknown)).QuerySelector(".form-errors")!.TextContent.Trim();
        wrongMessage.Should().Be(unknownMessage).And.Contain("wrong");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await factory.CreateAccountAsync("leaver@example.org", AccountRole.Editor);
        using var client = factory.CreateBrowser();
        await client.SignInAsync("leaver@example.org");
        var home = await client.GetPageAsync("/");
        home.QuerySelector(".site-account__who")!.TextContent.Should().Be("leaver@example.org");

        using var response = await client.PostFormAsync("/account/logout", home, []);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetPageAsync("/")).QuerySelector(".site-account__who").Should().BeNull();
    }
}

/// <summary>In its own class (its own app): the login rate limit is per client address, and all test requests share one.</summary>
public sealed class LockoutTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await factory.CreateAccountAsync("target@example.org", AccountRole.Editor);
        using var client = factory.CreateBrowser();
        var page = await client.GetPageAsync("/account/login");
        for (var i = 0; i < Account.MaxFailedLogins; i++)
        {
            using var failed = await client.TryLoginAsync(page, "target@example.org", $"guess number {i} is wrong");
            failed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var right = await client.TryLoginAsync(page, "target@example.org", WebTestExtensions.Password);

        right.StatusCode.Should().Be(HttpStatusCode.OK, "a locked account is not signed in");
        var lockedMessage = (await WebTestExtensions.ParseAsync(right)).QuerySelector(".form-errors")!.TextContent.Trim();
        lockedMessage.Should().Contain("locked");
        using var unknown = await client.TryLoginAsync(page, "never-registered@example.org", WebTestExtensions.Password);
        (await WebTestExtensions.ParseAsync(unknown)).QuerySelector(".form-errors")!.TextContent.Trim()
            .Should().Be(lockedMessage, "a locked account must not reveal that the address exists");
    }
}

/// <summary>In its own class: the login rate limit is per client address, and all test requests share one.</summary>
public sealed class LoginRateLimitTests(StrictLoginAppFactory factory) : IClassFixture<StrictLoginAppFactory>
{
    [Fact]
    public async Task Login_attempts_beyond_ten_a_minute_are_refused()
    {
        using var client = factory.CreateBrowser();
        var page = await client.GetPageAsync("/account/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await client.PostFormAsync("/account/login", page, new Dictionary<string, string> { ["Email"] = $"guess{i}@example.org", ["Password"] = "wrong password here" });
            statuses.Add(response.StatusCode);
        }

        statuses.Take(10).Should().OnlyContain(s => s == HttpStatusCode.OK);
        statuses[10].Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_refused_login_attempt_explains_why()
    {
        using var client = factory.CreateBrowser();
        var page = await client.GetPageAsync("/account/login");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 12; i++)
        {
            last?.Dispose();
            last = await client.PostFormAsync("/account/login", page, new Dictionary<string, string> { ["Email"] = "x@example.org", ["Password"] = "wrong password here" });
        }

        last!.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await WebTestExtensions.ParseAsync(last)).QuerySelector("h1")!.TextContent.Should().Be("Too many attempts");
        last.Dispose();
    }
}
