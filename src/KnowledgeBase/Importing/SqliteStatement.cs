using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KnowledgeBase.Importing;

/// <summary>
/// One statement prepared on a SQLite connection's own handle, its parameters bound by position: the import writer's
/// SQLite path (decision 0046). Microsoft.Data.Sqlite binds every parameter by name at each execution and an
/// <c>INSERT ... RETURNING</c> is run by SQLite as a trigger (with a statement journal); here an INSERT binds its values
/// in column order and reads the new id with <c>sqlite3_last_insert_rowid</c>. Values are bound as Microsoft.Data.Sqlite
/// binds them (<see cref="Bind"/>), so the stored rows are the same. Errors throw <see cref="SqliteException"/>, as a
/// command would. The statement runs in whatever transaction the connection has open; it is reset after every use, so it
/// never holds a read open across a savepoint or a commit.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(sqlite3 db, string sql)
    {
        _db = db;
        var rc = raw.sqlite3_prepare_v2(db, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    /// <summary>The provider value types <see cref="Bind"/> stores as Microsoft.Data.Sqlite does; a column of another type is refused when the insert is built.</summary>
    public static bool CanBind(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t
        && (t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte)
            || t == typeof(double) || t == typeof(float) || t == typeof(DateTime));

    /// <summary>
    /// Binds a value (1-based index) as Microsoft.Data.Sqlite's parameter binder does: null as NULL, integers and booleans
    /// as INTEGER, floating point as REAL, <see cref="DateTime"/> as TEXT in its <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> form,
    /// text cut to <paramref name="size"/> characters when a size is set (as a parameter's <c>Size</c> cuts it).
    /// </summary>
    public void Bind(int index, object? value, int size = 0)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),
            string text => raw.sqlite3_bind_text16(_statement, index, size > 0 && text.Length > size ? text.AsSpan(0, size) : text.AsSpan()),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            short number => raw.sqlite3_bind_int64(_statement, index, number),
            byte number => raw.sqlite3_bind_int64(_statement, index, number),
            double number => raw.sqlite3_bind_double(_statement, index, number),
            float number => raw.sqlite3_bind_double(_statement, index, number),
            DateTime time => raw.sqlite3_bind_text16(_statement, index, TimeText(time)),
            _ => throw new InvalidOperationException($"the import's SQLite writer cannot bind a {value.GetType().Name}"),
        };
        Check(rc);
    }

    /// <summary>The rows of one import share their timestamps: the last one is formatted once.</summary>
    private (DateTime Time, string Text) _lastTime;

    private string TimeText(DateTime time)
    {
        if (_lastTime.Text is null || _lastTime.Time != time)
            _lastTime = (time, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture));
        return _lastTime.Text;
    }

    /// <summary>Binds UTF-8 text (copied by SQLite, so the buffer may be reused at once).</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> text) => Check(raw.sqlite3_bind_text(_statement, index, text));

    /// <summary>Runs an INSERT with the values bound and returns the new row's id (or a statement that returns nothing).</summary>
    public long Insert()
    {
        try
        {
            Step();
            return raw.sqlite3_last_insert_rowid(_db);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs a query with the values bound: its first row's first column as an integer, or null without a row (or for NULL).</summary>
    public long? FirstInt64()
    {
        try
        {
            return Step() && raw.sqlite3_column_type(_statement, 0) != raw.SQLITE_NULL ? raw.sqlite3_column_int64(_statement, 0) : null;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs a query with the values bound: its first row's first column as text, or null without a row (or for NULL).</summary>
    public string? FirstText()
    {
        try
        {
            return Step() && raw.sqlite3_column_type(_statement, 0) != raw.SQLITE_NULL ? raw.sqlite3_column_text(_statement, 0).utf8_to_string() : null;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>True when the statement produced a row.</summary>
    private bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    private void Reset()
    {
        // The step's error, if any, was thrown already; reset only returns it again.
        _ = raw.sqlite3_reset(_statement);
        _ = raw.sqlite3_clear_bindings(_statement);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
