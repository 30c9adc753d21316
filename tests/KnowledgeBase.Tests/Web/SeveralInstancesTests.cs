using System.Net;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// Two app instances on one database, as behind a load balancer: a browser's cookies work on either,
/// and the database (not the instance) keeps edits consistent. Runs on the suite's provider
/// (PostgreSQL when configured: the deployment this exists for).
/// </summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-two-").FullName;
    private DatabaseSettings _database = null!;
    private KnowledgeBaseAppFactory _a = null!;
    private KnowledgeBaseAppFactory _b = null!;

    public Task InitializeAsync()
    {
        _database = TestDatabases.Provider == DatabaseProvider.Postgres
            ? new(DatabaseProvider.Postgres, TestDatabases.CreatePostgresDatabase(migrated: false))
            : new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "knowledgebase.db")}");
        _a = KnowledgeBaseAppFactory.OnDatabase(_database);
        _b = KnowledgeBaseAppFactory.OnDatabase(_database);
        _ = _a.Server; // A migrates and imports the seeds; B then starts on the same database.
        _ = _b.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        if (_database.Provider == DatabaseProvider.Postgres) TestDatabases.DropPostgresDatabase(_database.ConnectionString);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One browser (one cookie jar) whose requests go to instance A or B.</summary>
    private static (HttpClient OnA, HttpClient OnB) Browser(KnowledgeBaseAppFactory a, KnowledgeBaseAppFactory b)
    {
        var cookies = new System.Net.CookieContainer();
        return (a.CreateDefaultClient(new CookieContainerHandler(cookies)), b.CreateDefaultClient(new CookieContainerHandler(cookies)));
    }

    [Fact]
    public async Task A_login_cookie_from_one_instance_is_accepted_by_the_other()
    {
        var email = $"editor-{Guid.NewGuid():N}@example.org";
        await _a.CreateAccountAsync(email, AccountRole.Editor);
        var (onA, onB) = Browser(_a, _b);
        using (onA)
        using (onB)
        {
            using (var before = await onB.GetAsync(new Uri("/import", UriKind.Relative)))
                before.StatusCode.Should().Be(HttpStatusCode.Redirect, "uploading needs an editor");

            await onA.SignInAsync(email);

            using var after = await onB.GetAsync(new Uri("/import", UriKind.Relative));
            after.StatusCode.Should().Be(HttpStatusCode.OK, "instance B reads the cookie instance A issued");
            (await WebTestExtensions.ParseAsync(after)).QuerySelector("form[action='/account/logout']").Should().NotBeNull("B shows the editor signed in");

            // A form rendered by B (its antiforgery token) is accepted by A.
            var claimId = await _a.QueryAsync(db => db.Claims.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
            var page = await onB.GetPageAsync($"/claims/{claimId}");
            var action = $"/claims/{claimId}/status";
            using var saved = await onA.PostFormAsync(action, page, [new("Status", "Confirmed"), new("Version", page.FormValue(action, "Version")), new("LoadedAt", page.FormValue(action, "LoadedAt"))]);
            saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        (await _b.QueryAsync(db => db.DataProtectionKeys.CountAsync())).Should().Be(1, "both instances share one key");
    }

    [Fact]
    public async Task Two_editors_on_different_instances_saving_one_claim_get_a_conflict_and_both_changes_are_in_the_history()
    {
        var first = $"first-{Guid.NewGuid():N}@example.org";
        var second = $"second-{Guid.NewGuid():N}@example.org";
        await _a.CreateAccountAsync(first, AccountRole.Editor);
        await _a.CreateAccountAsync(second, AccountRole.Editor);
        var (firstOnA, firstOnB) = Browser(_a, _b);
        var (secondOnA, secondOnB) = Browser(_a, _b);
        using (firstOnB)
        using (secondOnA)
        using (firstOnA)
        using (secondOnB)
        {
            await firstOnA.SignInAsync(first);
            await secondOnB.SignInAsync(second);
            var claimId = await _a.QueryAsync(db => db.Claims.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
            var action = $"/claims/{claimId}/status";
            var pageOnA = await firstOnA.GetPageAsync($"/claims/{claimId}");
            var pageOnB = await secondOnB.GetPageAsync($"/claims/{claimId}");

            using var saved = await firstOnA.PostFormAsync(action, pageOnA, [new("Status", "Confirmed"), new("Version", pageOnA.FormValue(action, "Version")), new("LoadedAt", pageOnA.FormValue(action, "LoadedAt"))]);
            using var stale = await secondOnB.PostFormAsync(action, pageOnB, [new("Status", "Rejected"), new("Version", pageOnB.FormValue(action, "Version")), new("LoadedAt", pageOnB.FormValue(action, "LoadedAt"))]);

            saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
            stale.StatusCode.Should().Be(HttpStatusCode.Conflict, "B's editor saved a version A had already changed");

            // Re-applied from the conflict page on B, the second change is saved too.
            var conflictPage = await WebTestExtensions.ParseAsync(stale);
            using var reapplied = await secondOnB.PostFormAsync(action, conflictPage, [new("Status", "Rejected"), new("Version", conflictPage.FormValue(action, "Version")), new("LoadedAt", conflictPage.FormValue(action, "LoadedAt"))]);
            reapplied.StatusCode.Should().Be(HttpStatusCode.Redirect);

            var history = await _b.QueryAsync(db => db.ChangeRecords.Where(r => r.ClaimId == claimId).OrderBy(r => r.Id).Select(r => r.Actor).ToListAsync());
            history.Should().ContainInOrder(first, second);
            (await _a.QueryAsync(db => db.Claims.SingleAsync(c => c.Id == claimId))).Status.Should().Be(ClaimStatus.Rejected);
        }
    }
}
