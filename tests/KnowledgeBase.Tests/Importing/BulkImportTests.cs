using System.Data.Common;
using KnowledgeBase.Browsing;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Linking;
using KnowledgeBase.Primitives;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Importing;

/// <summary>
/// Articles from a new file name are written with prepared commands, not the change tracker, and files are
/// prepared in parallel: what is stored, recorded and reported must be what the change-tracking path gives.
/// </summary>
public sealed class BulkImportTests : IDisposable
{
    private readonly TestDatabase _imported = new();
    private readonly TestDatabase _tracked = new();

    public void Dispose()
    {
        _imported.Dispose();
        _tracked.Dispose();
    }

    [Fact]
    public async Task Stores_and_records_new_articles_exactly_as_change_tracking_does()
    {
        // The library first, so the seed articles' references resolve to studies and trials in both databases.
        var library = Path.Combine(TestPaths.Seeds, "reference-library.json");
        var seeds = Directory.GetFiles(TestPaths.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        await using (var db = _imported.CreateContext())
        {
            var importer = TestDatabase.CreateImporter(db);
            (await importer.ImportFileAsync(library)).Error.Should().BeNull();
            foreach (var seed in seeds) (await importer.ImportFileAsync(seed)).Error.Should().BeNull();
        }
        await using (var db = _tracked.CreateContext())
        {
            (await TestDatabase.CreateImporter(db).ImportFileAsync(library)).Error.Should().BeNull();
            foreach (var seed in seeds) await AddWithChangeTrackingAsync(db, seed);
        }

        foreach (var table in new[] { "Sources", "SourceTherapyKinds", "SourceConditions", "SourceReferences", "Claims", "ChangeRecords" })
        {
            // The order of one save's history rows is the change tracker's, which is incidental: compared by record, not by id.
            var bulk = await RowsAsync(_imported, table, table == "ChangeRecords");
            var tracked = await RowsAsync(_tracked, table, table == "ChangeRecords");
            bulk.Should().NotBeEmpty();
            bulk.Should().HaveSameCount(tracked, $"the bulk path writes {table} as SaveChanges does");
            for (var i = 0; i < bulk.Count; i++)
                bulk[i].Should().Be(tracked[i], $"the bulk path writes {table} as SaveChanges and its auditor do (row {i + 1})");
        }
    }

    [Fact]
    public async Task A_folder_with_a_many_article_file_stores_the_ids_and_history_change_tracking_gives()
    {
        // On PostgreSQL a file's new sources are written together, with ids taken from the sequences beforehand: the ids of
        // every table must still be the change tracker's, article after article, and the history must follow them.
        var library = Path.Combine(TestPaths.Seeds, "reference-library.json");
        var folder = Path.Combine(_imported.Folder, "incoming");
        Directory.CreateDirectory(folder);
        var seeds = Directory.GetFiles(TestPaths.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        foreach (var seed in seeds)
        {
            var text = await File.ReadAllTextAsync(seed);
            // A doubled title opens each article; a seed that opens with its own keeps it.
            var titled = $"Part {parts.Count + 1}\n\nPart {parts.Count + 1}\n\n{text}";
            parts.Add(Parses(titled) ? titled : text);
        }
        var combined = Path.Combine(folder, "a-combined.txt");
        var single = Path.Combine(folder, "b-single.txt");
        await File.WriteAllTextAsync(combined, string.Join("\n\n", parts));
        await File.WriteAllTextAsync(single, "Article B\n\nArticle B\n\nThe phase I clinical trial included 12 patients and showed no serious adverse events.\n");
        var articles = parts.Sum(p => ArticleParser.Parse(p).Count);
        ArticleParser.Parse(await File.ReadAllTextAsync(combined)).Should().HaveCount(articles, "the file holds the seeds' articles, each as it stands on its own");

        await using (var db = _imported.CreateContext())
        {
            (await TestDatabase.CreateImporter(db).ImportFileAsync(library)).Error.Should().BeNull();
            var report = await TestDatabase.CreateImporter(db).ImportPathAsync(folder);
            report.HasErrors.Should().BeFalse();
            report.SourcesAdded.Should().Be(articles + 1);
        }
        await using (var db = _tracked.CreateContext())
        {
            (await TestDatabase.CreateImporter(db).ImportFileAsync(library)).Error.Should().BeNull();
            await AddWithChangeTrackingAsync(db, combined);
            await AddWithChangeTrackingAsync(db, single);
        }

        foreach (var table in new[] { "Sources", "SourceTherapyKinds", "SourceConditions", "SourceReferences", "Claims", "ChangeRecords" })
        {
            var bulk = await RowsAsync(_imported, table, table == "ChangeRecords");
            var tracked = await RowsAsync(_tracked, table, table == "ChangeRecords");
            bulk.Should().NotBeEmpty();
            bulk.Should().Equal(tracked, $"the bulk path writes {table} of a many-article file as SaveChanges does");
        }

        // The history of the imported sources, by id: each source, then each of its claims, source after source.
        await using (var db = _imported.CreateContext())
        {
            var sources = await db.Sources.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, Claims = s.Claims.OrderBy(c => c.Id).Select(c => c.Id).ToList() }).ToListAsync();
            var expected = sources.SelectMany(s => s.Claims.Select(c => $"Claim {c}").Prepend($"Source {s.Id}")).ToList();
            var recorded = await db.ChangeRecords.AsNoTracking().Where(r => r.EntityType == "Source" || r.EntityType == "Claim")
                .OrderBy(r => r.Id).Select(r => new { r.EntityType, r.EntityId }).ToListAsync();
            recorded.Select(r => $"{r.EntityType} {r.EntityId}").Should().Equal(expected);
        }
    }

    private static bool Parses(string text)
    {
        try
        {
            return ArticleParser.Parse(text).Count > 0;
        }
        catch (ImportFormatException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_folder_is_reported_in_file_order_and_a_bad_file_among_many_loses_nothing_else()
    {
        var folder = Path.Combine(_imported.Folder, "incoming");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 40; i++)
        {
            var text = i == 17
                ? "\n\n   \n"
                : $"Article {i}\n\nArticle {i}\n\nThe phase I clinical trial number {i} included {i + 8} patients and showed no serious adverse events.\n";
            await File.WriteAllTextAsync(Path.Combine(folder, $"article-{i:D3}.txt"), text);
        }

        await using var db = _imported.CreateContext();
        var report = await TestDatabase.CreateImporter(db).ImportPathAsync(folder);

        report.Files.Select(f => f.FileName).Should().Equal(Enumerable.Range(0, 40).Select(i => $"article-{i:D3}.txt"));
        report.Errors.Should().ContainSingle().Which.Should().StartWith("article-017.txt");
        report.SourcesAdded.Should().Be(39);
        report.ClaimsDetected.Should().Be(39);
        (await db.Sources.CountAsync()).Should().Be(39);
        (await db.Claims.CountAsync()).Should().Be(39);
        (await db.ChangeRecords.CountAsync(r => r.Action == "created")).Should().Be(78, "a history row for each source and each claim");

        var again = await TestDatabase.CreateImporter(db).ImportPathAsync(folder);
        again.SourcesAdded.Should().Be(0);
        again.SourcesUnchanged.Should().Be(39);
        (await db.Sources.CountAsync()).Should().Be(39);
    }

    [SqliteFact]
    public async Task Stores_every_value_as_the_same_SQLite_type_and_text_form_as_change_tracking()
    {
        // The SQLite writer binds values itself (by position, on the connection's handle): an integer stored as text or a
        // time in another format would read back the same through .NET, so the stored form is compared here.
        var library = Path.Combine(TestPaths.Seeds, "reference-library.json");
        var seeds = Directory.GetFiles(TestPaths.Seeds, "*.txt").Order(StringComparer.Ordinal).Take(3).ToList();
        await using (var db = _imported.CreateContext())
        {
            (await TestDatabase.CreateImporter(db).ImportFileAsync(library)).Error.Should().BeNull();
            foreach (var seed in seeds) (await TestDatabase.CreateImporter(db).ImportFileAsync(seed)).Error.Should().BeNull();
        }
        await using (var db = _tracked.CreateContext())
        {
            (await TestDatabase.CreateImporter(db).ImportFileAsync(library)).Error.Should().BeNull();
            foreach (var seed in seeds) await AddWithChangeTrackingAsync(db, seed);
        }

        foreach (var table in new[] { "Sources", "SourceTherapyKinds", "SourceConditions", "SourceReferences", "Claims", "ChangeRecords" })
        {
            var bulk = await StoredFormsAsync(_imported, table);
            var tracked = await StoredFormsAsync(_tracked, table);
            bulk.Should().NotBeEmpty();
            bulk.Should().Equal(tracked, $"the SQLite writer stores {table}' values as SaveChanges does");
        }
    }

    [Fact]
    public async Task A_file_the_database_refuses_midway_is_rolled_back_alone_and_is_added_by_the_next_import()
    {
        var folder = Path.Combine(_imported.Folder, "incoming");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 30; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"article-{i:D3}.txt"),
                $"Article {i}\n\nArticle {i}\n\nThe phase I clinical trial number {i} included {i + 8} patients and showed no serious adverse events.\n");
        }
        await using (var setup = _imported.CreateContext())
        {
            // Refuse the claim of one file, after its source was written: the file's savepoint must take the source back too.
            await setup.Database.ExecuteSqlRawAsync(setup.Database.IsNpgsql()
                ? """
                  CREATE FUNCTION refuse_claim() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'claim refused'; END $$;
                  CREATE TRIGGER refuse_claim BEFORE INSERT ON "Claims" FOR EACH ROW WHEN (NEW."Quote" LIKE '%number 17 %') EXECUTE FUNCTION refuse_claim();
                  """
                : "CREATE TRIGGER refuse_claim BEFORE INSERT ON Claims WHEN NEW.Quote LIKE '%number 17 %' BEGIN SELECT RAISE(ABORT, 'claim refused'); END;");
        }

        await using (var db = _imported.CreateContext())
        {
            var report = await TestDatabase.CreateImporter(db).ImportPathAsync(folder);
            report.Errors.Should().ContainSingle().Which.Should().StartWith("article-017.txt: could not be stored").And.Contain("claim refused");
            report.SourcesAdded.Should().Be(29);
        }
        await using (var db = _imported.CreateContext())
        {
            (await db.Sources.CountAsync()).Should().Be(29);
            (await db.Sources.AnyAsync(s => s.FileName == "article-017.txt")).Should().BeFalse("the refused file's source was rolled back with its claim");
            (await db.Claims.CountAsync()).Should().Be(29);
            (await db.ChangeRecords.CountAsync(r => r.Action == "created")).Should().Be(58, "a history row for each source and claim kept, none for the refused file");
            await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "DROP TRIGGER refuse_claim ON \"Claims\"" : "DROP TRIGGER refuse_claim");
        }

        await using (var db = _imported.CreateContext())
        {
            var again = await TestDatabase.CreateImporter(db).ImportPathAsync(folder);
            again.HasErrors.Should().BeFalse();
            again.SourcesAdded.Should().Be(1);
            again.SourcesUnchanged.Should().Be(29);
            (await db.Sources.CountAsync()).Should().Be(30);
            (await db.Claims.CountAsync()).Should().Be(30);
            (await db.Claims.CountAsync(c => c.Source!.FileName == "article-017.txt")).Should().Be(1);
        }
    }

    /// <summary>What the importer's change-tracking path does for a file whose name the knowledge base has not seen.</summary>
    private static async Task AddWithChangeTrackingAsync(KnowledgeBaseDbContext db, string path)
    {
        var now = DateTime.UtcNow;
        foreach (var article in ArticleParser.Parse(await File.ReadAllTextAsync(path)))
        {
            var source = new Source
            {
                Title = article.Title,
                TitleOrigin = article.TitleOrigin,
                Publisher = article.Publisher,
                OriginalText = article.OriginalText,
                CleanedText = article.CleanedText,
                ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(article.OriginalText))),
                FileName = Path.GetFileName(path),
                PartIndex = article.PartIndex,
                ImportedAt = now,
            };
            foreach (var reference in article.References)
            {
                source.References.Add(new SourceReference
                {
                    Ordinal = reference.Ordinal,
                    Label = reference.Label,
                    Text = reference.Text,
                    Url = reference.Url,
                    Pmid = reference.Pmid,
                    Doi = reference.Doi,
                    NctId = reference.NctId,
                    StudyId = await db.Studies.Where(s => (reference.Pmid != null && s.Pmid == reference.Pmid) || (reference.Doi != null && s.Doi == reference.Doi)).Select(s => (int?)s.Id).FirstOrDefaultAsync(),
                    TrialId = await db.Trials.Where(t => t.NctId == reference.NctId).Select(t => (int?)t.Id).FirstOrDefaultAsync(),
                });
            }
            foreach (var detected in ClaimDetector.Default.Detect(article.CleanedText))
            {
                var claim = Claim.Anchor(article.CleanedText, detected.Start, detected.End, now);
                claim.DetectionSignals = [.. detected.Signals];
                claim.Confidence = detected.Confidence;
                source.Claims.Add(claim);
            }
            var classification = SourceClassifier.Classify(article.Title, article.CleanedText);
            source.Classify(classification.TherapyKinds, classification.Conditions, SourceClassifier.Version);
            db.Sources.Add(source);
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Every row of a table as text, in id order (or sorted, without the id), without the columns that hold the time of the import.</summary>
    private static async Task<List<string>> RowsAsync(TestDatabase database, string table, bool sorted)
    {
        string[] times = sorted ? ["ImportedAt", "CreatedAt", "UpdatedAt", "At", "Id"] : ["ImportedAt", "CreatedAt", "UpdatedAt", "At"];
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var order = table is "SourceTherapyKinds" or "SourceConditions" ? "\"SourceId\", \"Slug\"" : "\"Id\"";
#pragma warning disable CA2100 // The table name is one of six constants above.
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {order}";
#pragma warning restore CA2100
        var rows = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = Enumerable.Range(0, reader.FieldCount)
                .Where(i => !times.Contains(reader.GetName(i)))
                .Select(i => $"{reader.GetName(i)}={Display(reader, i)}");
            rows.Add(string.Join(" | ", values));
        }
        if (sorted) rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>
    /// Every row of a SQLite table as each column's storage class and stored text (<c>typeof</c>, <c>quote</c>), in id order
    /// (history sorted, without the id); the columns that hold the time of the import only by their form.
    /// </summary>
    private static async Task<List<string>> StoredFormsAsync(TestDatabase database, string table)
    {
        string[] times = ["ImportedAt", "CreatedAt", "UpdatedAt", "At"];
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
#pragma warning disable CA2100 // The table name is one of six constants.
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
            await using var names = await info.ExecuteReaderAsync();
            while (await names.ReadAsync()) columns.Add(names.GetString(0));
        }
        var history = table == "ChangeRecords";
        await using var command = connection.CreateCommand();
        var order = table is "SourceTherapyKinds" or "SourceConditions" ? "\"SourceId\", \"Slug\"" : "\"Id\"";
        command.CommandText = $"SELECT {string.Join(" || ' | ' || ", columns.Where(c => !(history && c == "Id")).Select(c => $"'{c}=' || typeof(\"{c}\") || ':' || quote(\"{c}\")"))} FROM \"{table}\" ORDER BY {order}";
#pragma warning restore CA2100
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = reader.GetString(0);
            foreach (var time in times)
                row = System.Text.RegularExpressions.Regex.Replace(row, $@"\b{time}=text:'\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{{1,7}})?'", $"{time}=text:'yyyy-MM-dd HH:mm:ss.FFFFFFF'");
            rows.Add(row);
        }
        if (history) rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string? Display(DbDataReader reader, int column) => reader.IsDBNull(column) ? "NULL" : reader.GetValue(column) switch
    {
        string[] list => $"[{string.Join(", ", list)}]",
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
