using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Data;

/// <summary>
/// The knowledge base on PostgreSQL: the same model, its own migrations (Data/Migrations/Postgres).
/// Text columns use the "C" collation so that sorting and comparison behave as on SQLite (by code
/// point, whatever locale the server's database was created with); case-insensitive search uses ILIKE
/// (see <see cref="CaseInsensitiveLike"/>).
/// </summary>
public sealed class PostgresKnowledgeBaseDbContext(DbContextOptions<PostgresKnowledgeBaseDbContext> options, IChangeActor actor, TimeProvider clock)
    : KnowledgeBaseDbContext(options, actor, clock)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<string>().UseCollation("C");
    }
}
