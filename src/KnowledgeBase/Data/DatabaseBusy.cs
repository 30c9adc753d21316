using Microsoft.Data.Sqlite;
using Npgsql;

namespace KnowledgeBase.Data;

/// <summary>
/// Whether a failed write failed only because another writer held the database (SQLite's
/// <c>database is locked</c> after its busy timeout, a PostgreSQL lock time-out or deadlock): nothing was
/// written and the same write may succeed a moment later, so the person gets their input back with a
/// message instead of an error page.
/// </summary>
public static class DatabaseBusy
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }) return true;
            if (e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected }) return true;
        }
        return false;
    }

    /// <summary>What a person is told when their save could not be made.</summary>
    public const string Message =
        "The knowledge base was busy with another long operation and could not store your change, so nothing was saved. " +
        "Your input is kept: save again in a moment.";
}
