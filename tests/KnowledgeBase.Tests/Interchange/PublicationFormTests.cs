using KnowledgeBase.Domain;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;
using KnowledgeBase.Interchange.Writing;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>The publication type (book, chapter, report...) and publisher kept from each format and written back (issue 17, item 7).</summary>
public sealed class PublicationFormTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("BOOK", PublicationForm.Book)]
    [InlineData("CHAP", PublicationForm.Chapter)]
    [InlineData("RPRT", PublicationForm.Report)]
    [InlineData("THES", PublicationForm.Thesis)]
    [InlineData("ELEC", PublicationForm.WebPage)]
    [InlineData("JOUR", PublicationForm.JournalArticle)]
    [InlineData("GEN", PublicationForm.Document)]
    public void Reads_the_RIS_type_as_the_publication_form(string type, PublicationForm form) =>
        RisParser.Parse($"TY  - {type}\nTI  - A title\nER  - \n").Entries.Single().Record.Form.Should().Be(form);

    [Theory]
    [InlineData("book", PublicationForm.Book)]
    [InlineData("incollection", PublicationForm.Chapter)]
    [InlineData("techreport", PublicationForm.Report)]
    [InlineData("phdthesis", PublicationForm.Thesis)]
    [InlineData("article", PublicationForm.JournalArticle)]
    public void Reads_the_BibTeX_entry_type_as_the_publication_form(string type, PublicationForm form) =>
        BibTexParser.Parse($"@{type}{{k, title = {{A title}}, year = {{2001}}}}").Entries.Single().Record.Form.Should().Be(form);

    [Fact]
    public void Reads_the_CSL_type_publisher_and_place()
    {
        var record = CslJsonParser.Parse("""[{"id": "b", "type": "chapter", "title": "A chapter", "container-title": "The book", "publisher": "Springer", "publisher-place": "Cham"}]""").Entries.Single().Record;

        (record.Form, record.Publisher, record.PublisherPlace, record.Journal).Should().Be((PublicationForm.Chapter, "Springer", "Cham", "The book"));
    }

    [Fact]
    public async Task A_book_and_a_chapter_are_stored_with_their_publisher_and_exported_as_such()
    {
        const string ris = "TY  - BOOK\nTI  - Cell therapy handbook\nAU  - Adams, Nancy K\nPB  - Academic Press\nCY  - London\nPY  - 2006\nER  - \n\n"
            + "TY  - CHAP\nTI  - Mesenchymal cells\nAU  - Barata, Catarina\nT2  - Cell therapy handbook\nPB  - Academic Press\nCY  - London\nPY  - 2006\nSP  - 15\nEP  - 19\nER  - \n";
        await using (var db = _database.CreateContext())
        {
            await new BibliographyImporter(db, TimeProvider.System).ApplyAsync("books.ris", ris);
        }

        await using var read = _database.CreateContext();
        var studies = await read.Studies.AsNoTracking().Include(s => s.Trials).OrderBy(s => s.Id).ToListAsync();
        studies.Select(s => (s.PublicationForm, s.Publisher, s.PublisherPlace)).Should().Equal(
            (PublicationForm.Book, "Academic Press", "London"), (PublicationForm.Chapter, "Academic Press", "London"));

        var book = BibRecordMapping.FromStudy(studies[0]);
        var chapter = BibRecordMapping.FromStudy(studies[1]);
        RisWriter.ToRis(book).Should().StartWith("TY  - BOOK\r\n").And.Contain("PB  - Academic Press\r\n").And.Contain("CY  - London\r\n");
        RisWriter.ToRis(chapter).Should().StartWith("TY  - CHAP\r\n").And.Contain("T2  - Cell therapy handbook\r\n");
        using var bibtex = new StringWriter();
        BibTexWriter.Write([book, chapter], bibtex);
        bibtex.ToString().Should().Contain("@book{").And.Contain("publisher = {Academic Press}").And.Contain("address = {London}")
            .And.Contain("@incollection{").And.Contain("booktitle = {Cell therapy handbook}");
        var reread = BibTexParser.Parse(bibtex.ToString()).Entries.Select(e => e.Record).ToList();
        reread.Select(r => (r.Form, r.Publisher, r.PublisherPlace)).Should().Equal(
            (PublicationForm.Book, "Academic Press", "London"), (PublicationForm.Chapter, "Academic Press", "London"));
    }
}
