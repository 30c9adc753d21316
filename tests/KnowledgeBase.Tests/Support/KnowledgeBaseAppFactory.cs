using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace KnowledgeBase.Tests.Support;

/// <summary>
/// The real app (Program.cs start-up: migrations, first-run seed import) on a fresh SQLite file.
/// One instance per test class through IClassFixture.
/// </summary>
public class KnowledgeBaseAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-web-").FullName;

    public string DatabasePath => Path.Combine(_folder, "knowledgebase.db");

    protected virtual int LoginAttemptsPerMinute => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:KnowledgeBase", $"Data Source={DatabasePath}");
        builder.UseSetting("KnowledgeBase:SeedsPath", TestPaths.Seeds);
        builder.UseSetting("KnowledgeBase:DataFolder", _folder);
        // All test requests come from one address: the sign-in limit would throttle the suite itself.
        // The limit's own test uses StrictLoginAppFactory, with the shipped default.
        builder.UseSetting("KnowledgeBase:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("KnowledgeBase:ImportSeedsOnFirstRun", "true");
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(_folder, "logs", "kb-.log"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
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
