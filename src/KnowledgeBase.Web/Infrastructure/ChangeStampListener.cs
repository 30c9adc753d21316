using System.Data.Common;
using System.Globalization;
using KnowledgeBase.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// On PostgreSQL, keeps <see cref="PageCaching.ChangeStamp"/> in memory (docs/decisions/0038-postgres-change-stamp-in-memory.md):
/// one dedicated connection LISTENs on <see cref="Channel"/>, where a statement-level trigger on "ChangeRecords" sends the
/// newest id it inserted (migration ChangeRecordNotifications). Notifications are delivered at commit, so the stamp never
/// names an uncommitted change. After every (re)connect it LISTENs first and then reads MAX("Id") once, so no commit
/// falls between the two; until then, and whenever the connection fails, the stamp is read per request. Reconnects with
/// a growing delay (<see cref="Retry"/>). Does nothing on SQLite, where <see cref="SqliteChangeWatcher"/> does this work.
/// </summary>
internal sealed partial class ChangeStampListener(
    PageCaching.ChangeStamp stamp, DatabaseSettings settings, ChangeStampListener.Retry retry, ILogger<ChangeStampListener> logger) : BackgroundService
{
    /// <summary>The notification channel; the trigger's function names it too.</summary>
    public const string Channel = "kb_change_records";

    /// <summary>The listener's application_name in pg_stat_activity.</summary>
    public const string ApplicationName = "KnowledgeBase change listener";

    /// <summary>How long to wait before reconnecting: <paramref name="First"/>, doubled after each failure up to <paramref name="Longest"/>.</summary>
    internal sealed record Retry(TimeSpan First, TimeSpan Longest)
    {
        public static Retry Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        /// <summary>
        /// Runs <paramref name="attempt"/> until the app stops or an attempt returns false (nothing to do), waiting
        /// between attempts: <see cref="First"/> after an attempt that got going (it called the action it is given),
        /// else the last wait doubled up to <see cref="Longest"/>. Whatever an attempt throws goes to
        /// <paramref name="failed"/> (with whether it had got going, and the coming wait), never further: the app goes
        /// on without it. <paramref name="ended"/> runs after every attempt.
        /// </summary>
        public async Task RunAsync(Func<Action, CancellationToken, Task<bool>> attempt, Action<Exception, bool, TimeSpan> failed, Action ended,
            CancellationToken stoppingToken)
        {
            var delay = First;
            while (!stoppingToken.IsCancellationRequested)
            {
                var going = false;
                try
                {
                    if (!await attempt(() => { going = true; delay = First; }, stoppingToken)) return;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    failed(ex, going, delay);
                }
                finally
                {
                    ended();
                }
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Longest.Ticks));
            }
        }
    }

    // How often a connected listener looks whether the stamp fell back to per-request reads (a refresh after one of
    // this app's commits failed) and, if so, reads it again on its own connection.
    private static readonly TimeSpan ResyncCheck = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Provider != DatabaseProvider.Postgres) return Task.CompletedTask;
        var connectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Pooling = false,
            ApplicationName = ApplicationName,
            // A server that vanished without closing the socket is noticed within seconds, not at the next TCP time-out.
            KeepAlive = 10,
        }.ToString();
        return retry.RunAsync(
            async (going, ct) =>
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) =>
                {
                    if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) stamp.Advance(id);
                };
                await connection.OpenAsync(ct);
                await ExecuteAsync(connection, $"LISTEN {Channel}", ct);
                await CatchUpAsync(connection, ct);
                going();
                LogListening(logger);
                while (true)
                {
                    if (!await connection.WaitAsync(ResyncCheck, ct) && !stamp.IsListening)
                        await CatchUpAsync(connection, ct);
                }
            },
            // Whatever went wrong, the app goes on reading the stamp per request: a listener never takes it down.
            (ex, listened, delay) =>
            {
                if (listened) LogLost(logger, ex, delay.TotalSeconds);
                else LogNotConnected(logger, ex.Message, delay.TotalSeconds);
            },
            stamp.StopListening,
            stoppingToken);
    }

    /// <summary>
    /// Reads the newest id on the listening connection, then answers the stamp from memory; unless the trigger that
    /// sends the notifications is missing or disabled (a database restored without it, say), when nothing would move
    /// the stamp for other processes' changes: then it stays read per request and the listener tries again later.
    /// </summary>
    private async Task CatchUpAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using (var check = new NpgsqlCommand(TriggerEnabledSql, connection))
        {
            if (await check.ExecuteScalarAsync(cancellation) is not true)
                throw new InvalidOperationException($"the trigger {TriggerName} on \"ChangeRecords\" is missing or disabled (migration ChangeRecordNotifications)");
        }
        await using var command = new NpgsqlCommand(PageCaching.ChangeStamp.NewestIdSql, connection);
        stamp.StartListening(PageCaching.ChangeStamp.ToStamp(await command.ExecuteScalarAsync(cancellation)));
    }

    private const string TriggerName = "kb_change_records_notify";

    private const string TriggerEnabledSql =
        $"SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '\"ChangeRecords\"'::regclass AND tgname = '{TriggerName}' AND tgenabled <> 'D')";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change stamp: listening for changes; cached pages no longer read it per request")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change stamp: the listening connection failed; reading it per request, reconnecting in {Seconds} s")]
    private static partial void LogLost(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change stamp: cannot listen for changes yet ({Reason}); reading it per request, retrying in {Seconds} s")]
    private static partial void LogNotConnected(ILogger logger, string reason, double seconds);
}

/// <summary>
/// After each commit made through this app's contexts, moves the in-memory change stamp to the newest id before the
/// request goes on (<see cref="PageCaching.ChangeStamp.RefreshAfterCommitAsync"/>): the next request sees this app's own
/// change whatever the notification's or file event's latency. Every commit, not only those that wrote history: one
/// indexed read, and on SQLite only while the watcher runs.
/// </summary>
internal sealed class ChangeStampCommits(PageCaching.ChangeStamp stamp) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => stamp.RefreshAfterCommit();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        stamp.RefreshAfterCommitAsync(cancellationToken);
}

internal static class ChangeStampSetup
{
    /// <summary>
    /// The in-memory change stamp: the listener (PostgreSQL), the file watcher (SQLite) and the refresh after this app's commits.
    /// </summary>
    public static IServiceCollection AddKnowledgeBaseChangeListener(this IServiceCollection services) =>
        services.AddSingleton<ChangeStampCommits>()
            .AddSingleton(ChangeStampListener.Retry.Default)
            .AddHostedService<ChangeStampListener>()
            .AddHostedService<SqliteChangeWatcher>();
}
