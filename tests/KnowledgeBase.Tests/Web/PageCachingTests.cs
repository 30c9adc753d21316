using System.Net;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        using var response = await editor.PostClaimStatusAsync(claim.Id, "Confirmed");
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
        await factory.WaitForChangeStampAsync(); // once the file event (SQLite) or notification (PostgreSQL) has arrived

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

    [Theory]
    [InlineData(null)]
    [InlineData("gzip")]
    public async Task A_page_served_from_the_cache_has_every_header_of_the_rendered_one(string? acceptEncoding)
    {
        var study = await factory.QueryAsync(db => db.Studies.AsNoTracking().OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync());
        var url = $"/studies/{study}?headers={acceptEncoding ?? "plain"}";
        using var reader = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var (rendered, renderedAge) = await HeadersAsync(reader, url, acceptEncoding);
        var (cached, cachedAge) = await HeadersAsync(reader, url, acceptEncoding);

        renderedAge.Should().BeFalse("the first request renders the page");
        cachedAge.Should().BeTrue("the repeat request is served from the cache");
        rendered.Keys.Should().Contain(["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Type"]);
        foreach (var (name, value) in rendered.Where(h => h.Key != "Date"))
            cached.Should().ContainKey(name).WhoseValue.Should().Be(value, $"{name} is sent on a cache hit as on a rendered page");
        if (acceptEncoding is null) cached.Should().NotContainKey("Content-Encoding");
        else cached["Content-Encoding"].Should().Be(acceptEncoding);
        cached.Should().NotContainKey("Set-Cookie", "a reader's cached page sets no cookie");
    }

    [Fact]
    public async Task The_change_stamp_sees_each_commit_of_another_connection_on_every_read()
    {
        var stamp = factory.Services.GetRequiredService<KnowledgeBase.Web.Infrastructure.PageCaching.ChangeStamp>();
        var study = await factory.QueryAsync(db => db.Studies.AsNoTracking().Select(s => s.Id).FirstAsync());
        for (var change = 0; change < 3; change++)
        {
            // More reads at once than connections are held: some are opened for the moment and closed after.
            var before = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => stamp.ReadAsync(CancellationToken.None))));
            before.Distinct().Should().ContainSingle();

            await using (var other = DatabaseSetup.CreateContext(factory.Database, new SystemActor("import"), TimeProvider.System))
            {
                var row = await other.Studies.SingleAsync(s => s.Id == study);
                row.Title = $"Renamed {change}";
                await other.SaveChangesAsync();
            }
            var newest = await factory.QueryAsync(db => db.ChangeRecords.MaxAsync(r => r.Id));
            await factory.WaitForChangeStampAsync(); // once the file event (SQLite) or notification (PostgreSQL) has arrived

            var after = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => stamp.ReadAsync(CancellationToken.None))));
            after.Should().OnlyContain(s => s == newest, "every read after the commit sees it, whichever held connection it ran on");
            newest.Should().BeGreaterThan(before[0]);
        }
    }

    private static async Task<(Dictionary<string, string> Headers, bool FromCache)> HeadersAsync(HttpClient client, string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return (headers, response.Headers.Age is not null);
    }

    private static async Task<string> StatusShownAsync(HttpClient client, int claimId)
    {
        var page = await client.GetPageAsync($"/claims/{claimId}");
        return page.Body!.TextContent;
    }
}
