using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class RisParserTests
{
    private static BibParseResult ParseSample() => RisParser.Parse(ParserSamples.Read("references.ris"));

    private static BibRecord Single(string ris)
    {
        var result = RisParser.Parse(ris);
        result.Errors.Should().BeEmpty();
        return result.Entries.Should().ContainSingle().Subject.Record;
    }

    [Fact]
    public void Reads_the_three_sample_records_with_their_start_lines()
    {
        var result = ParseSample();

        result.Format.Should().Be(BibFormat.Ris);
        result.Errors.Should().BeEmpty();
        result.Entries.Select(e => e.Line).Should().Equal(1, 27, 56);
    }

    [Fact]
    public void Reads_a_Zotero_style_record()
    {
        var petrou = ParseSample().Entries[0].Record;

        petrou.Kind.Should().Be(BibRecordKind.Publication);
        petrou.SourceKey.Should().Be("petrou2016");
        petrou.Title.Should().Be("Safety and Clinical Effects of Mesenchymal Stem Cells Secreting Neurotrophic Factor Transplantation in Patients With Amyotrophic Lateral Sclerosis: Results of Phase 1/2 and 2a Clinical Trials");
        petrou.Authors.Should().Equal(new PersonName("Petrou", "Panayiota"), new PersonName("Gothelf", "Yael"), new PersonName("Argov", "Zohar"));
        petrou.AuthorsTruncated.Should().BeTrue();
        petrou.Journal.Should().Be("JAMA Neurology");
        petrou.JournalAbbreviation.Should().Be("JAMA Neurol");
        (petrou.Year, petrou.Month, petrou.Day).Should().Be((2016, 3, 1));
        (petrou.Volume, petrou.Issue, petrou.Pages).Should().Be(("73", "3", "337-344"));
        petrou.Doi.Should().Be("10.1001/jamaneurol.2015.4321");
        petrou.Pmid.Should().Be("26751635");
        petrou.NctIds.Should().Equal("NCT01051882", "NCT01777646");
        petrou.Keywords.Should().Equal("Amyotrophic Lateral Sclerosis", "Mesenchymal Stem Cells");
        petrou.Note.Should().BeNull("a note that only lists trial registrations becomes the NCT ids");
        petrou.PublicationType.Should().Be("JOUR");
        petrou.Abstract.Should().StartWith("IMPORTANCE: Mesenchymal stem cells");
    }

    [Fact]
    public void Reads_an_EndNote_style_record_with_T1_A1_Y1_and_continuation_lines()
    {
        var oh = ParseSample().Entries[1].Record;

        oh.Title.Should().Be("Phase I trial of repeated intrathecal autologous bone marrow-derived mesenchymal stromal cells in amyotrophic lateral sclerosis");
        oh.Authors.Should().HaveCount(9);
        oh.Authors[0].Should().Be(new PersonName("Oh", "K. W."));
        oh.Authors[0].Initials.Should().Be("KW");
        oh.Authors[3].Should().Be(new PersonName("Oh", "S. I."));
        oh.AuthorsTruncated.Should().BeFalse();
        (oh.Year, oh.Month, oh.Day).Should().Be((2015, (int?)null, (int?)null));
        oh.Journal.Should().Be("Stem Cells Translational Medicine");
        oh.JournalAbbreviation.Should().Be("Stem Cells Transl Med");
        oh.Pages.Should().Be("590-597");
        oh.Abstract.Should().Be("Patients with amyotrophic lateral sclerosis received two repeated intrathecal injections of autologous bone marrow-derived mesenchymal stromal cells in an open-label phase I trial. [Abstract abridged for test data.]");
        oh.Keywords.Should().Equal("amyotrophic lateral sclerosis", "mesenchymal stromal cells", "intrathecal");
        oh.Pmid.Should().Be("25934946", "the PubMed address in UR names it");
        oh.Doi.Should().Be("10.5966/sctm.2014-0212", "a resolver address in DO is normalised");
        oh.NctIds.Should().Equal("NCT01363401");
        oh.SourceKey.Should().Be("25934946");
        oh.PublicationType.Should().Be("Clinical Trial, Phase I");
        oh.Url.Should().Be("https://pubmed.ncbi.nlm.nih.gov/25934946/");
    }

    [Fact]
    public void Reads_the_last_record_when_the_file_ends_without_ER()
    {
        var barczewska = ParseSample().Entries[2].Record;

        barczewska.Authors.Select(a => a.Family).Should().Equal("Barczewska", "Maksymowicz", "Zdolińska-Malinowska", "Siwek", "Grudniak");
        barczewska.Authors[1].Given.Should().Be("Stanisław");
        barczewska.Journal.Should().Be("Stem Cell Reviews and Reports");
        barczewska.JournalAbbreviation.Should().Be("Stem Cell Rev Rep");
        (barczewska.Year, barczewska.Month).Should().Be((2020, 10));
        barczewska.Pages.Should().Be("922-932", "SP holding the whole range is kept");
        barczewska.Pmid.Should().Be("32725316");
        barczewska.Pmcid.Should().Be("PMC7456414");
        barczewska.Doi.Should().Be("10.1007/s12015-020-10016-7");
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void Reads_any_line_ending(string newline)
    {
        var text = ParserSamples.Read("references.ris").ReplaceLineEndings(newline);

        var result = RisParser.Parse(text);

        result.Errors.Should().BeEmpty();
        result.Entries.Select(e => e.Record).Should().BeEquivalentTo(ParseSample().Entries.Select(e => e.Record));
        result.Entries.Select(e => e.Line).Should().Equal(1, 27, 56);
        result.Entries[1].Record.Abstract.Should().NotContain("\r");
    }

    [Fact]
    public void Ignores_a_byte_order_mark()
    {
        var result = RisParser.Parse("\uFEFF" + ParserSamples.Read("references.ris"));

        result.Errors.Should().BeEmpty();
        result.Entries.Should().HaveCount(3);
        result.Entries[0].Record.Title.Should().StartWith("Safety and Clinical Effects");
    }

    [Fact]
    public void Reads_journal_from_T2_when_JO_is_absent()
    {
        var record = Single("TY  - JOUR\nTI  - Repeated Intrathecal Mesenchymal Stem Cells for Amyotrophic Lateral Sclerosis\nT2  - Annals of Neurology\nPY  - 2018\nER  - \n");

        record.Journal.Should().Be("Annals of Neurology");
        record.JournalAbbreviation.Should().BeNull();
    }

    [Fact]
    public void Reads_journal_from_JO_before_T2()
    {
        var record = Single("TY  - JOUR\nTI  - Repeated Intrathecal Mesenchymal Stem Cells for Amyotrophic Lateral Sclerosis\nJO  - Annals of Neurology\nT2  - Annals of Neurology\nJ2  - Ann Neurol\nER  - \n");

        record.Journal.Should().Be("Annals of Neurology");
        record.JournalAbbreviation.Should().Be("Ann Neurol");
    }

    [Fact]
    public void Takes_an_abbreviated_JO_beside_a_full_T2_as_the_abbreviation()
    {
        var record = Single("TY  - JOUR\nTI  - Repeated Intrathecal Mesenchymal Stem Cells for Amyotrophic Lateral Sclerosis\nJO  - Ann. Neurol.\nT2  - Annals of Neurology\nER  - \n");

        record.Journal.Should().Be("Annals of Neurology");
        record.JournalAbbreviation.Should().Be("Ann. Neurol.");
    }

    [Fact]
    public void Does_not_count_A2_secondary_authors_as_authors()
    {
        var record = Single("TY  - CHAP\nTI  - Stem cell therapy in amyotrophic lateral sclerosis\nAU  - Mazzini, L.\nA2  - Editor, Book\nER  - \n");

        record.Authors.Should().Equal(new PersonName("Mazzini", "L."));
    }

    [Theory]
    [InlineData("PY  - 2016", 2016, null, null)]
    [InlineData("PY  - 2016/03/01/", 2016, 3, 1)]
    [InlineData("PY  - 2016///", 2016, null, null)]
    [InlineData("PY  - 2016/03//Spring", 2016, 3, null)]
    [InlineData("Y1  - 2015/06/01", 2015, 6, 1)]
    [InlineData("PY  - 2016\nDA  - 2016/03/01/", 2016, 3, 1)]
    [InlineData("DA  - 2016/03/01", 2016, 3, 1)]
    public void Reads_PY_Y1_and_DA_dates(string lines, int year, int? month, int? day)
    {
        var record = Single($"TY  - JOUR\nTI  - A title\n{lines}\nER  - \n");

        (record.Year, record.Month, record.Day).Should().Be((year, month, day));
    }

    [Fact]
    public void Reads_names_without_a_comma_by_the_documented_rule_and_group_authors()
    {
        // Decision 0030: trailing initials mean family name first; two full words are given name, then family name
        // (as reference managers' RIS writes "Catarina Barata"), so "Petrou Panayiota" reads as given name "Petrou".
        var record = Single("TY  - JOUR\nTI  - Cell-based therapies for amyotrophic lateral sclerosis/motor neuron disease\nAU  - Petrou Panayiota\nAU  - Abdul Wahid SF\nAU  - Petrou PA\nAU  - Penn E.B.\nAU  - J.D. Bransford\nAU  - Mayo Clinic\nAU  - Staff, Nathan P.\nER  - \n");

        record.Authors.Should().Equal(
            new PersonName("Panayiota", "Petrou"),
            new PersonName("Abdul Wahid", "S. F."),
            new PersonName("Petrou", "P. A."),
            new PersonName("Penn", "E.B."),
            new PersonName("Bransford", "J.D."),
            new PersonName("Staff", "Nathan P."));
        record.Groups.Should().Equal("Mayo Clinic");
    }

    [Fact]
    public void Reads_a_given_name_written_first_and_keeps_a_name_it_cannot_split_whole()
    {
        var record = Single("TY  - JOUR\nTI  - Skin lesion analysis\nAU  - Catarina Barata\nAU  - Ludwig van Beethoven\nAU  - Maria Luisa Garcia Lopez\nER  - \n");

        record.Authors.Should().Equal(new PersonName("Barata", "Catarina"), new PersonName("van Beethoven", "Ludwig"));
        record.Groups.Should().Equal("Maria Luisa Garcia Lopez");
    }

    [Fact]
    public void Reads_a_record_whose_tags_use_a_single_space_and_an_empty_ER()
    {
        var record = Single("TY - JOUR\nTI - Neurotherapeutics review\nER  -\n");

        record.Title.Should().Be("Neurotherapeutics review");
    }

    [Fact]
    public void Does_not_read_an_Embase_accession_number_as_a_PubMed_id()
    {
        var record = Single("TY  - JOUR\nTI  - A title\nAN  - 615123456\nDB  - Embase\nER  - \n");

        record.Pmid.Should().BeNull();
    }

    [Fact]
    public void Reads_a_ClinicalTrials_gov_registration_exported_as_a_report()
    {
        var record = Single("""
            TY  - RPRT
            ID  - NCT03280056
            TI  - A Phase 3, Randomized, Double-blind, Placebo-controlled Multicenter Study to Evaluate Efficacy and Safety of Repeated Administration of NurOwn® (MSC-NTF Cells) in Participants With ALS
            M3  - Clinical trial registration
            PB  - Brainstorm-Cell Therapeutics
            DB  - ClinicalTrials.gov
            SN  - NCT03280056
            AN  - NCT03280056
            PY  - 2017
            UR  - https://clinicaltrials.gov/study/NCT03280056
            ER  - 
            """);

        record.Kind.Should().Be(BibRecordKind.RegisteredTrial);
        record.NctIds.Should().Equal("NCT03280056");
        record.Sponsor.Should().Be("Brainstorm-Cell Therapeutics");
        record.Pmid.Should().BeNull("an NCT number in AN is not a PubMed id");
        record.PublicationType.Should().Be("Clinical trial registration");
    }

    [Fact]
    public void Takes_trial_registration_notes_as_NCT_ids_and_keeps_other_notes()
    {
        var record = Single("TY  - JOUR\nTI  - T\nN1  - Not confirmed: full author list\nN1  - Trial registration: ClinicalTrials.gov NCT01051882, NCT01777646\nER  - \n");

        record.Note.Should().Be("Not confirmed: full author list");
        record.NctIds.Should().Equal("NCT01051882", "NCT01777646");
    }

    [Fact]
    public void Reads_a_group_author_whose_name_has_a_comma()
    {
        var record = Single("TY  - GOVDOC\nTI  - Advisory committee meeting on BLA for NurOwn (debamestrocel) for ALS\nAU  - U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee\nPY  - 2023\nER  - \n");

        record.Authors.Should().BeEmpty();
        record.CorporateAuthor.Should().Be("U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee");
    }

    [Fact]
    public void Reports_a_record_without_a_title_and_keeps_the_others()
    {
        var text = "TY  - JOUR\nTI  - First\nER  - \nTY  - JOUR\nID  - tang2017\nAU  - Tang, Bor Luen\nPY  - 2017\nER  - \nTY  - JOUR\nTI  - Third\nER  - \n";

        var result = RisParser.Parse(text);

        result.Entries.Select(e => e.Record.Title).Should().Equal("First", "Third");
        var error = result.Errors.Should().ContainSingle().Subject;
        error.Line.Should().Be(4);
        error.Key.Should().Be("tang2017");
        error.Message.Should().Contain("no title");
    }

    [Fact]
    public void Reports_a_truncated_record_at_the_end_of_the_file()
    {
        var text = ParserSamples.Read("references.ris") + "\nER  - \n\nTY  - JOUR\nAU  - Tang, Bor Luen\nPY  - 20";

        var result = RisParser.Parse(text);

        result.Entries.Should().HaveCount(3);
        var error = result.Errors.Should().ContainSingle().Subject;
        error.Line.Should().Be(76);
        error.Message.Should().Contain("truncated");
    }

    [Fact]
    public void Closes_a_record_that_lacks_ER_when_the_next_TY_starts()
    {
        var result = RisParser.Parse("TY  - JOUR\nTI  - First\nTY  - JOUR\nTI  - Second\nER  - \n");

        result.Errors.Should().BeEmpty();
        result.Entries.Select(e => (e.Record.Title, e.Line)).Should().Equal(("First", 1), ("Second", 3));
    }

    [Fact]
    public void Reports_tags_outside_a_record_once()
    {
        var result = RisParser.Parse("TI  - Orphan title\nAU  - Nobody, A.\nTY  - JOUR\nTI  - Kept\nER  - \n");

        result.Entries.Should().ContainSingle().Which.Record.Title.Should().Be("Kept");
        result.Errors.Should().ContainSingle().Which.Line.Should().Be(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n  ")]
    [InlineData("\u0000\u0001\u00FF\uFFFD PK\u0003\u0004 binary \u0000")]
    [InlineData("Just some prose, not a reference list.")]
    public void Returns_one_error_and_no_entries_for_input_without_a_record(string text)
    {
        var result = RisParser.Parse(text);

        result.Entries.Should().BeEmpty();
        result.Errors.Should().ContainSingle().Which.Line.Should().Be(1);
    }

    [Fact]
    public void Stops_after_a_bounded_number_of_errors_on_hostile_input()
    {
        var text = string.Concat(Enumerable.Repeat("TY  - JOUR\nER  - \n", 50_000));

        var result = RisParser.Parse(text);

        result.Entries.Should().BeEmpty();
        result.Errors.Should().HaveCountLessThanOrEqualTo(200);
        result.Errors[^1].Message.Should().Contain("stopped");
    }
}
