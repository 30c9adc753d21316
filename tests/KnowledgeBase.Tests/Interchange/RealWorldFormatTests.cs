using System.Text;
using KnowledgeBase.Importing;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Tests.Interchange;

/// <summary>Shapes of reference files that other tools write (issue 17), on small hand-written inputs.</summary>
public sealed class RealWorldFormatTests
{
    private const string RegistryStudyWithCitation = """
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

    private const string WebOfScience = """
        FN Clarivate Analytics Web of Science
        VR 1.0
        PT J
        AU Quill, AB
           Marsh, C
        AF Quill, Alba Beth
           Marsh, Cormac
        TI Synthetic stromal cells in an invented cohort of
           forty wombats
        SO JOURNAL OF INVENTED ORTHOPAEDICS
        JI J. Invented Orthop.
        PD MAR 2
        PY 2021
        VL 4
        IS 2
        BP 11
        EP 19
        DI 10.5555/jio.2021.011
        PM 39990001
        DT Article
        AB Wombats were counted.
        UT WOS:000111122223333
        ER

        PT J
        AU Fern, D
        TI A second invented record
        SO INVENTED REVIEWS
        PY 2001
        AR e101
        ER

        EF
        """;

    [Fact]
    public void A_registry_study_listing_publications_with_citations_is_registry_JSON_not_the_curated_library()
    {
        ImportContentSniffer.ContentOf(RegistryStudyWithCitation, "study.json").Should().Be(ImportContent.References);
        BibFormatDetector.Detect(RegistryStudyWithCitation, "study.json").Should().Be(BibFormat.ClinicalTrialsGov);
        var page = $$"""{"studies": [{{RegistryStudyWithCitation}}], "nextPageToken": "abc"}""";
        ImportContentSniffer.ContentOf(page, "page.json").Should().Be(ImportContent.References);
        BibFormatDetector.Detect(page, "page.json").Should().Be(BibFormat.ClinicalTrialsGov);
    }

    [Fact]
    public void The_curated_library_is_recognised_by_its_citation_objects()
    {
        const string library = """[{"id": "REC-90", "record_type": "narrative_review", "citation": {"title": "T", "year": 2020}}]""";
        ImportContentSniffer.ContentOf(library, "anything.json").Should().Be(ImportContent.CuratedLibrary);
        const string cslWithAbstractQuotingAKey = """[{"type": "article-journal", "title": "T", "abstract": "the \"protocolSection\" and \"citation\" keys"}]""";
        ImportContentSniffer.ContentOf(cslWithAbstractQuotingAKey, "refs.json").Should().Be(ImportContent.References);
        BibFormatDetector.Detect(cslWithAbstractQuotingAKey, "refs.json").Should().Be(BibFormat.CslJson);
    }

    [Fact]
    public void The_registry_parser_lists_result_publications_with_their_citation_but_not_background_ones()
    {
        var trial = ClinicalTrialsGovParser.Parse(RegistryStudyWithCitation).Entries.Single().Record;

        trial.ReferencedPmids.Should().Equal("39990001");
        var listed = trial.ListedPublications.Should().ContainSingle().Subject;
        listed.Type.Should().Be("RESULT");
        listed.Citation.Should().StartWith("Quill AB, Marsh C.");
    }

    [Fact]
    public void A_registry_citation_gives_authors_title_journal_and_year()
    {
        var parts = RegistryCitation.Parse("Quill AB, van der Marsh C, et al. Wombat marrow cells in knee pain: a pilot. J Invented Orthop. 2021 Mar;4(2):11-19. doi: 10.5555/x");

        parts.Title.Should().Be("Wombat marrow cells in knee pain: a pilot");
        parts.Authors.Select(a => (a.Family, a.Initials)).Should().Equal(("Quill", "AB"), ("van der Marsh", "C"));
        parts.AuthorsTruncated.Should().BeTrue();
        parts.Journal.Should().Be("J Invented Orthop");
        parts.Year.Should().Be(2021);
        RegistryCitation.Parse("Wombats, a history").Title.Should().Be("Wombats, a history", "text without the shape is kept whole as the title");
    }

    [Fact]
    public void The_classic_registry_API_and_non_JSON_that_starts_with_a_bracket_are_refused_for_what_they_are()
    {
        ImportContentSniffer.ContentOf("""{"FullStudiesResponse": {"APIVrs": "1.01.02"}}""", "v1.json").Should().Be(ImportContent.Unknown);
        ImportContentSniffer.UnknownContent("""{"FullStudiesResponse": {"APIVrs": "1.01.02"}}""").Message.Should().Contain("classic (v1) API");

        const string bibTxt = "[Wombat2021]\n    author: Alba Quill\n    title: Wombats\n";
        ImportContentSniffer.ContentOf(bibTxt, "refs.txt").Should().Be(ImportContent.Unknown);
        var refusal = ImportContentSniffer.UnknownContent(bibTxt);
        refusal.Message.Should().NotContain("JSON, but").And.Contain("it is not JSON");
        refusal.Line.Should().Be(1);
    }

    [Fact]
    public void Web_of_Science_is_recognised_and_read_field_by_field()
    {
        BibFormatDetector.Detect(WebOfScience, "savedrecs.ris").Should().Be(BibFormat.WebOfScience);
        BibFormatDetector.Detect(WebOfScience, "savedrecs.txt").Should().Be(BibFormat.WebOfScience);
        ImportContentSniffer.ContentOf(WebOfScience, "savedrecs.txt").Should().Be(ImportContent.References);

        var result = WebOfScienceParser.Parse(WebOfScience);

        result.Errors.Should().BeEmpty();
        result.Entries.Select(e => e.Line).Should().Equal(3, 25);
        var first = result.Entries[0].Record;
        first.Title.Should().Be("Synthetic stromal cells in an invented cohort of forty wombats");
        first.Authors.Select(a => (a.Family, a.Given)).Should().Equal(("Quill", "Alba Beth"), ("Marsh", "Cormac"));
        first.Journal.Should().Be("Journal of Invented Orthopaedics");
        first.JournalAbbreviation.Should().Be("J. Invented Orthop.");
        (first.Year, first.Month, first.Day).Should().Be((2021, 3, 2));
        (first.Volume, first.Issue, first.Pages).Should().Be(("4", "2", "11-19"));
        first.Doi.Should().Be("10.5555/jio.2021.011");
        first.Pmid.Should().Be("39990001");
        first.Abstract.Should().Be("Wombats were counted.");
        first.PublicationType.Should().Be("Article");
        first.Note.Should().Be("Web of Science WOS:000111122223333");
        var second = result.Entries[1].Record;
        second.Authors.Select(a => a.Family).Should().Equal("Fern");
        second.Pages.Should().Be("e101");
    }

    [Fact]
    public void An_untitled_Web_of_Science_record_is_an_error_naming_its_line()
    {
        var result = WebOfScienceParser.Parse("PT J\nTI First\nER\n\nPT J\nAU Fern, D\nER\n");

        result.Entries.Should().ContainSingle();
        result.Errors.Should().ContainSingle().Which.Should().Be(new EntryError(5, null, "The record starting at line 5 has no title (TI)."));
    }

    [Fact]
    public void RIS_that_lost_its_TY_lines_is_read_as_RIS_and_refused_naming_the_line_instead_of_becoming_an_article()
    {
        const string corrupted = "\nJF  - Journal of Invented Results\nT1  - Wombats at dusk\nPY  - 2001\nAU  - Quill, Alba\nER  -\n";

        ImportContentSniffer.ContentOf(corrupted, "refs.ris").Should().Be(ImportContent.References);
        BibFormatDetector.Detect(corrupted, "refs.ris").Should().Be(BibFormat.Ris);
        RisParser.Parse(corrupted).Errors.Should().ContainSingle().Which.Line.Should().Be(2);
    }

    [Fact]
    public void MEDLINE_without_a_PMID_line_is_read_as_MEDLINE_not_as_an_article()
    {
        const string medline = "PMCR- 20481061\nTI  - Wombats at dusk\nPT  - Book\nFAU -\nJT  - Invented Journal\n";

        ImportContentSniffer.ContentOf(medline, "pubmed.txt").Should().Be(ImportContent.References);
        BibFormatDetector.Detect(medline, "pubmed.txt").Should().Be(BibFormat.Medline);
    }

    [Fact]
    public void Prose_with_a_few_dashes_is_still_an_article()
    {
        const string article = "Stem cells for knees\n\nStem cells for knees\n\nOur clinic - the best - offers cells.\nAsk us - today.\n";
        ImportContentSniffer.ContentOf(article, "page.txt").Should().Be(ImportContent.Articles);
    }

    [Theory]
    [InlineData("10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P", "10.1002/(sici)1096-987x(199803)19:4<377::aid-jcc1>3.0.co;2-p")]
    [InlineData("https://doi.org/10.1002/(SICI)1521-396X(199901)171:1%3C325::AID-PSSA325%3E3.0.CO;2-1", "10.1002/(sici)1521-396x(199901)171:1<325::aid-pssa325>3.0.co;2-1")]
    [InlineData("10/fqd6hj", "10/fqd6hj")]
    [InlineData("doi:10/F6H4B4", "10/f6h4b4")]
    [InlineData("https://doi.org/10/gfzrww", "10/gfzrww")]
    [InlineData("<10.5555/abc>", "10.5555/abc")]
    [InlineData("10/2015", null)]
    [InlineData("see 10/fqd6hj in the text", null)]
    public void DOIs_keep_SICI_brackets_and_short_DOIs_are_kept_as_whole_values(string value, string? expected)
    {
        Identifiers.NormalizeDoi(value).Should().Be(expected);
    }

    [Fact]
    public void A_SICI_DOI_survives_the_BibTeX_and_RIS_parsers()
    {
        const string doi = "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P";
        BibTexParser.Parse($"@article{{k, title = {{T}}, doi = {{{doi}}}}}").Entries.Single().Record.Doi.Should().Be(doi.ToLowerInvariant());
        RisParser.Parse($"TY  - JOUR\nTI  - T\nDO  - {doi}\nER  - \n").Entries.Single().Record.Doi.Should().Be(doi.ToLowerInvariant());
        RisParser.Parse("TY  - JOUR\nTI  - T\nN1  - DOI: " + doi + "\nER  - \n").Entries.Single().Record.Doi.Should().Be(doi.ToLowerInvariant());
    }

    [Theory]
    [InlineData(@"The {\TeX book}", "The TeXbook")]
    [InlineData(@"{{GaN}}{$\slash$}sapphire wombats", "GaN/sapphire wombats")]
    [InlineData(@"A methodology\hyphen independent count", "A methodology-independent count")]
    [InlineData(@"The k$\cdot$p method", "The k·p method")]
    [InlineData(@"Typesetting with \LaTeX{} and {\BibTeX}", "Typesetting with LaTeX and BibTeX")]
    public void LaTeX_logos_and_punctuation_commands_in_titles_keep_their_text(string title, string expected)
    {
        BibTexParser.Parse($"@article{{k, title = {{{title}}}, year = 2001}}").Entries.Single().Record.Title.Should().Be(expected);
    }

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
