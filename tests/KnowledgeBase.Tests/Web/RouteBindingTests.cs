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
