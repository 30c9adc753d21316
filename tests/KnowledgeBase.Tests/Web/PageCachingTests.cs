using System.Net;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>Cached detail pages are never stale: a change by an editor, or by another process on the database, shows on the next request.</summary>
public sealed class PageCachingTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    [Fact]
    public async Task A_reader_sees_an_editors_change_to_a_claim_on_the_next_request()
    {
        var claim = await factory.QueryAsync(db => db.Claims.AsNoTracking().FirstAsync(c => c.Status == ClaimStatus.Candidate));
        var reader = factory.CreateBrowser();
        (await StatusShownAsync(reader, claim.Id)).Should().Contain("Candidate").And.NotContain("Confirmed");
        (await StatusShownAsync(reader, claim.Id)).Should().Contain("Candidate", "the second request is served from the cache");

        var editor = await factory.SignedInEditorAsync();
        var page = await editor.GetPageAsync($"/claims/{claim.Id}");
        using var response = await editor.PostFormAsync($"/claims/{claim.Id}/status", page, new Dictionary<string, string>
        {
            ["Status"] = "Confirmed",
            ["Version"] = page.FormValue($"/claims/{claim.Id}/status", "Version"),
            ["LoadedAt"] = page.FormValue($"/claims/{claim.Id}/status", "LoadedAt"),
        });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await StatusShownAsync(reader, claim.Id)).Should().Contain("Confirmed");
    }

    [Fact]
    public async Task A_change_made_outside_the_app_shows_on_the_next_request()
    {
        var study = await factory.QueryAsync(db => db.Studies.AsNoTracking().Select(s => new { s.Id, s.Title }).FirstAsync());
        var reader = factory.CreateBrowser();
        (await reader.GetPageAsync($"/studies/{study.Id}")).QuerySelector("h1")!.TextContent.Should().Contain(study.Title);

        // Another process (the import command, say) on the same database: its own context, its own history row.
        await using (var other = DatabaseSetup.CreateContext(factory.Database, new SystemActor("import"), TimeProvider.System))
        {
            var row = await other.Studies.SingleAsync(s => s.Id == study.Id);
            row.Title = "Renamed by another process";
            await other.SaveChangesAsync();
        }
        await factory.WaitForChangeStampAsync(); // at once on SQLite; on PostgreSQL, once notified

        (await reader.GetPageAsync($"/studies/{study.Id}")).QuerySelector("h1")!.TextContent.Should().Contain("Renamed by another process");
    }

    [Fact]
    public async Task Signed_in_editors_are_never_served_a_readers_cached_page()
    {
        var claim = await factory.QueryAsync(db => db.Claims.AsNoTracking().OrderBy(c => c.Id).FirstAsync());
        var reader = factory.CreateBrowser();
        await reader.GetPageAsync($"/claims/{claim.Id}");
        var editor = await factory.SignedInEditorAsync();

        var page = await editor.GetPageAsync($"/claims/{claim.Id}");

        page.QuerySelector($"form[action='/claims/{claim.Id}/status']").Should().NotBeNull("an editor gets the page with its editing forms");
    }

    private static async Task<string> StatusShownAsync(HttpClient client, int claimId)
    {
        var page = await client.GetPageAsync($"/claims/{claimId}");
        return page.Body!.TextContent;
    }
}
