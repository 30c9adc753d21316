using System.Text;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Importing;

/// <summary>
/// Values longer than their column are refused by the importers themselves, naming the file and the line, on
/// SQLite (which would store them) and PostgreSQL (whose column error names no line) alike; nothing else is lost.
/// </summary>
public sealed class FieldLimitTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task An_article_whose_reference_address_is_too_long_is_rejected_naming_the_line_and_the_other_files_import()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_database.Folder, "articles")).FullName;
        var url = "https://example.org/" + new string('a', 2_100);
        await File.WriteAllTextAsync(Path.Combine(folder, "long.txt"),
            "Stem cells for knees\nStem cells for knees\n\nOur clinic offers stem cell therapy for knee pain.\n\n[1] A study of knees. " + url + "\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "fine.txt"),
            "Stem cells for hips\nStem cells for hips\n\nOur clinic offers stem cell therapy for hip pain.\n");
        var before = await SnapshotAsync();

        await using (var db = _database.CreateContext())
        {
            var report = await TestDatabase.CreateImporter(db).ImportPathAsync(folder);

            report.Errors.Should().ContainSingle().Which.Should()
                .Be("long.txt, line 6: reference [1]'s address is 2,120 characters long; at most 2,000 are allowed");
            report.SourcesAdded.Should().Be(1);
        }

        await using var check = _database.CreateContext();
        (await check.Sources.Select(s => s.FileName).ToListAsync()).Should().Equal("fine.txt");
        (await SnapshotAsync()).Should().NotBe(before, "the good file was imported");
    }

    [Fact]
    public async Task A_library_record_with_a_title_too_long_for_its_column_rejects_the_library_file_naming_the_record()
    {
        var title = "A trial of " + new string('x', 1_000);
        var json = $$"""
            [
              { "id": "OK-1", "record_type": "journal_article", "citation": { "title": "Mesenchymal cells in knees", "year": 2020 } },
              { "id": "LONG-2", "record_type": "journal_article",
                "citation": { "title": "{{title}}", "year": 2021 } }
            ]
            """;
        var before = await SnapshotAsync();

        await using (var db = _database.CreateContext())
        {
            var result = await TestDatabase.CreateImporter(db).ImportContentAsync("library.json", Encoding.UTF8.GetBytes(json));

            result.Error.Should().Be("library.json, line 4: record LONG-2's title is 1,011 characters long; at most 1,000 are allowed");
        }
        (await SnapshotAsync()).Should().Be(before, "a rejected library file writes nothing");
    }

    [Fact]
    public async Task A_reference_file_record_with_a_journal_too_long_is_kept_cut_to_the_column_with_the_whole_value_in_its_provenance()
    {
        var longJournal = "Journal of " + new string('J', 290);
        var ris = "TY  - JOUR\nTI  - Cord blood cells in children\nPY  - 2019\nJO  - Cell Journal\nER  - \n\n" +
                  "TY  - JOUR\nTI  - Bone marrow cells in adults\nPY  - 2020\nJO  - " + longJournal + "\nER  - \n";

        await using var db = _database.CreateContext();
        var result = await TestDatabase.CreateImporter(db).ImportContentAsync("refs.ris", Encoding.UTF8.GetBytes(ris));

        result.Error.Should().BeNull();
        result.StudiesAdded.Should().Be(2);
        result.Warnings.Should().ContainSingle().Which.Should()
            .Be("line 7: the journal is 301 characters long; its first 300 are stored and the whole value is kept in the record's provenance");
        var kept = await db.Studies.SingleAsync(s => s.Title == "Bone marrow cells in adults");
        kept.Journal.Should().Be(longJournal[..300]);
        kept.Provenance.Should().Contain(p => p.EndsWith(longJournal, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reference_file_record_with_a_DOI_too_long_is_still_skipped_naming_its_line()
    {
        var ris = "TY  - JOUR\nTI  - Cord blood cells in children\nPY  - 2019\nER  - \n\n" +
                  "TY  - JOUR\nTI  - Bone marrow cells in adults\nDO  - 10.1234/" + new string('d', 300) + "\nER  - \n";

        await using var db = _database.CreateContext();
        var result = await TestDatabase.CreateImporter(db).ImportContentAsync("refs.ris", Encoding.UTF8.GetBytes(ris));

        result.StudiesAdded.Should().Be(1);
        result.Warnings.Should().ContainSingle().Which.Should()
            .Be("line 6 could not be read: the record's DOI is 308 characters long; at most 256 are allowed");
    }

    [Fact]
    public void The_check_reads_the_limits_from_the_model_and_names_the_property_in_words()
    {
        using var db = _database.CreateContext();
        var study = new Study { Title = "Fine", Doi = "10.1234/" + new string('d', 300) };

        var violation = FieldLimits.FirstViolation(db.Model, study);

        violation.Should().NotBeNull();
        violation!.Property.Should().Be("Doi");
        violation.MaxLength.Should().Be(256);
        violation.Describe("the record").Should().Be("the record's DOI is 308 characters long; at most 256 are allowed");
        FieldLimits.FirstViolation(db.Model, new Study { Title = "Fine", ShortLabel = "Short" }).Should().BeNull();
    }

    private Task<string> SnapshotAsync() => _database.SnapshotAsync();
}
