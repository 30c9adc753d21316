using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Tests.Importing;

public sealed class ReferenceLibraryParserTests
{
    private static readonly Lazy<IReadOnlyList<LibraryRecord>> Library = new(() =>
        ReferenceLibraryParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, "reference-library.json"))));

    private static LibraryRecord Record(string id) => Library.Value.Single(r => r.Id == id);

    private static ImportFormatException Rejects(string json)
    {
        var act = () => ReferenceLibraryParser.Parse(json);
        return act.Should().Throw<ImportFormatException>().Which;
    }

    /// <summary>A one-record library; <paramref name="fields"/> are extra lines inside the record (line 3 onwards).</summary>
    private static string OneRecord(string fields) =>
        "[\n  {\n" + fields + "\n  }\n]\n";

    private const string ValidFields = """
            "id": "REC-90",
            "record_type": "clinical_trial_publication",
            "citation": { "title": "A title" }
        """;

    // ---- The real library -----------------------------------------------------------------------

    [Fact]
    public void Parses_all_22_records_of_the_real_library()
    {
        Library.Value.Should().HaveCount(22);
        Library.Value.Select(r => r.Id).Should().OnlyHaveUniqueItems().And.StartWith("REC-01").And.EndWith("REC-27");
        Library.Value.Should().OnlyContain(r => !string.IsNullOrWhiteSpace(r.Title));
    }

    [Fact]
    public void Reads_REC_01_citation_and_identifiers()
    {
        var rec = Record("REC-01");

        rec.Pmid.Should().Be("26751635");
        rec.Doi.Should().Be("10.1001/jamaneurol.2015.4321");
        rec.Pmcid.Should().BeNull();
        rec.NctIds.Should().Equal("NCT01051882", "NCT01777646");
        rec.Journal.Should().Be("JAMA Neurology");
        rec.Year.Should().Be(2016);
        rec.Volume.Should().Be("73");
        rec.Issue.Should().Be("3");
        rec.Pages.Should().Be("337-344");
        rec.Participants.Should().Be(26);
        rec.Kind.Should().Be(StudyKind.TrialReport);
        rec.Phase.Should().Be("Phase 1/2 (NCT01051882) and Phase 2a dose-escalating (NCT01777646)");
        rec.VerifiedFrom.Should().HaveCount(5).And.Contain("https://www.ncbi.nlm.nih.gov/pubmed/26751635");
    }

    [Fact]
    public void Keeps_REC_01_unverified_notes_verbatim()
    {
        Record("REC-01").Unverified.Should().Equal(
            "full author list",
            "exact abstract wording on serious adverse events (safety conclusion verified via secondary source)",
            "exact \"13 of 15\" count (only 87% verified)",
            "age range 20-75 stated in seed 001");
    }

    [Fact]
    public void Leaves_REC_02_pmid_and_doi_empty_because_the_library_marks_them_unverified()
    {
        var rec = Record("REC-02");

        rec.Pmid.Should().BeNull();
        rec.Doi.Should().BeNull();
        rec.Unverified.Should().Contain(["PMID", "DOI"]);
        rec.NctIds.Should().Equal("NCT02017912");
    }

    [Fact]
    public void Keeps_null_optional_fields_null()
    {
        var rec = Record("REC-27");

        rec.Year.Should().BeNull();
        rec.Phase.Should().BeNull();
        rec.Pmcid.Should().Be("PMC6301165");
        Record("REC-06").Participants.Should().BeNull();
        Record("REC-18").CellType.Should().BeNull();
    }

    [Theory]
    [InlineData("REC-01", StudyKind.TrialReport)]
    [InlineData("REC-27", StudyKind.TrialReport)]
    [InlineData("REC-09", StudyKind.TrialProtocol)]
    [InlineData("REC-13", StudyKind.ObservationalStudy)]
    [InlineData("REC-12", StudyKind.SystematicReview)]
    [InlineData("REC-19", StudyKind.SystematicReview)]
    [InlineData("REC-20", StudyKind.NarrativeReview)]
    [InlineData("REC-18", StudyKind.Survey)]
    [InlineData("REC-05", StudyKind.PressRelease)]
    [InlineData("REC-04", StudyKind.RegulatoryDecision)]
    [InlineData("REC-06", StudyKind.RegistryRecord)]
    [InlineData("REC-11", StudyKind.RegistryRecord)]
    public void Maps_record_types_to_study_kinds(string id, StudyKind kind) =>
        Record(id).Kind.Should().Be(kind);

    [Fact]
    public void Normalises_the_case_of_dois()
    {
        Record("REC-10").Doi.Should().Be("10.1212/wnl.0000000000003359");
        Record("REC-19").Doi.Should().Be("10.1002/14651858.cd011742.pub3");
    }

    [Fact]
    public void Classifies_REC_13_as_umbilical_cord_msc()
    {
        Record("REC-13").TherapyTypes.Should().Equal(TherapyType.UmbilicalCordMsc);
    }

    // ---- Small valid inputs ---------------------------------------------------------------------

    [Fact]
    public void Keeps_an_unknown_record_type_verbatim_as_Other()
    {
        var rec = ReferenceLibraryParser.Parse(OneRecord("""
                "id": "REC-90",
                "record_type": "conference_poster",
                "citation": { "title": "A title" }
            """)).Single();

        rec.Kind.Should().Be(StudyKind.Other);
        rec.RecordType.Should().Be("conference_poster");
    }

    [Fact]
    public void Maps_any_registered_trial_type_to_RegistryRecord()
    {
        ReferenceLibraryParser.KindOf("registered_trial_with_results").Should().Be(StudyKind.RegistryRecord);
        ReferenceLibraryParser.KindOf("clinical_study_publication").Should().Be(StudyKind.TrialReport);
        ReferenceLibraryParser.KindOf("something_new").Should().Be(StudyKind.Other);
    }

    [Fact]
    public void Accepts_a_record_with_only_id_type_and_title()
    {
        var rec = ReferenceLibraryParser.Parse(OneRecord(ValidFields)).Single();

        rec.Id.Should().Be("REC-90");
        rec.Title.Should().Be("A title");
        rec.NctIds.Should().BeEmpty();
        rec.Unverified.Should().BeEmpty();
        rec.Pmid.Should().BeNull();
        rec.TherapyTypes.Should().Equal(TherapyType.Other);
    }

    [Fact]
    public void Reads_an_optional_abstract_with_its_paragraphs()
    {
        var rec = ReferenceLibraryParser.Parse(OneRecord("""
                "id": "REC-90",
                "record_type": "clinical_trial_publication",
                "citation": { "title": "A title" },
                "abstract": "  First   paragraph.\n\n\nSecond paragraph.  "
            """)).Single();

        rec.Abstract.Should().Be("First paragraph.\n\nSecond paragraph.");
        ReferenceLibraryParser.Parse(OneRecord(ValidFields)).Single().Abstract.Should().BeNull();
    }

    [Fact]
    public void Accepts_numbers_written_as_text_and_identifiers_in_loose_forms()
    {
        var rec = ReferenceLibraryParser.Parse(OneRecord("""
                "id": "REC-90",
                "record_type": "clinical_trial_publication",
                "citation": { "title": "A title", "year": "2016", "volume": 73 },
                "n_enrolled": "26",
                "pmid": 26751635,
                "pmcid": "pmc123",
                "nct_ids": ["nct01051882", "NCT01051882"]
            """)).Single();

        rec.Year.Should().Be(2016);
        rec.Volume.Should().Be("73");
        rec.Participants.Should().Be(26);
        rec.Pmid.Should().Be("26751635");
        rec.Pmcid.Should().Be("PMC123");
        rec.NctIds.Should().Equal("NCT01051882");
    }

    [Fact]
    public void Accepts_an_empty_library()
    {
        ReferenceLibraryParser.Parse("[]").Should().BeEmpty();
    }

    // ---- Bad input ------------------------------------------------------------------------------

    [Fact]
    public void Rejects_text_that_is_not_json_giving_the_line()
    {
        var ex = Rejects("[\n  {\n    \"id\": \"REC-01\",\n    \"record_type\" \"x\"\n  }\n]");

        ex.Line.Should().Be(4);
        ex.Message.Should().Contain("line 4").And.Contain("REC-01");
    }

    [Fact]
    public void Rejects_truncated_json_giving_the_line()
    {
        var full = OneRecord(ValidFields);
        var ex = Rejects(full[..(full.IndexOf("\"citation\"", StringComparison.Ordinal) + 5)]);

        ex.Line.Should().Be(5);
        ex.Message.Should().Contain("line 5").And.Contain("truncated");
    }

    [Fact]
    public void Rejects_an_empty_file()
    {
        var ex = Rejects(" \n");

        ex.Line.Should().Be(1);
        ex.Message.Should().Contain("empty");
    }

    [Fact]
    public void Rejects_comments_and_trailing_commas()
    {
        Rejects("[\n// note\n]").Line.Should().Be(2);
        Rejects("[\n  { \"id\": \"REC-01\" },\n]").Line.Should().Be(3);
    }

    [Fact]
    public void Rejects_a_root_that_is_not_an_array()
    {
        var ex = Rejects("\n{ \"id\": \"REC-01\" }");

        ex.Message.Should().Contain("array");
        ex.Line.Should().Be(2);
    }

    [Fact]
    public void Rejects_a_record_that_is_not_an_object_naming_its_position()
    {
        var ex = Rejects("[\n  {\n" + ValidFields + "\n  },\n  \"REC-91\"\n]");

        ex.Record.Should().Be("#2");
        ex.Line.Should().Be(7);
        ex.Message.Should().Contain("#2").And.Contain("object").And.Contain("line 7");
    }

    [Fact]
    public void Rejects_record_without_id_naming_its_position()
    {
        var ex = Rejects(OneRecord("""
                "record_type": "clinical_trial_publication",
                "citation": { "title": "A title" }
            """));

        ex.Record.Should().Be("#1");
        ex.Message.Should().Contain("#1").And.Contain("'id'").And.Contain("missing");
    }

    [Fact]
    public void Rejects_record_with_empty_id()
    {
        var ex = Rejects(OneRecord("""
                "id": "  ",
                "record_type": "clinical_trial_publication",
                "citation": { "title": "A title" }
            """));

        ex.Message.Should().Contain("#1").And.Contain("'id'").And.Contain("empty");
        ex.Line.Should().Be(3);
    }

    [Fact]
    public void Rejects_record_without_title_naming_the_record()
    {
        var ex = Rejects(OneRecord("""
                "id": "REC-90",
                "record_type": "clinical_trial_publication",
                "citation": { "authors": "Someone" }
            """));

        ex.Record.Should().Be("REC-90");
        ex.Line.Should().Be(5);
        ex.Message.Should().Contain("REC-90").And.Contain("citation.title").And.Contain("line 5");
    }

    [Fact]
    public void Rejects_record_with_empty_title_naming_the_record()
    {
        var ex = Rejects(OneRecord("""
                "id": "REC-90",
                "record_type": "clinical_trial_publication",
                "citation": {
                  "title": ""
                }
            """));

        ex.Line.Should().Be(6);
        ex.Message.Should().Contain("REC-90").And.Contain("citation.title").And.Contain("empty");
    }

    [Fact]
    public void Rejects_record_without_citation_naming_the_record()
    {
        var ex = Rejects(OneRecord("""
                "id": "REC-90",
                "record_type": "clinical_trial_publication"
            """));

        ex.Message.Should().Contain("REC-90").And.Contain("citation");
    }

    [Fact]
    public void Rejects_record_without_record_type_naming_the_record()
    {
        var ex = Rejects(OneRecord("""
                "id": "REC-90",
                "citation": { "title": "A title" }
            """));

        ex.Message.Should().Contain("REC-90").And.Contain("record_type");
    }

    [Fact]
    public void Rejects_a_year_given_as_an_object()
    {
        var ex = Rejects(OneRecord("""
                "id": "REC-90",
                "record_type": "clinical_trial_publication",
                "citation": {
                  "title": "A title",
                  "year": { "value": 2016 }
                }
            """));

        ex.Line.Should().Be(7);
        ex.Message.Should().Contain("REC-90").And.Contain("citation.year").And.Contain("an object");
    }

    [Fact]
    public void Rejects_n_enrolled_text_that_is_not_a_number()
    {
        var ex = Rejects(OneRecord(ValidFields + ",\n    \"n_enrolled\": \"about 200\""));

        ex.Line.Should().Be(6);
        ex.Message.Should().Contain("REC-90").And.Contain("n_enrolled").And.Contain("about 200");
    }

    [Fact]
    public void Rejects_a_title_given_as_a_number()
    {
        var ex = Rejects(OneRecord("""
                "id": "REC-90",
                "record_type": "clinical_trial_publication",
                "citation": { "title": 42 }
            """));

        ex.Message.Should().Contain("REC-90").And.Contain("citation.title").And.Contain("42");
    }

    [Fact]
    public void Rejects_unverified_notes_that_are_not_text()
    {
        var ex = Rejects(OneRecord(ValidFields + ",\n    \"unverified\": [\"PMID\", 7]"));

        ex.Message.Should().Contain("REC-90").And.Contain("unverified[1]");
    }

    [Fact]
    public void Rejects_duplicate_ids_naming_both_records()
    {
        var ex = Rejects("[\n  {\n" + ValidFields + "\n  },\n  {\n" + ValidFields + "\n  }\n]");

        ex.Record.Should().Be("REC-90");
        ex.Line.Should().Be(8);
        ex.Message.Should().Contain("duplicate id 'REC-90'").And.Contain("#1");
    }

    [Fact]
    public void Rejects_a_pmid_that_is_not_digits()
    {
        var ex = Rejects(OneRecord(ValidFields + ",\n    \"pmid\": \"26751635x\""));

        ex.Line.Should().Be(6);
        ex.Message.Should().Contain("REC-90").And.Contain("'pmid'").And.Contain("26751635x");
    }

    [Theory]
    [InlineData("NCT0105188")]
    [InlineData("NCT010518822")]
    [InlineData("01051882")]
    [InlineData("see NCT01051882")]
    public void Rejects_an_nct_id_that_is_not_NCT_and_8_digits(string nct)
    {
        var ex = Rejects(OneRecord(ValidFields + $",\n    \"nct_ids\": [\"NCT01777646\", \"{nct}\"]"));

        ex.Line.Should().Be(6);
        ex.Message.Should().Contain("REC-90").And.Contain("nct_ids[1]").And.Contain(nct);
    }

    [Theory]
    [InlineData("https://doi.org/10.1001/jamaneurol.2015.4321")]
    [InlineData("doi:10.1001/x")]
    [InlineData("11.1001/x")]
    public void Rejects_a_doi_that_does_not_start_with_10(string doi)
    {
        var ex = Rejects(OneRecord(ValidFields + $",\n    \"doi\": \"{doi}\""));

        ex.Message.Should().Contain("REC-90").And.Contain("'doi'").And.Contain(doi);
    }

    [Fact]
    public void Rejects_a_pmcid_without_PMC()
    {
        Rejects(OneRecord(ValidFields + ",\n    \"pmcid\": \"123456\"")).Message.Should().Contain("pmcid");
    }

    [Fact]
    public void Rejects_a_misspelt_field_so_unverified_notes_cannot_be_lost()
    {
        var ex = Rejects(OneRecord(ValidFields + ",\n    \"unverifed\": [\"PMID\"]"));

        ex.Line.Should().Be(6);
        ex.Message.Should().Contain("REC-90").And.Contain("unknown field 'unverifed'");
    }

    [Fact]
    public void Rejects_a_field_given_twice()
    {
        var ex = Rejects(OneRecord(ValidFields + ",\n    \"doi\": \"10.1/a\",\n    \"doi\": \"10.1/b\""));

        ex.Line.Should().Be(7);
        ex.Message.Should().Contain("REC-90").And.Contain("'doi' appears twice");
    }

    [Fact]
    public void Rejects_the_whole_file_at_the_first_bad_record()
    {
        var json = "[\n  {\n" + ValidFields + "\n  },\n  { \"id\": \"REC-91\", \"record_type\": \"x\", \"citation\": {} }\n]";

        Rejects(json).Message.Should().Contain("REC-91");
    }
}
