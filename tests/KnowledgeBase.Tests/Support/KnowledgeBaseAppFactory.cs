using KnowledgeBase.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace KnowledgeBase.Tests.Support;

/// <summary>
/// The real app (Program.cs start-up: migrations, first-run seed import) on a fresh database: a SQLite
/// file, or its own PostgreSQL database when the suite runs on PostgreSQL (<see cref="TestDatabases"/>).
/// One instance per test class through IClassFixture, or one for the read-only classes of <see cref="SharedSeededApp"/>.
/// </summary>
public class KnowledgeBaseAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-web-").FullName;
    private readonly bool _ownsDatabase;

    public KnowledgeBaseAppFactory()
        : this(TestDatabases.Provider)
    {
    }

    /// <summary>The app on a fresh database of the given provider (a SQLite-only fixture passes Sqlite).</summary>
    protected KnowledgeBaseAppFactory(DatabaseProvider provider)
    {
        _ownsDatabase = true;
        Database = provider == DatabaseProvider.Postgres
            ? new(DatabaseProvider.Postgres, TestDatabases.CreatePostgresDatabase(migrated: false))
            : new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "knowledgebase.db")}");
    }

    private KnowledgeBaseAppFactory(DatabaseSettings database)
    {
        Database = database;
    }

    /// <summary>Another instance of the app on an existing database (which the caller owns and drops).</summary>
    public static KnowledgeBaseAppFactory OnDatabase(DatabaseSettings database) => new(database);

    /// <summary>The database this app instance runs on.</summary>
    public DatabaseSettings Database { get; }

    /// <summary>The SQLite file this app instance runs on (SQLite fixtures only).</summary>
    public string DatabasePath => Database.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource
        : throw new InvalidOperationException("This fixture runs on PostgreSQL; it has no database file.");

    protected virtual int LoginAttemptsPerMinute => 10_000;

    /// <summary>Whether the app prepares the evidence ranking in the background at start-up (off in tests but the warm-up's own).</summary>
    protected virtual bool WarmEvidenceOnStart => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:KnowledgeBase", Database.ConnectionString);
        builder.UseSetting("KnowledgeBase:SeedsPath", TestPaths.Seeds);
        builder.UseSetting("KnowledgeBase:DataFolder", _folder);
        // One int8 embedding model file for every test instead of one built per data folder (a few seconds each).
        builder.UseSetting("KnowledgeBase:ModelFolder", new KnowledgeBase.Retrieval.ArcticXsOptions().CacheFolder);
        // All test requests come from one address: the sign-in limit would throttle the suite itself.
        // The limit's own test uses StrictLoginAppFactory, with the shipped default.
        builder.UseSetting("KnowledgeBase:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("KnowledgeBase:ImportSeedsOnFirstRun", "true");
        // No background embedding at start-up: it would write while tests compare table snapshots. Tests that
        // need embeddings fill them explicitly (RecordEmbeddings.FillAsync), which is what the service runs.
        builder.UseSetting("KnowledgeBase:FillEmbeddingsOnStart", "false");
        // Nor the evidence warm-up: /health would say "Degraded" for its first moments. EvidenceWarmupTests turn it on.
        builder.UseSetting("KnowledgeBase:WarmEvidenceOnStart", WarmEvidenceOnStart ? "true" : "false");
        builder.UseSetting("Serilog:WriteTo:0:Args:configure:1:Args:path", Path.Combine(_folder, "logs", "kb-.log"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (_ownsDatabase && Database.Provider == DatabaseProvider.Postgres) TestDatabases.DropPostgresDatabase(Database.ConnectionString);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

/// <summary>The app with the shipped sign-in rate limit (10 a minute).</summary>
public sealed class StrictLoginAppFactory : KnowledgeBaseAppFactory
{
    protected override int LoginAttemptsPerMinute => new KnowledgeBase.Web.Infrastructure.KnowledgeBaseOptions().LoginAttemptsPerMinute;
}

/// <summary>The app preparing the evidence ranking at start-up, as shipped.</summary>
public sealed class WarmEvidenceAppFactory : KnowledgeBaseAppFactory
{
    protected override bool WarmEvidenceOnStart => true;
}
