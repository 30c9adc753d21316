using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Writing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class RisWriterTests
{
    private static string Write(params BibRecord[] records)
    {
        using var writer = new StringWriter();
        RisWriter.Write(records, writer);
        return writer.ToString();
    }

    [Fact]
    public void Writes_a_journal_article_with_every_field_and_CRLF_line_endings()
    {
        var ris = Write(SeedReferences.Get("REC-08"));

        ris.Should().StartWith("TY  - JOUR\r\n");
        ris.Replace("\r\n", "", StringComparison.Ordinal).Should().NotContain("\n", "every line ends with CRLF");
        ris.Should().Contain("AU  - Oh, K. W.\r\n").And.Contain("AU  - Kim, S. H.\r\n");
        ris.Should().Contain("TI  - Repeated Intrathecal Mesenchymal Stem Cells for Amyotrophic Lateral Sclerosis\r\n");
        ris.Should().Contain("T2  - Annals of Neurology\r\n");
        ris.Should().Contain("PY  - 2018\r\n").And.Contain("VL  - 84\r\n").And.Contain("IS  - 3\r\n");
        ris.Should().Contain("SP  - 361\r\n").And.Contain("EP  - 373\r\n");
        ris.Should().Contain("DO  - 10.1002/ana.25302\r\n");
        ris.Should().Contain("AN  - 30048006\r\n").And.Contain("DB  - PubMed\r\n");
        ris.Should().Contain("C2  - PMC6175096\r\n");
        ris.Should().Contain("UR  - https://doi.org/10.1002/ana.25302\r\n");
        ris.Should().Contain("N1  - Trial registration: ClinicalTrials.gov NCT01363401\r\n");
        ris.Should().EndWith("ER  - \r\n\r\n");
    }

    [Fact]
    public void Authors_come_in_order_one_per_line_with_initials_dotted()
    {
        var ris = Write(SeedReferences.Get("REC-17"));
        var authors = ris.Split("\r\n").Where(l => l.StartsWith("AU  - ", StringComparison.Ordinal)).ToList();
        authors.Should().HaveCount(11);
        authors[0].Should().Be("AU  - Karussis, D.");
        authors[6].Should().Be("AU  - Bulte, J. W. M.");
    }

    [Fact]
    public void Initials_written_together_are_split_so_readers_see_three_initials()
    {
        var ris = Write(new BibRecord { Title = "T", Authors = [new PersonName("Bulte", "JWM"), new PersonName("Staff", "Nathan P.")] });
        ris.Should().Contain("AU  - Bulte, J. W. M.\r\n").And.Contain("AU  - Staff, Nathan P.\r\n");
    }

    [Fact]
    public void A_registered_trial_is_a_report_with_the_NCT_id_and_the_sponsor_as_publisher()
    {
        var ris = Write(SeedReferences.Get("REC-06"));
        ris.Should().StartWith("TY  - RPRT\r\n");
        ris.Should().Contain("M3  - Clinical trial registration\r\n");
        ris.Should().Contain("PB  - Brainstorm-Cell Therapeutics\r\n");
        ris.Should().Contain("SN  - NCT06973629\r\n").And.Contain("AN  - NCT06973629\r\n");
        ris.Should().Contain("DB  - ClinicalTrials.gov\r\n");
        ris.Should().Contain("UR  - https://clinicaltrials.gov/study/NCT06973629\r\n");
        ris.Should().NotContain("AU  - ", "a registry entry's sponsor is its publisher, not an author");
        ris.Should().NotContain("T2  - ");
    }

    [Fact]
    public void Press_releases_regulatory_documents_and_web_pages_get_their_own_types()
    {
        Write(SeedReferences.Get("REC-05")).Should().StartWith("TY  - GEN\r\n").And.Contain("M3  - Press release\r\n")
            .And.Contain("AU  - BrainStorm Cell Therapeutics\r\n");
        Write(SeedReferences.Get("REC-04")).Should().StartWith("TY  - GOVDOC\r\n")
            .And.Contain("AU  - U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee\r\n");
        Write(new BibRecord { Title = "A page", Url = "https://example.org/" }).Should().StartWith("TY  - ELEC\r\n");
        Write(new BibRecord { Title = "Something" }).Should().StartWith("TY  - GEN\r\n");
    }

    [Fact]
    public void Missing_fields_are_left_out_and_single_pages_have_no_end_page()
    {
        var ris = Write(new BibRecord { Title = "Only a title", Journal = "Trials", Pages = "e2294" });
        ris.Should().Be("TY  - JOUR\r\nTI  - Only a title\r\nT2  - Trials\r\nSP  - e2294\r\nER  - \r\n\r\n");
    }

    [Fact]
    public void Line_breaks_inside_values_become_spaces_and_the_date_goes_in_DA()
    {
        var ris = Write(new BibRecord
        {
            Title = "Two\r\nlines",
            Abstract = "Background.\n\nMethods.",
            Year = 2016, Month = 3, Day = 1,
            Keywords = ["ALS", "stem cells"],
            JournalAbbreviation = "JAMA Neurol",
            Journal = "JAMA Neurology",
        });
        ris.Should().Contain("TI  - Two lines\r\n").And.Contain("AB  - Background. Methods.\r\n");
        ris.Should().Contain("PY  - 2016\r\n").And.Contain("DA  - 2016/03/01/\r\n");
        ris.Should().Contain("KW  - ALS\r\nKW  - stem cells\r\n");
        ris.Should().Contain("J2  - JAMA Neurol\r\n");
    }

    [Fact]
    public void Writes_every_seed_record_as_one_RIS_record()
    {
        var ris = Write([.. SeedReferences.Records]);
        ris.Split("\r\n").Count(l => l.StartsWith("TY  - ", StringComparison.Ordinal)).Should().Be(22);
        ris.Split("\r\n").Count(l => l == "ER  - ").Should().Be(22);
        ris.Split("\r\n").Where(l => l.Length > 0).Should().OnlyContain(l => l.Length >= 6 && l.Substring(2, 4) == "  - ");
    }
}
