using KnowledgeBase.Data;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// On SQLite, lets <see cref="PageCaching.ChangeStamp"/> answer from memory (docs/decisions/0053-sqlite-change-stamp-in-memory.md):
/// watches the folder of the database for writes to its files (the database, its <c>-wal</c> and <c>-journal</c>), by this
/// process or any other, and counts each as a possible change, so the next requests read the id again. Not the
/// <c>-shm</c> file: readers write it too. When the watcher fails (its event queue overflowed, the folder went away) or
/// cannot start (no inotify instances left), the stamp is read per request and the watcher starts again after a growing
/// delay. Does nothing on PostgreSQL or for an in-memory database.
/// </summary>
internal sealed partial class SqliteChangeWatcher(
    PageCaching.ChangeStamp stamp, DatabaseSettings settings, ChangeStampListener.Retry retry, ILogger<SqliteChangeWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Provider != DatabaseProvider.Sqlite) return;
        // Off the host's start: the first await below may complete synchronously.
        await Task.Yield();
        await retry.RunAsync(
            async (going, ct) =>
            {
                if (stamp.DatabaseFile() is not { } file)
                {
                    LogInMemory(logger);
                    return false;
                }
                var failure = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
                using var watcher = new FileSystemWatcher(Path.GetDirectoryName(file)!, Path.GetFileName(file) + "*")
                {
                    // Not LastAccess: reads would count as writes.
                    NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
                    IncludeSubdirectories = false,
                };
                void Written(object sender, FileSystemEventArgs e)
                {
                    if (!e.Name.AsSpan().EndsWith("-shm", StringComparison.Ordinal)) stamp.WriteObserved();
                }
                watcher.Changed += Written;
                watcher.Created += Written;
                watcher.Deleted += Written;
                watcher.Renamed += Written;
                watcher.Error += (_, e) => failure.TrySetResult(e.GetException());
                watcher.EnableRaisingEvents = true;
                stamp.StartWatching();
                going();
                LogWatching(logger, file);
                throw new IOException("the database's file watcher failed", await failure.Task.WaitAsync(ct));
            },
            // Whatever went wrong, the app goes on reading the stamp per request: a watcher never takes it down.
            (ex, watched, delay) =>
            {
                if (watched) LogLost(logger, ex, delay.TotalSeconds);
                else LogNotWatching(logger, ex.Message, delay.TotalSeconds);
            },
            stamp.StopWatching,
            stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change stamp: watching {File} for changes; cached pages read it only after writes")]
    private static partial void LogWatching(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Change stamp: an in-memory database has no file to watch; reading it per request")]
    private static partial void LogInMemory(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change stamp: the file watcher failed; reading it per request, watching again in {Seconds} s")]
    private static partial void LogLost(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change stamp: cannot watch the database's files yet ({Reason}); reading it per request, retrying in {Seconds} s")]
    private static partial void LogNotWatching(ILogger logger, string reason, double seconds);
}
