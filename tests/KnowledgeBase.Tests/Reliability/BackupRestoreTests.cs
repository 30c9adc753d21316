using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Reliability;

public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-backup-").FullName;

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

    /// <summary>How long the writer may take to save the next five tags (it takes milliseconds; a stuck writer fails the test instead of hanging it).</summary>
    private static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(60);

    /// <summary>Waits until the writer has saved <paramref name="target"/> tags; a writer that failed or stalled fails the test.</summary>
    private static async Task WaitForWritesAsync(Task writer, Func<int> written, int target)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (written() < target)
        {
            if (writer.IsCompleted) await writer; // rethrows the writer's exception
            writer.IsCompleted.Should().BeFalse("the writer stops only when told to");
            waited.Elapsed.Should().BeLessThan(WriterWait, $"the writer saved {written()} of {target} tags");
            await Task.Delay(10);
        }
    }

    [SqliteFact] // backup and restore are for the embedded SQLite file; PostgreSQL uses pg_dump
    public async Task A_backup_taken_while_a_writer_writes_is_a_consistent_snapshot_and_restores_identically()
    {
        using var live = new KnowledgeBaseAppFactory();
        _ = live.Server;
        using var stop = new CancellationTokenSource();
        var written = 0;
        // The writer saves tags through the app's DbContext: each save is the tag plus its change record, in one transaction.
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var scope = live.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
                var name = $"probe {written + 1}";
                db.Tags.Add(new Tag { Name = name, NormalizedName = Tag.Normalize(name), Kind = TagKind.Free, CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
                Interlocked.Increment(ref written);
            }
        });

        var backups = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await WaitForWritesAsync(writer, () => Volatile.Read(ref written), (i + 1) * 5);
            var file = Path.Combine(_folder, $"backup-{i}.db");
            var output = new StringWriter();
            var code = await new BackupCommand(file, Force: false).RunAsync(live.Services, output);
            code.Should().Be(0, output.ToString());
            output.ToString().Should().Contain("integrity check: ok").And.Contain("Tags");
            backups.Add(file);
        }
        await stop.CancelAsync();
        await writer;

        foreach (var file in backups)
        {
            await using var backup = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            await backup.OpenAsync();
            var tags = await ScalarAsync(backup, "SELECT COUNT(*) FROM Tags WHERE Name LIKE 'probe %'");
            var records = await ScalarAsync(backup, "SELECT COUNT(*) FROM ChangeRecords WHERE EntityType = 'Tag' AND Action = 'created'");
            var highest = await ScalarAsync(backup, "SELECT COALESCE(MAX(CAST(SUBSTR(Name, 7) AS INTEGER)), 0) FROM Tags WHERE Name LIKE 'probe %'");
            tags.Should().BeGreaterThan(0);
            records.Should().Be(tags, "every tag in the snapshot comes with its change record: no half transaction");
            highest.Should().Be(tags, "the snapshot holds a gap-free prefix of the writes");
            (await ScalarAsync(backup, "SELECT COUNT(*) FROM Sources")).Should().BeGreaterThan(0);
        }

        // Restore the last backup over another knowledge base.
        using var other = new KnowledgeBaseAppFactory();
        _ = other.Server;
        var refused = new StringWriter();
        (await new RestoreCommand(backups[^1], Force: false).RunAsync(other.Services, refused)).Should().Be(1);
        refused.ToString().Should().Contain("already holds a knowledge base").And.Contain("--force");
        (await other.QueryAsync(db => db.Tags.CountAsync(t => t.Name.StartsWith("probe ")))).Should().Be(0, "a refused restore changes nothing");

        var restoreOutput = new StringWriter();
        var restored = await new RestoreCommand(backups[^1], Force: true).RunAsync(other.Services, restoreOutput);
        restored.Should().Be(0, restoreOutput.ToString());
        restoreOutput.ToString().Should().Contain("every table's rows and checksum match the backup").And.NotContain("DIFFERENT");

        var expected = await SqliteBackup.VerifyAsync(backups[^1]);
        var actual = await other.QueryAsync(db => TableChecksums.ComputeAsync(db));
        actual.Should().Equal(expected);
        actual.Single(t => t.Table == "Tags").Rows.Should().BeGreaterThan(7);
    }

    [SqliteFact] // backup and restore are for the embedded SQLite file; PostgreSQL uses pg_dump
    public async Task Restore_refuses_a_file_that_is_not_a_knowledge_base_and_leaves_the_database_alone()
    {
        using var app = new KnowledgeBaseAppFactory();
        var before = await app.QueryAsync(db => TableChecksums.ComputeAsync(db));
        var notADatabase = Path.Combine(_folder, "notes.db");
        await File.WriteAllTextAsync(notADatabase, "this is not SQLite");

        var output = new StringWriter();
        var code = await new RestoreCommand(notADatabase, Force: true).RunAsync(app.Services, output);

        code.Should().Be(1);
        output.ToString().Should().Contain("notes.db cannot be read as a KnowledgeBase database");
        (await app.QueryAsync(db => TableChecksums.ComputeAsync(db))).Should().Equal(before);
    }

    [SqliteFact] // backup and restore are for the embedded SQLite file; PostgreSQL uses pg_dump
    public async Task Restore_into_a_database_another_connection_is_reading_says_it_is_in_use_and_changes_nothing()
    {
        using var app = new KnowledgeBaseAppFactory();
        _ = app.Server;
        var file = Path.Combine(_folder, "backup.db");
        (await new BackupCommand(file, Force: false).RunAsync(app.Services, new StringWriter())).Should().Be(0);
        await app.QueryAsync(db =>
        {
            db.Tags.Add(new Tag { Name = "after the backup", NormalizedName = Tag.Normalize("after the backup"), Kind = TagKind.Free, CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        var before = await app.QueryAsync(db => TableChecksums.ComputeAsync(db));
        var database = await app.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));

        // Another process reading the database (as a running app does while it answers a request).
        await using (var reader = new SqliteConnection(new SqliteConnectionStringBuilder(database) { Pooling = false }.ToString()))
        {
            await reader.OpenAsync();
            await using var reading = await reader.BeginTransactionAsync();
            await using (var read = reader.CreateCommand())
            {
                read.Transaction = (SqliteTransaction)reading;
                read.CommandText = "SELECT COUNT(*) FROM Tags";
                await read.ExecuteScalarAsync();
            }

            var output = new StringWriter();
            var code = await new RestoreCommand(file, Force: true).RunAsync(app.Services, output);

            code.Should().Be(1, output.ToString());
            output.ToString().Should().Contain("is in use").And.Contain("stop the app").And.NotContain("SQLite Error");
        }
        (await app.QueryAsync(db => TableChecksums.ComputeAsync(db))).Should().Equal(before, "a restore that could not start leaves the database as it was");
    }

    [SqliteFact] // backup and restore are for the embedded SQLite file; PostgreSQL uses pg_dump
    public async Task Backup_refuses_to_overwrite_a_file_without_force()
    {
        using var app = new KnowledgeBaseAppFactory();
        _ = app.Server;
        var file = Path.Combine(_folder, "existing.db");
        await File.WriteAllTextAsync(file, "keep me");

        var output = new StringWriter();
        (await new BackupCommand(file, Force: false).RunAsync(app.Services, output)).Should().Be(1);

        output.ToString().Should().Contain("already exists").And.Contain("--force");
        (await File.ReadAllTextAsync(file)).Should().Be("keep me");
    }

    [SqliteFact] // backup and restore are for the embedded SQLite file; PostgreSQL uses pg_dump
    public async Task Checksums_change_when_one_value_changes_and_not_when_rows_are_reordered()
    {
        using var database = new TestDatabase();
        await using (var db = database.CreateContext())
        {
            await TestDatabase.CreateImporter(db).ImportPathAsync(TestPaths.Seeds);
        }
        IReadOnlyList<TableChecksum> before;
        await using (var db = database.CreateContext()) before = await TableChecksums.ComputeAsync(db);

        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE Studies SET Title = Title || '.' WHERE Id = (SELECT MIN(Id) FROM Studies)");
        }
        IReadOnlyList<TableChecksum> changed;
        await using (var db = database.CreateContext()) changed = await TableChecksums.ComputeAsync(db);
        changed.Single(t => t.Table == "Studies").Checksum.Should().NotBe(before.Single(t => t.Table == "Studies").Checksum);
        changed.Single(t => t.Table == "Studies").Rows.Should().Be(before.Single(t => t.Table == "Studies").Rows);
        changed.Where(t => t.Table != "Studies").Should().Equal(before.Where(t => t.Table != "Studies"));
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
