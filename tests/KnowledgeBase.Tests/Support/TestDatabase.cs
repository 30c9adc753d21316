using KnowledgeBase.Data;
using KnowledgeBase.Importing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgeBase.Tests.Support;

/// <summary>A real SQLite file in a temporary folder, migrated, deleted afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-test-").FullName;

    public TestDatabase()
    {
        Path = System.IO.Path.Combine(_folder, "knowledgebase.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public string Path { get; }
    public string ConnectionString { get; }

    public KnowledgeBaseDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<KnowledgeBaseDbContext>();
        options.UseKnowledgeBaseSqlite(ConnectionString);
        return new(options.Options, new SystemActor("test"), TimeProvider.System);
    }

    public static Importer CreateImporter(KnowledgeBaseDbContext db) => new(db, NullLogger<Importer>.Instance, TimeProvider.System);

    /// <summary>A scratch folder beside the database for files a test writes.</summary>
    public string Folder => _folder;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
