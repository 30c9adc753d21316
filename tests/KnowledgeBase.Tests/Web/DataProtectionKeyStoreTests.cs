using System.Xml.Linq;
using KnowledgeBase.Data;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The key ring lives in the DataProtectionKeys table (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore). A key
/// already in the table, stored as the key manager writes it (as earlier versions of the app stored theirs), is the one
/// the app uses: an upgrade signs nobody out and invalidates no form. Sharing between instances: <see cref="SeveralInstancesTests"/>.
/// </summary>
public sealed class DataProtectionKeyStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-keys-").FullName;

    public void Dispose()
    {
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

    [Fact]
    public async Task A_key_already_in_the_database_is_used_and_no_new_one_is_made()
    {
        // A key ring made elsewhere with the app's application name, and something protected with it (a cookie's payload).
        var keysFolder = Directory.CreateDirectory(Path.Combine(_folder, "keys"));
        var earlier = DataProtectionProvider.Create(keysFolder, b => b.SetApplicationName(DataProtectionSetup.ApplicationName));
        var token = earlier.CreateProtector("kb-test").Protect("signed in as editor 7");
        var keyFile = keysFolder.GetFiles("key-*.xml").Should().ContainSingle().Subject;

        var database = TestDatabases.Provider == DatabaseProvider.Postgres
            ? new DatabaseSettings(DatabaseProvider.Postgres, TestDatabases.CreatePostgresDatabase(migrated: false))
            : new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "knowledgebase.db")}");
        try
        {
            await using (var db = DatabaseSetup.CreateContext(database, new SystemActor("test"), TimeProvider.System))
            {
                await DatabaseInitializer.MigrateAsync(db, NullLogger.Instance, CancellationToken.None);
                db.DataProtectionKeys.Add(new DataProtectionKey
                {
                    FriendlyName = Path.GetFileNameWithoutExtension(keyFile.Name),
                    Xml = XElement.Load(keyFile.FullName).ToString(SaveOptions.DisableFormatting),
                });
                await db.SaveChangesAsync();
            }

            await using var app = KnowledgeBaseAppFactory.OnDatabase(database);
            var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("kb-test");

            protector.Unprotect(token).Should().Be("signed in as editor 7");
            protector.Unprotect(protector.Protect("again")).Should().Be("again");
            (await app.QueryAsync(db => db.DataProtectionKeys.CountAsync())).Should().Be(1, "the stored key is current, so the app makes no other");
        }
        finally
        {
            if (database.Provider == DatabaseProvider.Postgres) TestDatabases.DropPostgresDatabase(database.ConnectionString);
        }
    }
}
