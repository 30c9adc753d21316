using System.Net;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>The record an address names is the one changed, whatever the form carries.</summary>
public sealed class RouteBindingTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    [Fact]
    public async Task An_id_in_the_form_does_not_override_the_id_in_the_address()
    {
        const string email = "route-binding@example.org";
        await factory.CreateAccountAsync(email, AccountRole.Editor);
        using var editor = factory.CreateBrowser();
        await editor.SignInAsync(email);
        var ids = await factory.QueryAsync(db => db.Claims.Where(c => c.Status == ClaimStatus.Candidate).OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync());
        var (named, smuggled) = (ids[0], ids[1]);
        var page = await editor.GetPageAsync($"/claims/{named}");
        var action = $"/claims/{named}/status";

        using var response = await editor.PostFormAsync(action, page, new Dictionary<string, string>
        {
            ["id"] = smuggled.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Status"] = "Rejected",
            ["Version"] = page.FormValue(action, "Version"),
            ["LoadedAt"] = page.FormValue(action, "LoadedAt"),
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var statuses = await factory.QueryAsync(db => db.Claims.Where(c => c.Id == named || c.Id == smuggled).ToDictionaryAsync(c => c.Id, c => c.Status));
        statuses[named].Should().Be(ClaimStatus.Rejected);
        statuses[smuggled].Should().Be(ClaimStatus.Candidate, "the form's id is not the address's");
    }
}

/// <summary>Over HTTPS every cookie the app sets is Secure, the flash-message (TempData) cookie too.</summary>
public sealed class SecureCookieTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    [Fact]
    public async Task The_tempdata_cookie_is_secure_over_https()
    {
        const string email = "secure-cookie@example.org";
        await factory.CreateAccountAsync(email, AccountRole.Editor);
        using var editor = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        await editor.SignInAsync(email);
        var id = await factory.QueryAsync(db => db.Claims.OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        var page = await editor.GetPageAsync($"/claims/{id}");
        var action = $"/claims/{id}/status";

        using var response = await editor.PostFormAsync(action, page, new Dictionary<string, string>
        {
            ["Status"] = "Confirmed",
            ["Version"] = page.FormValue(action, "Version"),
            ["LoadedAt"] = page.FormValue(action, "LoadedAt"),
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var tempData = response.Headers.GetValues("Set-Cookie").Should().ContainSingle(c => c.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider=", StringComparison.Ordinal)).Subject;
        tempData.Should().Contain("secure");
    }
}
