using KnowledgeBase.Domain;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class MedlineParserTests
{
    private static BibParseResult ParseSample() => MedlineParser.Parse(ParserSamples.Read("pubmed.nbib"));

    private static BibRecord Single(string medline)
    {
        var result = MedlineParser.Parse(medline);
        result.Errors.Should().BeEmpty();
        return result.Entries.Should().ContainSingle().Subject.Record;
    }

    [Fact]
    public void Reads_the_four_sample_records_with_their_start_lines()
    {
        var result = ParseSample();

        result.Format.Should().Be(BibFormat.Medline);
        result.Errors.Should().BeEmpty();
        result.Entries.Select(e => (e.Record.Pmid, e.Line)).Should().Equal(
            ("26751635", 1), ("25934946", 61), ("32725316", 97), ("19634063", 127));
    }

    [Fact]
    public void Reads_a_full_PubMed_record()
    {
        var petrou = ParseSample().Entries[0].Record;

        petrou.Kind.Should().Be(BibRecordKind.Publication);
        petrou.SourceKey.Should().Be("26751635");
        petrou.Title.Should().Be("Safety and Clinical Effects of Mesenchymal Stem Cells Secreting Neurotrophic Factor Transplantation in Patients With Amyotrophic Lateral Sclerosis: Results of Phase 1/2 and 2a Clinical Trials");
        petrou.Authors.Should().HaveCount(12);
        petrou.Authors[0].Should().Be(new PersonName("Petrou", "Panayiota"));
        petrou.Authors[4].Should().Be(new PersonName("Levy", "Yossef S"));
        petrou.Authors[^1].Should().Be(new PersonName("Karussis", "Dimitrios"));
        (petrou.Year, petrou.Month, petrou.Day).Should().Be((2016, 3, (int?)null));
        petrou.Journal.Should().Be("JAMA neurology");
        petrou.JournalAbbreviation.Should().Be("JAMA Neurol");
        (petrou.Volume, petrou.Issue).Should().Be(("73", "3"));
        petrou.Pages.Should().Be("337-344");
        petrou.Doi.Should().Be("10.1001/jamaneurol.2015.4321");
        petrou.Pmcid.Should().BeNull();
        petrou.NctIds.Should().Equal("NCT01051882", "NCT01777646");
        petrou.PublicationType.Should().Be("Clinical Trial, Phase I; Clinical Trial, Phase II; Journal Article; Research Support, Non-U.S. Gov't");
        petrou.Phase.Should().Be(TrialPhase.Phase1Phase2);
        petrou.PhaseText.Should().Be("Phase 1/2");
        petrou.Keywords.Should().Equal("Adult", "Amyotrophic Lateral Sclerosis/therapy", "Humans", "Mesenchymal Stem Cell Transplantation");
        petrou.Abstract.Should().Be("IMPORTANCE: Mesenchymal stem cells secreting neurotrophic factors (MSC-NTF) were transplanted into patients with amyotrophic lateral sclerosis in open-label phase 1/2 and phase 2a trials. [Abstract abridged for test data.]");
    }

    [Fact]
    public void Falls_back_to_AU_initials_when_there_is_no_FAU()
    {
        var oh = ParseSample().Entries[1].Record;

        oh.Authors.Should().HaveCount(9);
        oh.Authors[0].Should().Be(new PersonName("Oh", "K. W."));
        oh.Authors[0].Initials.Should().Be("KW");
        oh.Authors[2].Should().Be(new PersonName("Kim", "H. Y."));
        oh.Pages.Should().Be("590-597");
        oh.Phase.Should().Be(TrialPhase.Phase1);
        oh.NctIds.Should().Equal("NCT01363401");
        oh.Keywords.Should().Equal("Amyotrophic lateral sclerosis", "Intrathecal", "Mesenchymal stromal cells");
        oh.Title.Should().Be("Phase I trial of repeated intrathecal autologous bone marrow-derived mesenchymal stromal cells in amyotrophic lateral sclerosis");
    }

    [Fact]
    public void Keeps_diacritics_from_FAU_and_reads_PMC()
    {
        var barczewska = ParseSample().Entries[2].Record;

        barczewska.Authors.Select(a => a.Family).Should().Equal("Barczewska", "Maksymowicz", "Zdolińska-Malinowska", "Siwek", "Grudniak");
        barczewska.Authors[1].Given.Should().Be("Stanisław");
        barczewska.Pmcid.Should().Be("PMC7456414");
        barczewska.Pages.Should().Be("922-932");
        barczewska.Title.Should().Be("Umbilical Cord Mesenchymal Stem Cells in Amyotrophic Lateral Sclerosis: an Original Study");
        barczewska.Phase.Should().BeNull();
    }

    [Fact]
    public void Joins_continuation_lines_of_a_journal_title_and_expands_short_page_ranges()
    {
        var castrillo = ParseSample().Entries[3].Record;

        castrillo.Journal.Should().Be("Amyotrophic lateral sclerosis : official publication of the World Federation of Neurology Research Group on Motor Neuron Diseases");
        castrillo.Pages.Should().Be("178-180");
        castrillo.Issue.Should().Be("1-2");
        (castrillo.Year, castrillo.Month).Should().Be((2010, (int?)null));
        castrillo.Authors[0].Should().Be(new PersonName("Castrillo-Viguera", "C."));
        castrillo.Title.Should().Be("Clinical significance in the change of decline in ALSFRS-R");
    }

    [Theory]
    [InlineData("2016 Mar", 2016, 3, null)]
    [InlineData("2016 Mar 1", 2016, 3, 1)]
    [InlineData("2015 Winter", 2015, null, null)]
    [InlineData("2016 Mar-Apr", 2016, 3, null)]
    [InlineData("2019 Dec 10", 2019, 12, 10)]
    [InlineData("2010", 2010, null, null)]
    public void Reads_DP_dates(string dp, int year, int? month, int? day)
    {
        var record = Single($"PMID- 1\nDP  - {dp}\nTI  - A title.\n");

        (record.Year, record.Month, record.Day).Should().Be((year, month, day));
    }

    [Theory]
    [InlineData("337-44", "337-344")]
    [InlineData("1187-94", "1187-1194")]
    [InlineData("590-7", "590-597")]
    [InlineData("922-932", "922-932")]
    [InlineData("e2294-e2305", "e2294-e2305")]
    [InlineData("e2294-305", "e2294-e2305")]
    [InlineData("CD011742", "CD011742")]
    [InlineData("229-37, 240", "229-237, 240")]
    public void Expands_abbreviated_PG_ranges(string pg, string expected)
    {
        Single($"PMID- 1\nTI  - A title.\nPG  - {pg}\n").Pages.Should().Be(expected);
    }

    [Fact]
    public void Uses_an_article_number_in_LID_when_PG_is_absent()
    {
        var record = Single("PMID- 1\nTI  - The Safety and Efficacy of Stem Cell Therapy as an Emerging Therapy for ALS.\nLID - 783122 [pii]\nLID - 10.3389/fneur.2021.783122 [doi]\n");

        record.Pages.Should().Be("783122");
        record.Doi.Should().Be("10.3389/fneur.2021.783122");
    }

    [Fact]
    public void Reads_the_DOI_from_AID_when_LID_has_none()
    {
        var record = Single("PMID- 1\nTI  - A title.\nAID - S0000 [pii]\nAID - 10.1002/ana.25302 [doi]\n");

        record.Doi.Should().Be("10.1002/ana.25302");
    }

    [Fact]
    public void Reads_group_authors_from_CN()
    {
        var record = Single("PMID- 1\nTI  - A title.\nFAU - Staff, Nathan P\nAU  - Staff NP\nCN  - Mayo Clinic ALS Investigators\n");

        record.Authors.Should().Equal(new PersonName("Staff", "Nathan P"));
        record.CorporateAuthor.Should().Be("Mayo Clinic ALS Investigators");
    }

    [Fact]
    public void Unwraps_a_translated_title_in_brackets()
    {
        Single("PMID- 1\nTI  - [Stem cell therapy in ALS].\n").Title.Should().Be("Stem cell therapy in ALS");
    }

    [Fact]
    public void Starts_a_new_record_at_a_PMID_line_even_without_a_blank_line()
    {
        var result = MedlineParser.Parse("PMID- 1\nTI  - First.\nPMID- 2\nTI  - Second.\n");

        result.Errors.Should().BeEmpty();
        result.Entries.Select(e => (e.Record.Pmid, e.Line)).Should().Equal(("1", 1), ("2", 3));
    }

    [Fact]
    public void Reads_CRLF_and_a_byte_order_mark()
    {
        var text = "\uFEFF" + ParserSamples.Read("pubmed.nbib").ReplaceLineEndings("\r\n");

        var result = MedlineParser.Parse(text);

        result.Errors.Should().BeEmpty();
        result.Entries.Select(e => e.Record).Should().BeEquivalentTo(ParseSample().Entries.Select(e => e.Record));
    }

    [Fact]
    public void Reports_a_record_without_a_title_and_keeps_the_others()
    {
        var text = ParserSamples.Read("pubmed.nbib") + "\nPMID- 30048006\nOWN - NLM\nVI  - 84\nDP  - 2018 Sep\nPG  - 361-373\n";

        var result = MedlineParser.Parse(text);

        result.Entries.Should().HaveCount(4);
        var error = result.Errors.Should().ContainSingle().Subject;
        error.Key.Should().Be("30048006");
        error.Line.Should().Be(149);
        error.Message.Should().Contain("no title");
    }

    [Fact]
    public void Reports_a_truncated_record()
    {
        var result = MedlineParser.Parse("PMID- 30048006\nOWN - NL");

        result.Entries.Should().BeEmpty();
        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("truncated");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u0000\u0001\u00FF\uFFFD binary \u0000")]
    [InlineData("Some prose.\nMore prose.")]
    public void Returns_one_error_and_no_entries_for_input_without_a_record(string text)
    {
        var result = MedlineParser.Parse(text);

        result.Entries.Should().BeEmpty();
        result.Errors.Should().ContainSingle().Which.Line.Should().Be(1);
    }
}
