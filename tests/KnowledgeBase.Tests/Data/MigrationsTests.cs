using KnowledgeBase.Data;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Data;

public sealed class MigrationsTests
{
    [Fact]
    public void Every_model_change_has_its_migration()
    {
        using var database = new TestDatabase();
        using var db = database.CreateContext();

        db.Database.HasPendingModelChanges().Should().BeFalse("a changed entity needs `scripts/add-migration <Name>` (docs/decisions/0012-postgresql.md)");
        db.Database.GetPendingMigrations().Should().BeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Every_model_change_has_its_migration_for_both_providers(DatabaseProvider provider)
    {
        // Comparing the model with the migrations' snapshot needs no server.
        var connectionString = provider == DatabaseProvider.Sqlite ? "Data Source=unused.db" : "Host=127.0.0.1;Database=unused";
        using var db = DatabaseSetup.CreateContext(new(provider, connectionString), new SystemActor("test"), TimeProvider.System);

        db.Database.HasPendingModelChanges().Should().BeFalse($"the {provider} migrations need `scripts/add-migration <Name>`, which adds one for both providers");
        db.Database.GetMigrations().Should().NotBeEmpty();
    }
}
