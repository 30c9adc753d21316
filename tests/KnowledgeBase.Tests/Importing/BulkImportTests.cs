using System.Data.Common;
using KnowledgeBase.Browsing;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Linking;
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

    private static string? Display(DbDataReader reader, int column) => reader.IsDBNull(column) ? "NULL" : reader.GetValue(column) switch
    {
        string[] list => $"[{string.Join(", ", list)}]",
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
