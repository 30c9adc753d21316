using KnowledgeBase.Domain;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;
using KnowledgeBase.Interchange.Writing;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>Authors kept as imported (family, given, whole names), and each format and style printing them its own way (decision 0030).</summary>
public sealed class AuthorNameTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<Study> ImportOneAsync(string fileName, string text)
    {
        await using (var db = _database.CreateContext())
        {
            await new BibliographyImporter(db, TimeProvider.System).ApplyAsync(fileName, text);
        }

        await using var read = _database.CreateContext();
        return await read.Studies.AsNoTracking().Include(s => s.Trials).SingleAsync();
    }

    [Fact]
    public async Task A_given_name_written_first_in_RIS_is_stored_whole_and_exported_whole()
    {
        var study = await ImportOneAsync("barata.ris", "TY  - JOUR\nTI  - Skin lesions\nAU  - Catarina Barata\nAU  - Adams, Nancy K\nT2  - Journal of Tests\nPY  - 2019\nER  - \n");

        study.AuthorNames.Select(n => (n.Family, n.Given, n.Literal)).Should().Equal(("Barata", "Catarina", null), ("Adams", "Nancy K", null));
        study.Authors.Should().Be("Barata C, Adams NK");
        var record = BibRecordMapping.FromStudy(study);
        RisWriter.ToRis(record).Should().Contain("AU  - Barata, Catarina\r\n").And.Contain("AU  - Adams, Nancy K\r\n");
        CitationFormatter.Vancouver(record).Should().StartWith("Barata C, Adams NK. Skin lesions.");
        CitationFormatter.Ama(record).Should().StartWith("Barata C, Adams NK. Skin lesions.");
        using var stream = new MemoryStream();
        CslJsonWriter.Write([record], stream);
        var json = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        json.Should().Contain("\"family\": \"Adams\"").And.Contain("\"given\": \"Nancy K\"");
    }

    [Fact]
    public async Task CSL_JSON_literal_names_stay_separate_authors()
    {
        var study = await ImportOneAsync("groups.json", """
            [{"id": "g", "type": "report", "title": "Guidance", "author": [{"family": "Staff", "given": "Nathan P."}, {"literal": "Mayo Clinic"}, {"literal": "ALS Study Group"}], "issued": {"date-parts": [[2020]]}}]
            """);

        study.AuthorNames.Select(n => n.Literal).Should().Equal(null, "Mayo Clinic", "ALS Study Group");
        var record = BibRecordMapping.FromStudy(study);
        record.Groups.Should().Equal("Mayo Clinic", "ALS Study Group");
        using var stream = new MemoryStream();
        CslJsonWriter.Write([record], stream);
        var json = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        json.Should().Contain("\"literal\": \"Mayo Clinic\"").And.Contain("\"literal\": \"ALS Study Group\"");
        using var bibtex = new StringWriter();
        BibTexWriter.Write([record], bibtex);
        bibtex.ToString().Should().Contain("author = {Staff, Nathan P. and {Mayo Clinic} and {ALS Study Group}}");
    }

    [Fact]
    public void BibTeX_reads_family_name_then_initials_without_a_comma()
    {
        var result = BibTexParser.Parse("@article{a, author = {Petrou P and Abdul Wahid SF and Xiu-ping GENG and Catarina Barata}, title = {T}, year = {2020}}");

        result.Entries.Single().Record.Authors.Should().Equal(
            new PersonName("Petrou", "P."), new PersonName("Abdul Wahid", "S. F."), new PersonName("GENG", "Xiu-ping"), new PersonName("Barata", "Catarina"));
    }

    [Fact]
    public async Task Migrating_turns_stored_author_strings_into_names()
    {
        using var database = new UnmigratedDatabase();
        await using (var db = database.CreateContext())
        {
            var before = db.Database.GetMigrations().Single(m => m.EndsWith("_TrialResultsPosted", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(before);
            // Today's model writes AuthorNames: the old table gets the column for this insert only.
            await UnmigratedDatabase.AddLaterStudyColumnsAsync(db);
            db.Studies.AddRange(
                new Study { Title = "Imported", Kind = StudyKind.TrialReport, Authors = "Petrou P, Abdul Wahid SF, Zdolińska-Malinowska I" },
                new Study { Title = "A group", Kind = StudyKind.Other, Authors = "U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee" },
                new Study { Title = "Curated", Kind = StudyKind.TrialReport, Authors = "Petrou P, Gothelf Y, et al. (full author list not retrieved)" });
            await db.SaveChangesAsync();
            await UnmigratedDatabase.DropLaterStudyColumnsAsync(db);
        }

        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
            var studies = await db.Studies.AsNoTracking().ToDictionaryAsync(s => s.Title);
            studies["Imported"].AuthorNames.Select(n => (n.Family, n.Given)).Should().Equal(("Petrou", "P"), ("Abdul Wahid", "SF"), ("Zdolińska-Malinowska", "I"));
            studies["A group"].AuthorNames.Select(n => n.Literal).Should().Equal("U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee");
            studies["Curated"].AuthorNames.Should().BeEmpty("the curators' remarks are left for the library import to read");

            var exported = BibRecordMapping.FromStudy(studies["Imported"]);
            exported.Authors.Should().Equal(new PersonName("Petrou", "P"), new PersonName("Abdul Wahid", "SF"), new PersonName("Zdolińska-Malinowska", "I"));
            RisWriter.ToRis(exported).Should().Contain("AU  - Petrou, P.\r\n").And.Contain("AU  - Abdul Wahid, S. F.\r\n");
            CitationFormatter.Vancouver(BibRecordMapping.FromStudy(studies["Curated"])).Should().StartWith("Petrou P, Gothelf Y, et al.");
        }
    }
}
