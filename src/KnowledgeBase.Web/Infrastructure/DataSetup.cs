using KnowledgeBase.Data;
using KnowledgeBase.Importing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Infrastructure;

internal static class DataSetup
{
    public const string ConnectionStringName = "KnowledgeBase";

    public static IServiceCollection AddKnowledgeBaseData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeBaseOptions>().Bind(configuration.GetSection(KnowledgeBaseOptions.Section));
        // Read when the container is built, not now, so hosts and tests can still override the setting.
        services.AddSingleton(sp => new DatabaseConnection(ResolveSqliteConnectionString(
            sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName) ?? "Data Source=data/knowledgebase.db",
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddDbContext<KnowledgeBaseDbContext>((sp, o) => o.UseKnowledgeBaseSqlite(sp.GetRequiredService<DatabaseConnection>().ConnectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<IChangeActor, HttpChangeActor>();
        services.AddScoped<Importer>();
        services.AddScoped<KnowledgeBase.Interchange.BibliographyImporter>();
        services.AddScoped<KnowledgeBase.Search.ISearchEngine, KnowledgeBase.Search.Sqlite.SqliteSearchEngine>();
        return services;
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

/// <summary>The resolved connection string of the knowledge base.</summary>
internal sealed record DatabaseConnection(string ConnectionString);
