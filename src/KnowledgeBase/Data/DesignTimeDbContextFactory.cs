using Microsoft.EntityFrameworkCore.Design;

namespace KnowledgeBase.Data;

/// <summary>Used only by <c>dotnet ef migrations add --context KnowledgeBaseDbContext</c>; the app configures the context itself.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<KnowledgeBaseDbContext>
{
    public KnowledgeBaseDbContext CreateDbContext(string[] args) =>
        DatabaseSetup.CreateContext(new(DatabaseProvider.Sqlite, "Data Source=design-time.db"), new SystemActor("design-time"), TimeProvider.System);
}

/// <summary>
/// Used only by <c>dotnet ef migrations add --context PostgresKnowledgeBaseDbContext</c>: adding a migration
/// needs no server (the connection string is never opened).
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresKnowledgeBaseDbContext>
{
    public PostgresKnowledgeBaseDbContext CreateDbContext(string[] args) =>
        (PostgresKnowledgeBaseDbContext)DatabaseSetup.CreateContext(
            new(DatabaseProvider.Postgres, "Host=localhost;Database=knowledgebase_design_time"), new SystemActor("design-time"), TimeProvider.System);
}
