using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace KnowledgeBase.Tests.Support;

/// <summary>
/// The real app (Program.cs start-up: migrations, first-run seed import) on a fresh SQLite file.
/// One instance per test class through IClassFixture.
/// </summary>
public sealed class KnowledgeBaseAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-web-").FullName;

    public string DatabasePath => Path.Combine(_folder, "knowledgebase.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:KnowledgeBase", $"Data Source={DatabasePath}");
        builder.UseSetting("KnowledgeBase:SeedsPath", TestPaths.Seeds);
        builder.UseSetting("KnowledgeBase:DataFolder", _folder);
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
