using System.Diagnostics;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class CslJsonParserTests
{
    private static BibParseResult ParseSample() => CslJsonParser.Parse(ParserSamples.Read("references.csl.json"));

    private static BibRecord Item(string id) => ParseSample().Entries.Single(e => e.Record.SourceKey == id).Record;

    [Fact]
    public void Reads_every_sample_item_with_its_start_line()
    {
        var result = ParseSample();

        result.Format.Should().Be(BibFormat.CslJson);
        result.Errors.Should().BeEmpty();
        result.Entries.Select(e => (e.Record.SourceKey, e.Line)).Should().Equal(
            ("cudkowicz2022", 2), ("oh2018", 36), ("goutman2015", 63), ("aljabri2021", 82), ("fda-ctgtac-2023", 98));
    }

    [Fact]
    public void Reads_a_journal_article_with_a_year_only_date()
    {
        var cudkowicz = Item("cudkowicz2022");

        cudkowicz.Title.Should().Be("A randomized placebo-controlled phase 3 study of mesenchymal stem cells induced to secrete high levels of neurotrophic factors in amyotrophic lateral sclerosis");
        cudkowicz.Authors.Should().HaveCount(21);
        cudkowicz.Authors[0].Should().Be(new PersonName("Cudkowicz", "M. E."));
        cudkowicz.Authors[^1].Should().Be(new PersonName("Brown", "R. H."));
        cudkowicz.Journal.Should().Be("Muscle & Nerve");
        cudkowicz.JournalAbbreviation.Should().Be("Muscle Nerve");
        (cudkowicz.Year, cudkowicz.Month).Should().Be((2022, (int?)null));
        (cudkowicz.Volume, cudkowicz.Issue, cudkowicz.Pages).Should().Be(((string?)null, (string?)null, (string?)null));
        cudkowicz.Doi.Should().Be("10.1002/mus.27472");
        cudkowicz.Pmcid.Should().Be("PMC9305113");
        cudkowicz.Pmid.Should().BeNull();
        cudkowicz.NctIds.Should().Equal("NCT03280056");
        cudkowicz.PublicationType.Should().Be("article-journal");
        cudkowicz.Kind.Should().Be(BibRecordKind.Publication);
    }

    [Fact]
    public void Reads_date_parts_with_a_month_and_the_identifier_fields()
    {
        var oh = Item("oh2018");

        (oh.Year, oh.Month, oh.Day).Should().Be((2018, 9, (int?)null));
        (oh.Volume, oh.Issue, oh.Pages).Should().Be(("84", "3", "361-373"));
        oh.Pmid.Should().Be("30048006");
        oh.Pmcid.Should().Be("PMC6175096");
        oh.Doi.Should().Be("10.1002/ana.25302");
        oh.Url.Should().Be("https://doi.org/10.1002/ana.25302");
        oh.NctIds.Should().Equal("NCT01363401");
    }

    [Fact]
    public void Reads_numbers_string_date_parts_and_identifiers_in_a_Zotero_note()
    {
        var goutman = Item("goutman2015");

        (goutman.Volume, goutman.Issue).Should().Be(("12", "2"));
        (goutman.Year, goutman.Month).Should().Be((2015, 4));
        goutman.Pmid.Should().Be("25776222");
        goutman.Pmcid.Should().Be("PMC4404436");
        goutman.Note.Should().Be("PMID: 25776222\nPMCID: PMC4404436");
        goutman.Keywords.Should().Equal("amyotrophic lateral sclerosis", "stem cells", "review");
        goutman.Abstract.Should().StartWith("A narrative review");
        goutman.Authors.Should().Equal(new PersonName("Goutman", "Stephen A."), new PersonName("Chen", "Kevin S."), new PersonName("Feldman", "Eva L."));
    }

    [Fact]
    public void Reads_a_raw_date_a_resolver_DOI_and_an_et_al_literal()
    {
        var aljabri = Item("aljabri2021");

        aljabri.Year.Should().Be(2021);
        aljabri.Doi.Should().Be("10.3389/fneur.2021.783122");
        aljabri.Pages.Should().Be("783122");
        aljabri.Authors.Should().Equal(new PersonName("Aljabri", "Ammar"), new PersonName("Halawani", "A."), new PersonName("Bin Lajdam", "G."));
        aljabri.AuthorsTruncated.Should().BeTrue();
    }

    [Fact]
    public void Reads_a_literal_author_as_a_group_and_a_literal_date()
    {
        var fda = Item("fda-ctgtac-2023");

        fda.Authors.Should().BeEmpty();
        fda.CorporateAuthor.Should().Be("U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee");
        (fda.Year, fda.Month, fda.Day).Should().Be((2023, 9, 27));
        fda.PublicationType.Should().Be("speech");
        fda.Journal.Should().BeNull();
    }

    [Fact]
    public void Reads_a_single_item_object()
    {
        var json = """
            {"id": "tang2017", "type": "article-journal", "title": "The use of mesenchymal stem cells (MSCs) for amyotrophic lateral sclerosis (ALS) therapy – a perspective on cell biological mechanisms",
             "author": [{"family": "Tang", "given": "Bor Luen"}], "container-title": "Reviews in the Neurosciences",
             "volume": "28", "issue": "7", "page": "725-738", "issued": {"date-parts": [[2017]]}, "DOI": "10.1515/revneuro-2017-0018"}
            """;

        var result = CslJsonParser.Parse(json);

        result.Errors.Should().BeEmpty();
        var entry = result.Entries.Should().ContainSingle().Subject;
        entry.Line.Should().Be(1);
        entry.Record.Pages.Should().Be("725-738");
        entry.Record.Authors.Should().Equal(new PersonName("Tang", "Bor Luen"));
    }

    [Fact]
    public void Reads_a_registry_report_with_its_number_publisher_and_registration_note()
    {
        var json = """
            [{"id": "NCT03280056", "type": "report", "genre": "Clinical trial registration", "number": "NCT03280056",
              "publisher": "Brainstorm-Cell Therapeutics", "title": "A Phase 3 study of NurOwn in ALS",
              "URL": "https://clinicaltrials.gov/study/NCT03280056", "issued": {"date-parts": [[2017, 8]]},
              "note": "Not confirmed: start month\nClinicalTrials.gov identifier: NCT03280056"}]
            """;

        var record = CslJsonParser.Parse(json).Entries.Single().Record;

        record.Kind.Should().Be(BibRecordKind.RegisteredTrial);
        record.Sponsor.Should().Be("Brainstorm-Cell Therapeutics");
        record.NctIds.Should().Equal("NCT03280056");
        record.Note.Should().Be("Not confirmed: start month");
        record.Pages.Should().BeNull();
        record.PublicationType.Should().Be("Clinical trial registration");
    }

    [Fact]
    public void Reads_name_particles()
    {
        var json = """[{"id": "x", "title": "T", "author": [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}]}]""";

        CslJsonParser.Parse(json).Entries.Single().Record.Authors.Should().Equal(new PersonName("van Beethoven", "Ludwig"));
    }

    [Fact]
    public void Reports_items_without_a_title_or_not_objects_and_keeps_the_others()
    {
        var json = "[\n  {\"id\": \"ciervo2017\", \"container-title\": \"Molecular Neurodegeneration\"},\n  42,\n  {\"id\": \"ok\", \"title\": \"Kept\"}\n]";

        var result = CslJsonParser.Parse(json);

        result.Entries.Should().ContainSingle().Which.Line.Should().Be(4);
        result.Errors.Should().HaveCount(2);
        result.Errors[0].Should().Be(new EntryError(2, "ciervo2017", "Item 1 ('ciervo2017') has no title."));
        result.Errors[1].Line.Should().Be(3);
        result.Errors[1].Message.Should().Contain("not a JSON object");
    }

    [Fact]
    public void Reports_invalid_JSON_with_its_line()
    {
        var json = "[\n  {\"id\": \"a\", \"title\": \"A\"},\n  {\"id\": \"b\" \"title\": \"B\"}\n]";

        var result = CslJsonParser.Parse(json);

        result.Entries.Should().BeEmpty();
        var error = result.Errors.Should().ContainSingle().Subject;
        error.Line.Should().Be(3);
        error.Message.Should().StartWith("Invalid CSL JSON at line 3");
    }

    [Fact]
    public void Rejects_deeply_nested_JSON()
    {
        var json = new string('[', 200_000) + new string(']', 200_000);

        var result = CslJsonParser.Parse(json);

        result.Entries.Should().BeEmpty();
        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("depth");
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"just a string\"")]
    [InlineData("\u0000\u0001\u00FF binary")]
    public void Returns_one_error_and_no_entries_for_input_without_an_item(string text)
    {
        var result = CslJsonParser.Parse(text);

        result.Entries.Should().BeEmpty();
        result.Errors.Should().ContainSingle().Which.Line.Should().Be(1);
    }
}
