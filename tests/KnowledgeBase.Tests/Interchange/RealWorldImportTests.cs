using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>Issue 17's import cases through the importer the command and the upload use, on a real SQLite file.</summary>
public sealed class RealWorldImportTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<KnowledgeBase.Importing.FileImportResult> ImportAsync(string fileName, string text)
    {
        await using var db = _database.CreateContext();
        return await TestDatabase.CreateImporter(db).ImportContentAsync(fileName, RealWorldFormatTests.Utf8(text));
    }

    private async Task<T> QueryAsync<T>(Func<KnowledgeBaseDbContext, Task<T>> query)
    {
        await using var db = _database.CreateContext();
        return await query(db);
    }

    [Fact]
    public async Task A_registry_study_with_citations_imports_and_the_publications_it_reports_are_linked_to_it()
    {
        const string study = """
            {
              "protocolSection": {
                "identificationModule": { "nctId": "NCT09990001", "briefTitle": "Wombat marrow cells in knee pain" },
                "referencesModule": {
                  "references": [
                    { "pmid": "39990001", "type": "RESULT", "citation": "Quill AB, Marsh C. Wombat marrow cells in knee pain: a pilot. J Invented Orthop. 2021 Mar;4(2):11-19." },
                    { "pmid": "39990002", "type": "BACKGROUND", "citation": "Fern D. What wombats know. Invented Rev. 2001;1:1-2." }
                  ]
                }
              }
            }
            """;

        var result = await ImportAsync("NCT09990001.json", study);

        result.Error.Should().BeNull();
        result.Format.Should().Be("ClinicalTrials.gov study JSON");
        (result.TrialsAdded, result.StudiesAdded).Should().Be((1, 1));
        var publication = await QueryAsync(db => db.Studies.Include(s => s.Trials).SingleAsync());
        publication.Pmid.Should().Be("39990001");
        publication.Title.Should().Be("Wombat marrow cells in knee pain: a pilot");
        publication.Authors.Should().Be("Quill AB, Marsh C");
        (publication.Journal, publication.Year, publication.Kind).Should().Be(("J Invented Orthop", 2021, StudyKind.TrialReport));
        publication.Unverified.Should().ContainSingle().Which.Should().Contain("not checked against PubMed");
        publication.Trials.Select(t => t.NctId).Should().Equal("NCT09990001");
    }

    [Fact]
    public async Task An_API_page_of_studies_imports_every_study()
    {
        const string page = """
            {"studies": [
              {"protocolSection": {"identificationModule": {"nctId": "NCT09990001", "briefTitle": "First invented trial"}}},
              {"protocolSection": {"identificationModule": {"nctId": "NCT09990002", "briefTitle": "Second invented trial"}}}
            ], "nextPageToken": "abc"}
            """;

        var result = await ImportAsync("page.json", page);

        result.Error.Should().BeNull();
        result.TrialsAdded.Should().Be(2);
    }

    [Fact]
    public async Task A_Web_of_Science_export_imports_as_references_not_as_an_article()
    {
        var result = await ImportAsync("savedrecs.txt", "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Quill, AB\nTI Wombats at dusk\nSO INVENTED REVIEWS\nPY 2001\nDI 10.5555/dusk\nER\nEF\n");

        result.Error.Should().BeNull();
        (result.Format, result.SourcesAdded, result.StudiesAdded).Should().Be(("Web of Science", 0, 1));
        (await QueryAsync(db => db.Studies.SingleAsync())).Journal.Should().Be("Invented Reviews");
    }

    [Fact]
    public async Task A_corrupted_RIS_file_is_refused_naming_the_file_and_the_line_and_stores_nothing()
    {
        var before = await _database.SnapshotAsync();

        var result = await ImportAsync("refs.ris", "\nJF  - Journal of Invented Results\nT1  - Wombats at dusk\nPY  - 2001\nER  -\n");

        result.Error.Should().StartWith("refs.ris, line 2: no record could be read").And.Contain("'JF' outside a record");
        (await _database.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_over_long_issue_keeps_the_record_with_the_whole_value_readable_and_a_warning_naming_the_line()
    {
        var issue = "Suppl 2 " + new string('x', 97);
        var result = await ImportAsync("ovid.ris", $"TY  - JOUR\nTI  - Wombats at dusk\nPY  - 2001\nIS  - {issue}\nER  - \n");

        result.Error.Should().BeNull();
        result.StudiesAdded.Should().Be(1);
        result.Warnings.Should().ContainSingle().Which.Should().StartWith("line 1: the issue is 105 characters long; its first 64 are stored");
        var study = await QueryAsync(db => db.Studies.SingleAsync());
        study.Issue.Should().Be(issue[..64]);
        study.Provenance.Should().Contain(p => p.Contains(issue, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_of_untitled_records_is_refused_naming_each_record_s_own_line()
    {
        var result = await ImportAsync("refs.ris", "TY  - JOUR\nER  - \n\nTY  - GEN\nN1  - a note\nER  - \n\nTY  - BOOK\nPY  - 2001\nER  - \n");

        result.Error.Should().Be("refs.ris: no record could be read: 3 records could not be, at lines 1, 4, 8; at line 1: The record starting at line 1 is empty.");
    }

    [Fact]
    public async Task An_et_al_on_import_marks_the_list_truncated_and_no_export_writes_an_author_called_et_al()
    {
        var result = await ImportAsync("refs.ris", "TY  - JOUR\nAU  - Quill, Alba\nAU  - Marsh, Cormac\nAU  - et al.\nTI  - Wombats at dusk\nT2  - Invented Reviews\nPY  - 2001\nER  - \n");

        result.StudiesAdded.Should().Be(1);
        var study = await QueryAsync(db => db.Studies.Include(s => s.Trials).SingleAsync());
        study.Authors.Should().Be("Quill A, Marsh C");
        study.AuthorsTruncated.Should().BeTrue();

        var record = KnowledgeBase.Interchange.BibRecordMapping.FromStudy(study);
        using var ris = new StringWriter();
        KnowledgeBase.Interchange.Writing.RisWriter.Write([record], ris);
        ris.ToString().Should().NotContain("AU  - et al").And.Contain("N1  - Author list incomplete (et al.)");
        KnowledgeBase.Interchange.Parsing.RisParser.Parse(ris.ToString()).Entries.Single().Record.Should()
            .Match<KnowledgeBase.Interchange.BibRecord>(r => r.AuthorsTruncated && r.Authors.Count == 2 && r.Note == null);
        KnowledgeBase.Interchange.Writing.CitationFormatter.Vancouver(record).Should().StartWith("Quill A, Marsh C, et al. Wombats at dusk.");
    }

    [Fact]
    public async Task A_format_s_publication_type_is_never_stored_as_the_study_design()
    {
        await ImportAsync("refs.ris", "TY  - JOUR\nTI  - Wombats at dusk\nPY  - 2001\nER  - \n");
        await ImportAsync("pubmed.nbib", "PMID- 39990003\nTI  - Wombats at dawn.\nPT  - Journal Article\nPT  - Randomized Controlled Trial\nDP  - 2002\n");

        var dusk = await QueryAsync(db => db.Studies.SingleAsync(s => s.Title == "Wombats at dusk"));
        (dusk.Design, dusk.Kind).Should().Be((null, StudyKind.Other), "JOUR says what was published, not how the study was done");
        var dawn = await QueryAsync(db => db.Studies.SingleAsync(s => s.Pmid == "39990003"));
        (dawn.Design, dawn.Kind).Should().Be(("Randomized Controlled Trial", StudyKind.TrialReport));
    }
}
