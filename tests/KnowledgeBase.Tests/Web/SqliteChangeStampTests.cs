using System.Net;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// On SQLite the page cache's change stamp is held in memory while a watcher on the database's files runs (decision
/// 0053): a write by any process makes the next requests read it again until one read began after the writes settled,
/// this app's commits re-read it before they return, and without the watcher every request reads it.
/// </summary>
public sealed class SqliteChangeStampTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-stamp-").FullName;

    private string DatabasePath => Path.Combine(_folder, "knowledgebase.db");

    private PageCaching.ChangeStamp NewStamp(string? connectionString = null) =>
        new(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString ?? $"Data Source={DatabasePath}"));

    [Fact]
    public async Task Once_writes_have_settled_the_stamp_comes_from_memory_until_the_next_write()
    {
        await InsertHistoryAsync(3);
        using var stamp = NewStamp();
        stamp.StartWatching(); // as the watcher does once its events are enabled (no watcher here: no events)

        (await stamp.ReadAsync(CancellationToken.None)).Should().Be(3);
        var reads = stamp.DatabaseReads;
        (await stamp.ReadAsync(CancellationToken.None)).Should().Be(3);
        stamp.DatabaseReads.Should().Be(reads + 1, "a read within the settling time after a write does not count as seeing it: the next request reads again");

        await Task.Delay(PageCaching.ChangeStamp.WriteSettling + TimeSpan.FromMilliseconds(100));
        (await stamp.ReadAsync(CancellationToken.None)).Should().Be(3);
        reads = stamp.DatabaseReads;
        for (var i = 0; i < 5; i++) (await stamp.ReadAsync(CancellationToken.None)).Should().Be(3);
        stamp.DatabaseReads.Should().Be(reads, "a settled read covered every write seen so far");

        // A commit nobody reported (no watcher here) is not seen: the stamp really is held in memory.
        await InsertHistoryAsync(1);
        (await stamp.ReadAsync(CancellationToken.None)).Should().Be(3);

        stamp.WriteObserved();
        (await stamp.ReadAsync(CancellationToken.None)).Should().Be(4, "a write event makes the next request read the stamp");
    }

    [Fact]
    public async Task A_commit_of_this_app_moves_the_stamp_before_the_request_goes_on()
    {
        using var stamp = await SettledStampAsync(2);

        await InsertHistoryAsync(1);
        await stamp.RefreshAfterCommitAsync(CancellationToken.None);

        (await stamp.ReadAsync(CancellationToken.None)).Should().Be(3, "no file event is needed for the app's own commits");
    }

    [Fact]
    public async Task Without_the_watcher_every_read_goes_to_the_database()
    {
        using var stamp = await SettledStampAsync(1);

        stamp.StopWatching(); // the watcher failed: its events may be missed from now on
        await InsertHistoryAsync(1);
        (await stamp.ReadAsync(CancellationToken.None)).Should().Be(2);
    }

    [Fact]
    public async Task The_watched_file_is_the_database_as_SQLite_opened_it_and_none_for_an_in_memory_database()
    {
        await InsertHistoryAsync(1);
        using (var stamp = NewStamp())
        {
            stamp.DatabaseFile().Should().Be(DatabasePath);
        }
        using (var keeper = new SqliteConnection("Data Source=stamp-test;Mode=Memory;Cache=Shared"))
        {
            keeper.Open();
            using (var create = keeper.CreateCommand())
            {
                create.CommandText = """CREATE TABLE "ChangeRecords" ("Id" INTEGER PRIMARY KEY)""";
                create.ExecuteNonQuery();
            }
            using var stamp = NewStamp("Data Source=stamp-test;Mode=Memory;Cache=Shared");
            stamp.DatabaseFile().Should().BeNull();
        }
    }

    // A stamp as the running watcher leaves it once writes have settled (no watcher here: no events), over the rows written first.
    private async Task<PageCaching.ChangeStamp> SettledStampAsync(int rows)
    {
        await InsertHistoryAsync(rows);
        var stamp = NewStamp();
        stamp.StartWatching();
        await Task.Delay(PageCaching.ChangeStamp.WriteSettling + TimeSpan.FromMilliseconds(100));
        (await stamp.ReadAsync(CancellationToken.None)).Should().Be(rows);
        return stamp;
    }

    private async Task InsertHistoryAsync(int rows)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS "ChangeRecords" ("Id" INTEGER PRIMARY KEY);
            PRAGMA journal_mode=WAL;
            """;
        await command.ExecuteNonQueryAsync();
        for (var i = 0; i < rows; i++)
        {
            command.CommandText = """INSERT INTO "ChangeRecords" DEFAULT VALUES""";
            await command.ExecuteNonQueryAsync();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The app on SQLite: the watcher runs, other processes' writes reach cached pages, and the app's own edits at once.</summary>
public sealed class SqliteChangeWatcherTests(SqliteChangeWatcherTests.App factory) : IClassFixture<SqliteChangeWatcherTests.App>
{
    public sealed class App() : KnowledgeBaseAppFactory(DatabaseProvider.Sqlite);

    private PageCaching.ChangeStamp Stamp => factory.Services.GetRequiredService<PageCaching.ChangeStamp>();

    [Fact]
    public async Task Once_started_cached_pages_are_answered_without_reading_the_database()
    {
        await SettledAsync();
        var study = await factory.QueryAsync(db => db.Studies.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        var reader = factory.CreateBrowser();
        await reader.GetPageAsync($"/studies/{study}");
        await SettledAsync();

        var reads = Stamp.DatabaseReads;
        for (var i = 0; i < 5; i++) await reader.GetPageAsync($"/studies/{study}");
        Stamp.DatabaseReads.Should().Be(reads, "no write since the last settled read");
    }

    [Fact]
    public async Task A_change_by_another_process_reaches_cached_pages_within_seconds()
    {
        await SettledAsync();
        var study = await factory.QueryAsync(db => db.Studies.AsNoTracking().OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync());
        var reader = factory.CreateBrowser();
        await reader.GetPageAsync($"/studies/{study}");

        // Another process: its own context, outside the app's services, so no refresh after its commit.
        var title = $"Renamed by another process {Guid.NewGuid():N}";
        await using (var other = DatabaseSetup.CreateContext(factory.Database, new SystemActor("import"), TimeProvider.System))
        {
            (await other.Studies.SingleAsync(s => s.Id == study)).Title = title;
            await other.SaveChangesAsync();
        }

        var newest = await Stamp.ReadFromDatabaseAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (await Stamp.ReadAsync(CancellationToken.None) < newest)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the file watcher reports the other process's write");
            await Task.Delay(10);
        }
        Stamp.IsWatching.Should().BeTrue("the stamp moved on a file event, not through per-request reads");
        (await reader.GetPageAsync($"/studies/{study}")).QuerySelector("h1")!.TextContent.Should().Contain(title);
    }

    [Fact]
    public async Task An_edit_through_the_app_shows_on_the_next_request()
    {
        await SettledAsync();
        var claim = await factory.QueryAsync(db => db.Claims.AsNoTracking().OrderByDescending(c => c.Id).FirstAsync(c => c.Status == ClaimStatus.Candidate));
        var reader = factory.CreateBrowser();
        (await reader.GetPageAsync($"/claims/{claim.Id}")).Body!.TextContent.Should().Contain("Candidate");

        var editor = await factory.SignedInEditorAsync();
        using var response = await editor.PostClaimStatusAsync(claim.Id, "Confirmed");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await reader.GetPageAsync($"/claims/{claim.Id}")).Body!.TextContent.Should().Contain("Confirmed");
    }

    // The watcher runs and a read has begun after every write seen so far settled (the start-up's seed import included).
    private async Task SettledAsync()
    {
        _ = factory.Server;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!Stamp.IsWatching)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the watcher starts with the app");
            await Task.Delay(10);
        }
        await Task.Delay(PageCaching.ChangeStamp.WriteSettling + TimeSpan.FromMilliseconds(200));
        await Stamp.ReadAsync(CancellationToken.None);
    }
}
