using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Support;

/// <summary>Helpers for talking to the app as a browser would: parse pages, post forms with their tokens, sign in.</summary>
public static class WebTestExtensions
{
    public const string Password = "correct horse battery staple";

    public static HttpClient CreateBrowser(this KnowledgeBaseAppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET {url} should show a page");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public static string AntiforgeryToken(this IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");

    public static async Task<Account> CreateAccountAsync(this KnowledgeBaseAppFactory factory, string email, AccountRole role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(email, email, role, Password);
    }

    /// <summary>A browser signed in as a new editor account of its own.</summary>
    public static async Task<HttpClient> SignedInEditorAsync(this KnowledgeBaseAppFactory factory)
    {
        var email = $"editor-{Guid.NewGuid():N}@example.org";
        await factory.CreateAccountAsync(email, AccountRole.Editor);
        var editor = factory.CreateBrowser();
        await editor.SignInAsync(email);
        return editor;
    }

    /// <summary>Posts a form with the antiforgery token taken from <paramref name="page"/>, as the browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IHtmlDocument page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var all = fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", page.AntiforgeryToken())).ToList();
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>
    /// Sets a claim's status through the form on its page, as an editor does (the page's version and load time sent
    /// back); the app's answer is returned for the caller to check (a redirect when saved).
    /// </summary>
    public static async Task<HttpResponseMessage> PostClaimStatusAsync(this HttpClient editor, int claimId, string status)
    {
        var page = await editor.GetPageAsync($"/claims/{claimId}");
        var action = $"/claims/{claimId}/status";
        return await editor.PostFormAsync(action, page, new Dictionary<string, string>
        {
            ["Status"] = status,
            ["Version"] = page.FormValue(action, "Version"),
            ["LoadedAt"] = page.FormValue(action, "LoadedAt"),
        });
    }

    /// <summary>The value of a hidden input inside the form that posts to <paramref name="action"/>.</summary>
    public static string FormValue(this IHtmlDocument page, string action, string name) =>
        page.QuerySelector($"form[action='{action}'] input[name='{name}']")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"No form posting to {action} with a field {name}.");

    /// <summary>Posts the login form as typed, whatever the outcome.</summary>
    public static Task<HttpResponseMessage> TryLoginAsync(this HttpClient client, IHtmlDocument loginPage, string email, string password) =>
        client.PostFormAsync("/account/login", loginPage, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    /// <summary>
    /// After a change made outside the app (another context standing for another process): waits, at most 10 s, until
    /// the app's change stamp has reached the newest committed change: once the write's file event has reached the
    /// app's watcher (SQLite, decision 0053) or the change's notification its listener (PostgreSQL, decision 0038),
    /// milliseconds after the commit, which is the promise for other processes' changes.
    /// </summary>
    public static async Task WaitForChangeStampAsync(this KnowledgeBaseAppFactory factory)
    {
        _ = factory.Server;
        var stamp = factory.Services.GetRequiredService<PageCaching.ChangeStamp>();
        var newest = await stamp.ReadFromDatabaseAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await stamp.ReadAsync(CancellationToken.None) < newest)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app's change stamp did not reach {newest} within 10 s.");
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Requests that find counts of an older stamp take them at once instead of waiting up to
    /// <see cref="ChangeStampedCache.FreshWithin"/> for the recount (which this small database finishes within it).
    /// </summary>
    public static bool StaleCountsAtOnce(this KnowledgeBaseAppFactory factory)
    {
        factory.Services.GetRequiredService<ChangeStampedCache>().FreshWithin = TimeSpan.Zero;
        return true;
    }

    /// <summary>What a page says while its counts are from before the latest change (decision 0039).</summary>
    public const string StaleCountsNote = "being updated after a recent change";

    /// <summary>A page (read by <paramref name="get"/>) once earlier changes are recounted: checked to show no note.</summary>
    public static async Task<string> SettledPageAsync(this KnowledgeBaseAppFactory factory, Func<Task<string>> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        await get();
        await factory.CountsRecountedAsync();
        var settled = await get();
        settled.Should().NotContain(StaleCountsNote);
        return settled;
    }

    /// <summary>
    /// Waits until no shared counts are being recounted after a change (decision 0039): the next request of a list page
    /// then gets the counts of the current stamp, unless another change came meanwhile.
    /// </summary>
    public static Task CountsRecountedAsync(this KnowledgeBaseAppFactory factory)
    {
        _ = factory.Server;
        return factory.Services.GetRequiredService<ChangeStampedCache>().RecountsFinishedAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Runs a query (or a change) on the app's own database, after the app has started and seeded it.</summary>
    public static async Task<T> QueryAsync<T>(this KnowledgeBaseAppFactory factory, Func<KnowledgeBase.Data.KnowledgeBaseDbContext, Task<T>> query)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<KnowledgeBase.Data.KnowledgeBaseDbContext>());
    }

    /// <summary>Signs in through the real login form; the client keeps the cookie.</summary>
    public static async Task SignInAsync(this HttpClient client, string email, string password = Password)
    {
        var page = await client.GetPageAsync("/account/login");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = page.AntiforgeryToken(),
        });
        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), content);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "a correct login redirects");
    }
}
