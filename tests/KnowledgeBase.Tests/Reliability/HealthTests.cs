using System.Net;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Reliability;

public sealed class HealthTests
{
    [Fact]
    public async Task Reports_healthy_to_an_anonymous_caller_when_the_database_is_migrated()
    {
        using var factory = new KnowledgeBaseAppFactory();
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Trim().Should().Be("Healthy");
        response.Headers.CacheControl!.NoStore.Should().BeTrue("a proxy must not cache the answer");
    }

    [SqliteFact] // breaks the database with SQLite-spelled SQL (unquoted names); a PostgreSQL version is to do
    public async Task Reports_503_with_the_reason_when_a_migration_is_not_applied()
    {
        using var factory = new KnowledgeBaseAppFactory();
        var last = await factory.QueryAsync(db => Task.FromResult(db.Database.GetMigrations().Last()));
        await factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM __EFMigrationsHistory WHERE MigrationId = {last}"));
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().StartWith("Unhealthy: the database schema is out of date (1 migration(s) not applied");
        body.Should().NotContain(factory.DatabasePath).And.NotContain("Data Source");
    }

    [SqliteFact] // breaks the database with SQLite-spelled SQL (unquoted names); a PostgreSQL version is to do
    public async Task Reports_503_without_details_when_the_database_is_not_a_knowledge_base()
    {
        using var factory = new KnowledgeBaseAppFactory();
        await factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE Sources RENAME TO SourcesGone"));
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = await response.Content.ReadAsStringAsync();
        body.Trim().Should().Be("Unhealthy: the database cannot be queried");
    }
}
