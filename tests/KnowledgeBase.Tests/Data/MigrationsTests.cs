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

        db.Database.HasPendingModelChanges().Should().BeFalse("a changed entity needs `dotnet ef migrations add` (docs/decisions/0002-migrations.md)");
        db.Database.GetPendingMigrations().Should().BeEmpty();
    }
}
