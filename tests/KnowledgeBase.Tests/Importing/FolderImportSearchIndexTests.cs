using System.Globalization;
using KnowledgeBase.Data;
using KnowledgeBase.Search.Sqlite;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Importing;

/// <summary>
/// A folder import on SQLite indexes new claims and sources for search once per commit group instead of by trigger
/// (decision 0037): what search finds must be exactly what the triggers give, whatever the files, and the triggers
/// must be in place whenever the import is not inside a group (after it, after a failure, after a cancellation).
/// </summary>
public sealed class FolderImportSearchIndexTests : IDisposable
{
    private readonly TestDatabase _folderImported = new();
    private readonly TestDatabase _fileByFile = new();

    public void Dispose()
    {
        _folderImported.Dispose();
        _fileByFile.Dispose();
    }

    [SqliteFact]
    public async Task A_folder_import_indexes_exactly_what_importing_file_by_file_indexes()
    {
        // New articles, the library (its own kind of file, between articles), a bad file, a file repeating an article,
        // then a second folder with a changed article (the change-tracking path, which updates indexed rows) among new ones.
        var first = Folder("first");
        foreach (var seed in Directory.GetFiles(TestPaths.Seeds, "*.txt")) File.Copy(seed, Path.Combine(first, Path.GetFileName(seed)));
        File.Copy(Path.Combine(TestPaths.Seeds, "reference-library.json"), Path.Combine(first, "reference-library.json"));
        for (var i = 0; i < 12; i++) await File.WriteAllTextAsync(Path.Combine(first, $"article-{i:D2}.txt"), Article(i, "slowed ALS"));
        await File.WriteAllTextAsync(Path.Combine(first, "article-05b.txt"), "\n\n   \n");
        await File.WriteAllTextAsync(Path.Combine(first, "article-99.txt"), Article(3, "slowed ALS"));
        var second = Folder("second");
        await File.WriteAllTextAsync(Path.Combine(second, "article-03.txt"), Article(3, "reversed Parkinson's disease"));
        for (var i = 20; i < 26; i++) await File.WriteAllTextAsync(Path.Combine(second, $"article-{i:D2}.txt"), Article(i, "cured knee arthritis"));

        await using (var db = _folderImported.CreateContext())
        {
            var importer = TestDatabase.CreateImporter(db);
            var report = await importer.ImportPathAsync(first);
            report.Errors.Should().ContainSingle().Which.Should().StartWith("article-05b.txt");
            (await importer.ImportPathAsync(second)).SourcesUpdated.Should().Be(1);
        }
        await using (var db = _fileByFile.CreateContext())
        {
            // One file at a time: each its own transaction, indexed by the triggers as it is written.
            var importer = TestDatabase.CreateImporter(db);
            foreach (var folder in new[] { first, second })
            {
                var files = Directory.GetFiles(folder).OrderBy(f => f.EndsWith(".json", StringComparison.Ordinal) ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal);
                foreach (var file in files) await importer.ImportFileAsync(file);
            }
        }

        foreach (var index in new[] { SqliteSearchSchema.Claims, SqliteSearchSchema.Sources })
        {
            var folderImported = await IndexedTermsAsync(_folderImported, index.Table);
            folderImported.Should().Contain(t => t.StartsWith("parkinson ", StringComparison.Ordinal), "the changed article's new words are found");
            folderImported.Should().Contain(t => t.StartsWith("knee ", StringComparison.Ordinal), "the second folder's new articles are found");
            folderImported.Should().Equal(await IndexedTermsAsync(_fileByFile, index.Table), $"{index.Table} holds every word of every row at the same place");
        }
        await using (var db = _folderImported.CreateContext())
        {
            await IntegrityCheckAsync(db);
            (await InsertTriggersAsync(db)).Should().Equal(await InsertTriggersAsync(_fileByFile), "the triggers are back as they were");
        }
    }

    [SqliteFact]
    public async Task A_cancelled_folder_import_leaves_the_triggers_and_an_index_that_agrees_with_its_tables()
    {
        var folder = Folder("incoming");
        for (var i = 0; i < 30; i++) await File.WriteAllTextAsync(Path.Combine(folder, $"article-{i:D2}.txt"), Article(i, "slowed ALS"));
        using var cancel = new CancellationTokenSource();
        var progress = new StopAfter(10, cancel);

        await using (var db = _folderImported.CreateContext())
        {
            var import = () => TestDatabase.CreateImporter(db).ImportPathAsync(folder, progress, cancel.Token);
            await import.Should().ThrowAsync<OperationCanceledException>();
        }

        await using (var db = _folderImported.CreateContext())
        {
            (await db.Sources.CountAsync()).Should().Be(0, "the group's transaction was rolled back");
            (await InsertTriggersAsync(db)).Should().HaveCount(SqliteSearchSchema.All.Count, "the rollback brought the dropped triggers back");
            var after = await TestDatabase.CreateImporter(db).ImportFileAsync(Path.Combine(folder, "article-00.txt"));
            after.SourcesAdded.Should().Be(1);
            await IntegrityCheckAsync(db);
            (await IndexedTermsAsync(_folderImported, SqliteSearchSchema.Claims.Table)).Should().Contain(t => t.StartsWith("slow ", StringComparison.Ordinal),
                "a claim written after the cancelled import is indexed by its trigger");
        }
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_folderImported.Folder, name)).FullName;

    private static string Article(int i, string outcome) => string.Create(CultureInfo.InvariantCulture,
        $"Clinic report {i}\n\nClinic report {i}\n\nIn the phase II clinical trial number {i}, stem cell therapy {outcome} in {40 + i}% of the {i + 8} patients.\n\n" +
        $"The treatment was proven safe in trial {i}, with no serious adverse events over {i + 2} years.\n");

    /// <summary>Every indexed word instance (term, row, column, position), sorted: two indexes that agree here answer every query alike.</summary>
    private static async Task<List<string>> IndexedTermsAsync(TestDatabase database, string table)
    {
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE VIRTUAL TABLE temp.\"vocab\" USING fts5vocab(main, '{table}', 'instance')";
            await create.ExecuteNonQueryAsync();
        }
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT term, doc, col, offset FROM temp.\"vocab\"";
        var terms = new List<string>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            terms.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {reader.GetInt64(1)} {reader.GetString(2)} {reader.GetInt64(3)}"));
        terms.Sort(StringComparer.Ordinal);
        return terms;
    }

    private static async Task<List<string>> InsertTriggersAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await InsertTriggersAsync(db);
    }

    private static Task<List<string>> InsertTriggersAsync(KnowledgeBaseDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%Search_AfterInsert' ORDER BY name").ToListAsync();

    /// <summary>FTS5's own check that each index agrees with its table (it fails with "database disk image is malformed" otherwise).</summary>
    private static async Task IntegrityCheckAsync(KnowledgeBaseDbContext db)
    {
        foreach (var index in SqliteSearchSchema.All)
        {
            var sql = $"INSERT INTO \"{index.Table}\"(\"{index.Table}\", rank) VALUES('integrity-check', 1)";
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }

    /// <summary>Cancels the import when it reports the file after <paramref name="files"/> (synchronously, in the writer).</summary>
    private sealed class StopAfter(int files, CancellationTokenSource cancel) : IProgress<KnowledgeBase.Importing.ImportProgress>
    {
        public void Report(KnowledgeBase.Importing.ImportProgress value)
        {
            if (value.FileNumber > files) cancel.Cancel();
        }
    }
}
