using System.Net;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>Sign-out ends the session on the server, and wrong passwords are counted even when they arrive together.</summary>
public sealed class SessionEndTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    private static readonly Uri Site = new("http://localhost");

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_signs_anyone_in()
    {
        const string email = "copied@example.org";
        await factory.CreateAccountAsync(email, AccountRole.Editor);
        var jar = new CookieContainer();
        using var owner = factory.CreateDefaultClient(new CookieContainerHandler(jar));
        await owner.SignInAsync(email);
        var copy = new CookieContainer();
        copy.Add(Site, jar.GetCookies(Site));
        using var thief = factory.CreateDefaultClient(new CookieContainerHandler(copy));
        (await thief.GetPageAsync("/")).QuerySelector(".site-account__who")!.TextContent.Should().Be(email, "the copy works while the session lasts");

        using (var signedOut = await owner.PostFormAsync("/account/logout", await owner.GetPageAsync("/"), []))
            signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await thief.GetPageAsync("/")).QuerySelector(".site-account__who").Should().BeNull("the session ended on the server");
    }

    [Fact]
    public async Task Ten_wrong_passwords_at_once_are_all_counted_and_lock_the_account()
    {
        const string email = "concurrent@example.org";
        var account = await factory.CreateAccountAsync(email, AccountRole.Editor);

        var attempts = Enumerable.Range(0, 10).Select(async i =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            return (await accounts.SignInCheckAsync(email, $"wrong guess {i} at once")).Outcome;
        });
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Should().NotContain(AccountService.LoginOutcome.Success);
        var stored = await factory.QueryAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account.Id));
        stored.IsLockedOut(DateTime.UtcNow).Should().BeTrue("ten wrong passwords are more than the five that lock an account");
        await using var check = factory.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<AccountService>().SignInCheckAsync(email, WebTestExtensions.Password)).Outcome
            .Should().Be(AccountService.LoginOutcome.LockedOut, "the right password does not open a locked account");
    }
}
