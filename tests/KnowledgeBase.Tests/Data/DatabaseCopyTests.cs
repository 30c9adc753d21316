using KnowledgeBase.Data;
using KnowledgeBase.Data.Copying;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Data;

/// <summary>copy-database: a knowledge base moves between SQLite and PostgreSQL with every row intact.</summary>
public sealed class DatabaseCopyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-copy-").FullName;
    private readonly List<string> _postgresDatabases = [];

    public void Dispose()
    {
        foreach (var database in _postgresDatabases) TestDatabases.DropPostgresDatabase(database);
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private DatabaseSettings NewSqlite(string name) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, name + ".db"), Pooling = false }.ToString());

    private DatabaseSettings NewPostgres()
    {
        var connectionString = TestDatabases.CreatePostgresDatabase(migrated: false);
        _postgresDatabases.Add(connectionString);
        return new(DatabaseProvider.Postgres, connectionString);
    }

    private static KnowledgeBaseDbContext Open(DatabaseSettings settings) =>
        DatabaseSetup.CreateContext(settings, new SystemActor("test"), TimeProvider.System);

    /// <summary>The seeds, an editor's change (history with its JSON), a tag, a locked account and a data-protection key.</summary>
    private static async Task<DatabaseSettings> SeededSqliteAsync(DatabaseSettings settings)
    {
        await using var db = Open(settings);
        await db.Database.MigrateAsync();
        var report = await TestDatabase.CreateImporter(db).ImportPathAsync(TestPaths.Seeds);
        report.Errors.Should().BeEmpty();
        var claim = await db.Claims.Include(c => c.Tags).OrderBy(c => c.Id).FirstAsync();
        claim.Status = ClaimStatus.Confirmed;
        claim.Tags.Add(await db.Tags.OrderBy(t => t.Id).FirstAsync());
        db.Accounts.Add(new Account
        {
            Email = "Ada@Example.org", NormalizedEmail = Account.Normalize("Ada@Example.org"), DisplayName = "Ada Ünal", PasswordHash = "x", SecurityStamp = "s",
            Role = AccountRole.Admin, CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9), LockedOutUntil = DateTime.UtcNow,
        });
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "key-1", Xml = "<key id=\"1\" />" });
        await db.SaveChangesAsync();
        return settings;
    }

    private static async Task<IReadOnlyList<TableChecksum>> ChecksumsAsync(DatabaseSettings settings)
    {
        await using var db = Open(settings);
        return await TableChecksums.ComputeAsync(db);
    }

    private static async Task<CopyReport> CopyAsync(DatabaseSettings from, DatabaseSettings to)
    {
        await using var source = Open(from);
        await using var target = Open(to);
        return await new DatabaseCopier(source, target).CopyAsync();
    }

    [PostgresFact]
    public async Task Seeds_copied_from_SQLite_to_PostgreSQL_and_back_keep_every_row()
    {
        var original = await SeededSqliteAsync(NewSqlite("original"));
        var postgres = NewPostgres();
        var back = NewSqlite("back");

        var there = await CopyAsync(original, postgres);
        var again = await CopyAsync(postgres, back);

        var expected = await ChecksumsAsync(original);
        expected.Should().Contain(t => t.Table == "Claims" && t.Rows > 0).And.Contain(t => t.Table == "ChangeRecords" && t.Rows > 0);
        there.Tables.Should().Equal(expected);
        (await ChecksumsAsync(postgres)).Should().Equal(expected);
        again.Tables.Should().Equal(expected);
        (await ChecksumsAsync(back)).Should().Equal(expected);

        // The copy is a working knowledge base: new rows get fresh ids after the copied ones.
        await using var db = Open(postgres);
        var maxId = await db.Tags.MaxAsync(t => t.Id);
        db.Tags.Add(new Tag { Name = "Added after the move", NormalizedName = Tag.Normalize("Added after the move"), Kind = TagKind.Free, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        (await db.Tags.MaxAsync(t => t.Id)).Should().BeGreaterThan(maxId);
        (await db.Accounts.SingleAsync()).DisplayName.Should().Be("Ada Ünal");
    }

    [Fact]
    public async Task A_copy_has_the_same_counts_and_checksums_as_its_source()
    {
        var original = await SeededSqliteAsync(NewSqlite("original"));
        var target = TestDatabases.Provider == DatabaseProvider.Postgres ? NewPostgres() : NewSqlite("copy");

        var report = await CopyAsync(original, target);

        report.Tables.Should().Equal(await ChecksumsAsync(original));
        (await ChecksumsAsync(target)).Should().Equal(report.Tables);
    }

    [Fact]
    public async Task A_target_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        var original = await SeededSqliteAsync(NewSqlite("original"));
        var target = TestDatabases.Provider == DatabaseProvider.Postgres ? NewPostgres() : NewSqlite("target");
        await CopyAsync(original, target);
        var before = await ChecksumsAsync(target);

        var refused = () => CopyAsync(original, target);

        (await refused.Should().ThrowAsync<DatabaseCopyException>()).Which.Message.Should().Contain("not empty").And.Contain("Claims");
        (await ChecksumsAsync(target)).Should().Equal(before);
    }

    /// <summary>
    /// A NUL stored on SQLite before input was cleaned (written here straight into the file, past the
    /// app's own cleaning) used to make a copy to PostgreSQL die with an unhandled Npgsql error.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_value_a_database_cannot_store_is_reported_by_row_and_column_and_nothing_is_written(DatabaseProvider targetProvider)
    {
        if (targetProvider == DatabaseProvider.Postgres && TestDatabases.PostgresServer is null) return; // needs KNOWLEDGEBASE_TEST_POSTGRES
        var original = await SeededSqliteAsync(NewSqlite("original"));
        int sourceId;
        await using (var db = Open(original))
        {
            sourceId = await db.Sources.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE Sources SET FileName = 'bad' || char(0) || 'name.txt' WHERE Id = {0}", sourceId);
            await db.Database.ExecuteSqlRawAsync("UPDATE Tags SET Description = 'a' || char(0) WHERE Id = 1");
        }
        var target = targetProvider == DatabaseProvider.Postgres ? NewPostgres() : NewSqlite("target");
        await using (var db = Open(target)) await db.Database.MigrateAsync();
        var empty = await ChecksumsAsync(target);

        var copy = () => CopyAsync(original, target);

        var message = (await copy.Should().ThrowAsync<DatabaseCopyException>()).Which.Message;
        message.Should().Contain("2 value(s)").And.Contain("nothing was written")
            .And.Contain($"Sources (Id {sourceId}), column FileName: a NUL character (U+0000) at character 4")
            .And.Contain("Tags (Id 1), column Description: a NUL character (U+0000) at character 2");
        (await ChecksumsAsync(target)).Should().Equal(empty, "the copy is all or nothing");
    }

    [Fact]
    public void Checksums_normalise_values_the_same_way_on_both_providers()
    {
        TableChecksums.Canonical(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified).AddTicks(1_234_567))
            .Should().Be(TableChecksums.Canonical(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_560)), "PostgreSQL keeps microseconds");
        TableChecksums.Canonical(new TableChecksums.JsonText("{\"b\": 1, \"a\": [\"x\"]}"))
            .Should().Be(TableChecksums.Canonical(new TableChecksums.JsonText("{\"a\":[\"x\"],\"b\":1}")), "jsonb reorders keys");
        TableChecksums.Canonical(new List<string> { "a", "b" }).Should().Be(TableChecksums.Canonical(new System.Collections.ObjectModel.Collection<string> { "a", "b" }));
        TableChecksums.Canonical(null).Should().NotBe(TableChecksums.Canonical(""));
    }
}
