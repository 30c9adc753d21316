using KnowledgeBase.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KnowledgeBase.Tests.Support;

/// <summary>
/// Which engine the integration tests run on. SQLite always; PostgreSQL when
/// <c>KNOWLEDGEBASE_TEST_POSTGRES</c> holds a server connection string (a role allowed to create
/// databases), e.g. <c>Host=127.0.0.1;Port=55432;Username=knowledgebase;Password=change-me</c>.
/// Each fixture then gets its own freshly named database, copied from a template migrated once per
/// test run, and dropped afterwards.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "KNOWLEDGEBASE_TEST_POSTGRES";

    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string? PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    public static DatabaseProvider Provider => PostgresServer is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    /// <summary>A new, migrated, empty PostgreSQL database; its connection string.</summary>
    public static string CreatePostgresDatabase(bool migrated = true)
    {
        var name = "kb_test_" + Guid.NewGuid().ToString("N");
        var template = migrated ? Template.Value : "template0";
        ExecuteOnServer($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return ConnectionStringFor(name);
    }

    /// <summary>Drops a database made by <see cref="CreatePostgresDatabase"/>, closing its connections first.</summary>
    public static void DropPostgresDatabase(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        ExecuteOnServer($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ToString();

    /// <summary>
    /// The migrated template, named after the newest migration so that runs share it until the schema
    /// changes (one database per schema version is left on the test server). Built under a temporary name
    /// and renamed, so a run that dies half-way never leaves a half-migrated template behind.
    /// </summary>
    private static string CreateTemplate()
    {
        var building = "kb_building_" + Guid.NewGuid().ToString("N");
        ExecuteOnServer($"CREATE DATABASE \"{building}\" TEMPLATE template0 ENCODING 'UTF8'");
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionStringFor(building)) { Pooling = false }.ToString();
        using var db = DatabaseSetup.CreateContext(new(DatabaseProvider.Postgres, connectionString), new SystemActor("test"), TimeProvider.System);
        var name = "kb_template_" + db.Database.GetMigrations().Last().ToLowerInvariant();
        if (!DatabaseExists(name))
        {
            db.Database.Migrate();
            try
            {
                ExecuteOnServer($"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                return name;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another test run made it first.
            }
        }
        ExecuteOnServer($"DROP DATABASE \"{building}\" WITH (FORCE)");
        return name;
    }

    private static bool DatabaseExists(string name)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return command.ExecuteScalar() is not null;
    }

    private static void ExecuteOnServer(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false };
        // CREATE DATABASE ... TEMPLATE fails while another session is briefly connected to the template.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(builder.ToString());
                connection.Open();
                using var command = new NpgsqlCommand(sql, connection);
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                Thread.Sleep(100 * attempt);
            }
        }
    }
}

/// <summary>A fact about SQLite itself (its file, WAL, its catalogue): skipped when the suite runs on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabases.Provider != DatabaseProvider.Sqlite) Skip = "SQLite-specific; the suite is running on PostgreSQL";
    }
}

/// <summary>A theory about SQLite itself: skipped when the suite runs on PostgreSQL.</summary>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute()
    {
        if (TestDatabases.Provider != DatabaseProvider.Sqlite) Skip = "SQLite-specific; the suite is running on PostgreSQL";
    }
}

/// <summary>A fact that needs a PostgreSQL server: skipped unless KNOWLEDGEBASE_TEST_POSTGRES is set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabases.PostgresServer is null) Skip = $"needs a PostgreSQL server in {TestDatabases.PostgresVariable}";
    }
}
