using System.Text;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;
using KnowledgeBase.Interchange.Writing;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>Abstracts read from every reference format, and written back to every format the knowledge base exports.</summary>
public sealed class AbstractInterchangeTests
{
    private const string TwoParagraphs = "Background: 50% of {wombats} & one ~quokka — Ünïcödé.\n\nResults: the count rose_by $3$.";

    [Fact]
    public void Ris_reads_AB_and_joins_its_continuation_lines()
    {
        var parsed = RisParser.Parse("""
            TY  - JOUR
            TI  - A marsupial report
            AB  - First line of the abstract
              continues here.
            ER  - 
            """);

        parsed.Entries.Single().Record.Abstract.Should().Be("First line of the abstract continues here.");
    }

    [Fact]
    public void Ris_falls_back_to_N2_when_there_is_no_AB()
    {
        var parsed = RisParser.Parse("""
            TY  - JOUR
            TI  - A marsupial report
            N2  - The abstract under EndNote's tag.
            ER  - 
            """);

        parsed.Entries.Single().Record.Abstract.Should().Be("The abstract under EndNote's tag.");
    }

    [Fact]
    public void Medline_reads_a_multi_line_AB_as_one_text()
    {
        var parsed = MedlineParser.Parse("""
            PMID- 99990001
            TI  - A marsupial report.
            AB  - BACKGROUND: Quokkas were counted over two
                  seasons. RESULTS: The count rose.
            FAU - Kowalski, Jan
            """);

        parsed.Entries.Single().Record.Abstract.Should().Be("BACKGROUND: Quokkas were counted over two seasons. RESULTS: The count rose.");
    }

    [Fact]
    public void BibTex_reads_an_abstract_with_latex_accents_and_keeps_its_paragraphs()
    {
        var parsed = BibTexParser.Parse("""
            @article{k1,
              title = {A marsupial report},
              abstract = {Caf\'{e} trials of the
                          quokka.

                          A second paragraph.}
            }
            """);

        parsed.Entries.Single().Record.Abstract.Should().Be("Café trials of the\nquokka.\n\nA second paragraph.");
    }

    [Fact]
    public void A_registry_summary_without_a_detailed_description_is_the_brief_summary_alone()
    {
        var parsed = ClinicalTrialsGovParser.Parse("""
            { "protocolSection": {
                "identificationModule": { "nctId": "NCT09990005", "briefTitle": "A registered trial" },
                "descriptionModule": { "briefSummary": "Only a brief summary." } } }
            """);

        var record = parsed.Entries.Single().Record;
        record.Abstract.Should().Be("Only a brief summary.");
        record.PrimaryOutcomes.Should().BeEmpty();
    }

    [Theory]
    [InlineData(BibFormat.BibTex)]
    [InlineData(BibFormat.CslJson)]
    public void An_abstract_survives_a_round_trip_with_its_paragraphs(BibFormat format)
    {
        var record = new BibRecord { Title = "A marsupial report", Journal = "J Invented Res", Year = 2021, Abstract = TwoParagraphs };

        var parsed = Parse(Write([record], format), format);

        parsed.Errors.Should().BeEmpty();
        parsed.Entries.Single().Record.Abstract.Should().Be(TwoParagraphs);
    }

    [Fact]
    public void An_abstract_survives_a_ris_round_trip_as_one_paragraph()
    {
        // RIS has one line per tag and no paragraph convention: the paragraphs are joined by a space.
        var record = new BibRecord { Title = "A marsupial report", Journal = "J Invented Res", Year = 2021, Abstract = TwoParagraphs };

        var text = Write([record], BibFormat.Ris);

        text.Split('\n').Count(l => l.StartsWith("AB  - ", StringComparison.Ordinal)).Should().Be(1);
        RisParser.Parse(text).Entries.Single().Record.Abstract.Should().Be(TwoParagraphs.Replace("\n\n", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reference_csv_has_an_abstract_column_with_line_breaks_kept_in_quotes()
    {
        using var writer = new StringWriter();
        CsvWriters.WriteReferences([new BibRecord { Title = "A marsupial report", Abstract = "One.\n\nTwo, three." }], writer);

        var text = writer.ToString();
        text.Should().StartWith(string.Join(",", CsvWriters.ReferenceColumns) + "\r\n");
        CsvWriters.ReferenceColumns[^1].Should().Be("abstract");
        text.Should().EndWith(",\"One.\n\nTwo, three.\"\r\n");
    }

    [Fact]
    public void Exported_studies_and_trials_carry_the_abstract_summary_and_registry_lists()
    {
        var study = new Study { Title = "A marsupial report", Kind = StudyKind.TrialReport, Abstract = "The abstract." };
        var trial = new Trial
        {
            NctId = "NCT09990006",
            Summary = "The summary.\n\nMore detail.",
            Intervention = "Quokka cells; placebo",
            Interventions = ["Quokka cells", "Placebo"],
            Conditions = ["Invented Syndrome"],
            PrimaryOutcomes = ["Invented score"],
        };

        BibRecordMapping.FromStudy(study).Abstract.Should().Be("The abstract.");
        var registered = BibRecordMapping.FromTrial(trial);
        registered.Abstract.Should().Be("The summary.\n\nMore detail.");
        registered.Interventions.Should().Equal("Quokka cells", "Placebo");
        registered.Conditions.Should().Equal("Invented Syndrome");
        registered.PrimaryOutcomes.Should().Equal("Invented score");

        var csl = Write([registered], BibFormat.CslJson);
        CslJsonParser.Parse(csl).Entries.Single().Record.Abstract.Should().Be("The summary.\n\nMore detail.");
    }

    private static string Write(IReadOnlyList<BibRecord> records, BibFormat format)
    {
        if (format == BibFormat.CslJson)
        {
            using var stream = new MemoryStream();
            CslJsonWriter.Write(records, stream);
            return Encoding.UTF8.GetString(stream.ToArray());
        }
        using var writer = new StringWriter();
        if (format == BibFormat.Ris) RisWriter.Write(records, writer);
        else BibTexWriter.Write(records, writer);
        return writer.ToString();
    }

    private static BibParseResult Parse(string text, BibFormat format) => format switch
    {
        BibFormat.Ris => RisParser.Parse(text),
        BibFormat.BibTex => BibTexParser.Parse(text),
        _ => CslJsonParser.Parse(text),
    };
}
