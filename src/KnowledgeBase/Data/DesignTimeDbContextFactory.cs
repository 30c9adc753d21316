using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KnowledgeBase.Data;

/// <summary>Used only by <c>dotnet ef migrations add</c>; the app configures the context itself.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<KnowledgeBaseDbContext>
{
    public KnowledgeBaseDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KnowledgeBaseDbContext>();
        options.UseKnowledgeBaseSqlite("Data Source=design-time.db");
        return new(options.Options, new SystemActor("design-time"), TimeProvider.System);
    }
}
