using KnowledgeBase.Data;
using KnowledgeBase.Synthetic;
using Microsoft.AspNetCore.Hosting;

namespace KnowledgeBase.Tests.Support;

/// <summary>The app started on a generated corpus of <paramref name="size"/> instead of the seeds (the generator writes SQLite files only).</summary>
public abstract class GeneratedCorpusAppFactoryBase(CorpusSize size, int seed) : KnowledgeBaseAppFactory(DatabaseProvider.Sqlite), IAsyncLifetime
{
    public async Task InitializeAsync() => await CorpusGenerator.GenerateAsync(DatabasePath, size, new CorpusOptions { Seed = seed });

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("KnowledgeBase:ImportSeedsOnFirstRun", "false");
    }
}
