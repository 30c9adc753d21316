using KnowledgeBase.Data;
using KnowledgeBase.Importing;
using KnowledgeBase.Linking;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Infrastructure;

internal static class DataSetup
{
    public const string ConnectionStringName = "KnowledgeBase";
    public const string ProviderSetting = "Database:Provider";

    /// <summary>The claim detector's probability threshold (0..1).</summary>
    public const string DetectionThresholdSetting = "Detection:Threshold";

    public static IServiceCollection AddKnowledgeBaseData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeBaseOptions>().Bind(configuration.GetSection(KnowledgeBaseOptions.Section));
        // Read when the container is built, not now, so hosts and tests can still override the settings.
        services.AddSingleton(sp => ReadSettings(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        // The provider decides the context's type (each provider has its own migrations), so the context is
        // made here rather than by AddDbContext, which fixes the type when services are registered.
        services.AddScoped(sp => DatabaseSetup.CreateContext(
            sp.GetRequiredService<DatabaseSettings>(),
            sp.GetRequiredService<IChangeActor>(),
            sp.GetRequiredService<TimeProvider>(),
            // Each commit refreshes the page cache's change stamp held in memory.
            o => o.UseApplicationServiceProvider(sp).UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
                .AddInterceptors(sp.GetRequiredService<ChangeStampCommits>())));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<IChangeActor, HttpChangeActor>();
        // The claim detector at the configured threshold (Detection:Threshold; default: the model's recall-oriented operating point).
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetValue<double?>(DetectionThresholdSetting) is { } threshold
            ? ClaimDetector.Default.WithThreshold(threshold)
            : ClaimDetector.Default);
        services.AddScoped<Importer>();
        services.AddScoped<KnowledgeBase.Interchange.BibliographyImporter>();
        // FTS5 on SQLite, tsvector on PostgreSQL: the context's provider decides. Rankings are shared while an index is unchanged.
        services.AddSingleton<KnowledgeBase.Search.SearchCandidateCache>();
        services.AddScoped(sp => KnowledgeBase.Search.SearchEngines.For(sp.GetRequiredService<KnowledgeBaseDbContext>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<KnowledgeBase.Search.SearchCandidateCache>()));
        return services;
    }

    /// <summary><c>Database:Provider</c> (Sqlite by default) and <c>ConnectionStrings:KnowledgeBase</c>.</summary>
    internal static DatabaseSettings ReadSettings(IConfiguration configuration, string contentRoot)
    {
        var provider = DatabaseSettings.ParseProvider(configuration[ProviderSetting]);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (provider == DatabaseProvider.Sqlite)
            return new(provider, ResolveSqliteConnectionString(string.IsNullOrWhiteSpace(connectionString) ? "Data Source=data/knowledgebase.db" : connectionString, contentRoot));
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException($"Database:Provider is Postgres but ConnectionStrings:{ConnectionStringName} is empty; set it to the server's connection string (docs/deploying.md).");
        return new(provider, connectionString);
    }

    /// <summary>
    /// A relative SQLite file is placed under the content root (the folder the app is started from),
    /// and its folder is created, so a first run needs nothing prepared.
    /// </summary>
    internal static string ResolveSqliteConnectionString(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } dataSource && dataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(dataSource) ? dataSource : Path.GetFullPath(Path.Combine(contentRoot, dataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        if (!connectionString.Contains("Default Timeout", StringComparison.OrdinalIgnoreCase))
        {
            csb.DefaultTimeout = 30; // seconds; also the busy timeout while another writer holds the lock
        }
        return csb.ToString();
    }
}
