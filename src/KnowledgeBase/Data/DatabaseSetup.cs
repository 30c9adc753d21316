using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Data;

/// <summary>The database engines the knowledge base runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app: the embedded default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several app instances, server backups, replication.</summary>
    Postgres,
}

/// <summary>Which engine and where: the <c>Database:Provider</c> setting and <c>ConnectionStrings:KnowledgeBase</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>"Sqlite" (default when empty) or "Postgres"/"PostgreSQL", any case; anything else is a clear error.</summary>
    public static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Database:Provider is \"{value}\"; use Sqlite or Postgres."),
    };
}

/// <summary>
/// The one place the database provider is configured (app, commands, tests and design time).
/// Each provider has its own context type so that each keeps its own migrations:
/// <see cref="KnowledgeBaseDbContext"/> for SQLite (Data/Migrations) and
/// <see cref="PostgresKnowledgeBaseDbContext"/> for PostgreSQL (Data/Migrations/Postgres).
/// </summary>
public static class DatabaseSetup
{
    public static DbContextOptionsBuilder UseKnowledgeBaseSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    public static DbContextOptionsBuilder UseKnowledgeBasePostgres(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    public static DbContextOptionsBuilder UseKnowledgeBase(this DbContextOptionsBuilder builder, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Provider == DatabaseProvider.Postgres
            ? builder.UseKnowledgeBasePostgres(settings.ConnectionString)
            : builder.UseKnowledgeBaseSqlite(settings.ConnectionString);
    }

    /// <summary>A context of the provider's type (the PostgreSQL one is a <see cref="KnowledgeBaseDbContext"/> too).</summary>
    public static KnowledgeBaseDbContext CreateContext(DatabaseSettings settings, IChangeActor actor, TimeProvider clock, Action<DbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresKnowledgeBaseDbContext>();
            postgres.UseKnowledgeBase(settings);
            configure?.Invoke(postgres);
            return new PostgresKnowledgeBaseDbContext(postgres.Options, actor, clock);
        }
        var sqlite = new DbContextOptionsBuilder<KnowledgeBaseDbContext>();
        sqlite.UseKnowledgeBase(settings);
        configure?.Invoke(sqlite);
        return new KnowledgeBaseDbContext(sqlite.Options, actor, clock);
    }
}
