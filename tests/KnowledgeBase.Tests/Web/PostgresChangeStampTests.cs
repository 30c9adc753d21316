using System.Net;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// On PostgreSQL the page cache's change stamp is held in memory, kept current by the server's notifications and by
/// this app's own commits, and read per request while the listener is not connected: cached pages stay never stale
/// for this app's changes and follow other processes' within the notification's latency.
/// </summary>
public sealed class PostgresChangeStampTests(PostgresChangeStampTests.App factory) : IClassFixture<PostgresChangeStampTests.App>
{
    /// <summary>The app with a reconnect delay long enough to watch it read the stamp per request meanwhile.</summary>
    public sealed class App : KnowledgeBaseAppFactory
    {
        public static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(5);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton(new ChangeStampListener.Retry(Reconnect, Reconnect)));
        }
    }

    private PageCaching.ChangeStamp Stamp => factory.Services.GetRequiredService<PageCaching.ChangeStamp>();

    [PostgresFact]
    public async Task Once_started_the_stamp_is_answered_from_memory_by_a_listening_connection()
    {
        await ListeningAsync();

        (await Stamp.ReadAsync(CancellationToken.None)).Should().Be(await NewestIdAsync());
        (await ListenerPidsAsync()).Should().ContainSingle("one dedicated connection listens for the whole app");
    }

    [PostgresFact]
    public async Task Rows_inserted_by_another_connection_move_the_stamp_within_seconds()
    {
        await ListeningAsync();
        var before = await Stamp.ReadAsync(CancellationToken.None);

        // Two history rows in one statement, as the import command writes them: the trigger notifies their newest id.
        long newest;
        await using (var other = await OpenAsync())
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO "ChangeRecords" ("At", "Actor", "EntityType", "EntityId", "Action", "ClaimId", "Changes")
                SELECT "At", 'another process', "EntityType", "EntityId", "Action", "ClaimId", "Changes"
                FROM "ChangeRecords" ORDER BY "Id" DESC LIMIT 2
                RETURNING "Id"
                """, other);
            var ids = new List<long>();
            await using (var reader = await insert.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
            }
            ids.Should().HaveCount(2);
            newest = ids.Max();
        }

        newest.Should().BeGreaterThan(before);
        (await StampReachesAsync(newest, TimeSpan.FromSeconds(5))).Should().BeTrue("the notification of the other connection's commit moves the stamp");
        Stamp.IsListening.Should().BeTrue("the stamp came from the notification, not from a per-request read");
    }

    [PostgresFact]
    public async Task An_edit_through_the_app_shows_on_the_next_request_without_waiting_for_a_notification()
    {
        await ListeningAsync();
        var claim = await factory.QueryAsync(db => db.Claims.AsNoTracking().OrderByDescending(c => c.Id).FirstAsync(c => c.Status == ClaimStatus.Candidate));
        var reader = factory.CreateBrowser();
        (await reader.GetPageAsync($"/claims/{claim.Id}")).Body!.TextContent.Should().Contain("Candidate");

        // No notification reaches the app while the trigger is off: only the refresh after the app's own commit can move the stamp.
        await ExecuteAsync("""ALTER TABLE "ChangeRecords" DISABLE TRIGGER kb_change_records_notify""");
        try
        {
            // A change by another process is not seen meanwhile: the stamp really is held in memory, not read per request.
            var held = await Stamp.ReadAsync(CancellationToken.None);
            await using (var other = DatabaseSetup.CreateContext(factory.Database, new SystemActor("import"), TimeProvider.System))
            {
                (await other.Studies.OrderBy(s => s.Id).FirstAsync()).Title = $"Renamed {Guid.NewGuid():N}";
                await other.SaveChangesAsync();
            }
            await Task.Delay(300);
            (await Stamp.ReadAsync(CancellationToken.None)).Should().Be(held);

            var editor = await factory.SignedInEditorAsync();
            using var response = await editor.PostClaimStatusAsync(claim.Id, "Confirmed");
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);

            (await reader.GetPageAsync($"/claims/{claim.Id}")).Body!.TextContent.Should().Contain("Confirmed");
            (await Stamp.ReadAsync(CancellationToken.None)).Should().Be(await NewestIdAsync());
        }
        finally
        {
            await ExecuteAsync("""ALTER TABLE "ChangeRecords" ENABLE TRIGGER kb_change_records_notify""");
        }
    }

    [PostgresFact]
    public async Task When_the_listening_connection_is_killed_requests_read_the_stamp_until_it_reconnects()
    {
        await ListeningAsync();
        var study = await factory.QueryAsync(db => db.Studies.AsNoTracking().OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync());
        var reader = factory.CreateBrowser();
        await reader.GetPageAsync($"/studies/{study}");
        var killed = (await ListenerPidsAsync()).Single();

        await ExecuteAsync($"SELECT pg_terminate_backend({killed})");
        (await WithinAsync(() => !Stamp.IsListening, TimeSpan.FromSeconds(5))).Should().BeTrue("the listener notices its connection is gone");

        // Meanwhile (the listener waits App.Reconnect before reconnecting) the stamp is read per request: never stale.
        var first = await RenameOutsideTheAppAsync(study);
        (await reader.GetPageAsync($"/studies/{study}")).QuerySelector("h1")!.TextContent.Should().Contain(first);
        Stamp.IsListening.Should().BeFalse("this request was answered while the listener was still away");

        (await WithinAsync(() => Stamp.IsListening, App.Reconnect + TimeSpan.FromSeconds(10))).Should().BeTrue("the listener reconnects");
        (await ListenerPidsAsync()).Should().ContainSingle().Which.Should().NotBe(killed);
        var second = await RenameOutsideTheAppAsync(study);
        (await StampReachesAsync(await NewestIdAsync(), TimeSpan.FromSeconds(5))).Should().BeTrue("the new connection's notifications move the stamp");
        (await reader.GetPageAsync($"/studies/{study}")).QuerySelector("h1")!.TextContent.Should().Contain(second);
    }

    [PostgresFact]
    public async Task Without_the_notification_trigger_the_stamp_stays_read_per_request()
    {
        await ListeningAsync();
        var study = await factory.QueryAsync(db => db.Studies.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).Skip(1).FirstAsync());
        var reader = factory.CreateBrowser();
        await reader.GetPageAsync($"/studies/{study}");

        await ExecuteAsync("""ALTER TABLE "ChangeRecords" DISABLE TRIGGER kb_change_records_notify""");
        try
        {
            await ExecuteAsync($"SELECT pg_terminate_backend({(await ListenerPidsAsync()).Single()})");
            (await WithinAsync(() => !Stamp.IsListening, TimeSpan.FromSeconds(5))).Should().BeTrue();
            await Task.Delay(App.Reconnect + TimeSpan.FromSeconds(2)); // a reconnect attempt has found the trigger off

            Stamp.IsListening.Should().BeFalse("nothing would tell the listener about other processes' changes");
            var renamed = await RenameOutsideTheAppAsync(study);
            (await reader.GetPageAsync($"/studies/{study}")).QuerySelector("h1")!.TextContent.Should().Contain(renamed);
        }
        finally
        {
            await ExecuteAsync("""ALTER TABLE "ChangeRecords" ENABLE TRIGGER kb_change_records_notify""");
        }
        (await WithinAsync(() => Stamp.IsListening, App.Reconnect * 2 + TimeSpan.FromSeconds(10))).Should().BeTrue("a later attempt finds the trigger back");
    }

    private async Task ListeningAsync()
    {
        _ = factory.Server;
        (await WithinAsync(() => Stamp.IsListening, TimeSpan.FromSeconds(15))).Should().BeTrue("the listener connects at start-up");
    }

    private async Task<string> RenameOutsideTheAppAsync(int studyId)
    {
        var title = $"Renamed by another process {Guid.NewGuid():N}";
        await using var other = DatabaseSetup.CreateContext(factory.Database, new SystemActor("import"), TimeProvider.System);
        (await other.Studies.SingleAsync(s => s.Id == studyId)).Title = title;
        await other.SaveChangesAsync();
        return title;
    }

    private async Task<bool> StampReachesAsync(long id, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (await Stamp.ReadAsync(CancellationToken.None) < id)
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(10);
        }
        return true;
    }

    private static async Task<bool> WithinAsync(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(10);
        }
        return true;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> NewestIdAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT MAX("Id") FROM "ChangeRecords" """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<int>> ListenerPidsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()", connection);
        command.Parameters.AddWithValue("name", ChangeStampListener.ApplicationName);
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        return pids;
    }
}
