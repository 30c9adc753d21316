using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Writing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class CsvWritersTests
{
    private static readonly DateTime LinkedAt = new(2026, 11, 21, 18, 5, 9, DateTimeKind.Utc);

    private static string References(params BibRecord[] records)
    {
        using var writer = new StringWriter();
        CsvWriters.WriteReferences(records, writer);
        return writer.ToString();
    }

    private static string Links(params ClaimEvidenceRow[] rows)
    {
        using var writer = new StringWriter();
        CsvWriters.WriteClaimLinks(rows, writer);
        return writer.ToString();
    }

    /// <summary>A small RFC 4180 reader, to check that what was written reads back cell for cell.</summary>
    private static List<List<string>> Parse(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else cell.Append(c);
        }

        return rows;
    }

    [Fact]
    public void References_have_a_header_and_one_row_per_record_with_identifiers()
    {
        var csv = References([.. SeedReferences.Records]);
        var rows = Parse(csv);

        rows[0].Should().Equal("kind", "type", "title", "authors", "journal", "year", "volume", "issue", "pages",
            "doi", "pmid", "pmcid", "nct_ids", "url", "note", "abstract");
        rows.Should().HaveCount(23);
        rows.Skip(1).Should().OnlyContain(r => r.Count == 16);

        var petrou = rows[1];
        petrou[0].Should().Be("Publication");
        petrou[3].Should().Be("Petrou P, Gothelf Y, Argov Z, et al.");
        petrou[4].Should().Be("JAMA Neurology");
        petrou[5].Should().Be("2016");
        petrou[8].Should().Be("337-344");
        petrou[9].Should().Be("10.1001/jamaneurol.2015.4321");
        petrou[10].Should().Be("26751635");
        petrou[12].Should().Be("NCT01051882, NCT01777646");
        petrou[14].Should().Contain("exact \"13 of 15\" count");

        rows.Single(r => r[12] == "NCT06973629" && r[0] == "RegisteredTrial")[3].Should().Be("Brainstorm-Cell Therapeutics");
        csv.Should().Contain("\"U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee\"");
    }

    [Fact]
    public void Quotes_commas_quotes_and_line_breaks_as_RFC_4180_says()
    {
        CsvWriters.Field("plain").Should().Be("plain");
        CsvWriters.Field("a, b").Should().Be("\"a, b\"");
        CsvWriters.Field("say \"x\"").Should().Be("\"say \"\"x\"\"\"");
        CsvWriters.Field("two\nlines").Should().Be("\"two\nlines\"");
        CsvWriters.Field(" padded ").Should().Be("\" padded \"");
        CsvWriters.Field(null).Should().BeEmpty();

        var csv = References(new BibRecord { Title = "Line one\r\nline two, \"quoted\"" });
        csv.Should().EndWith("\r\n");
        Parse(csv)[1][2].Should().Be("Line one\r\nline two, \"quoted\"");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"click\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    public void Neutralises_formula_injection(string value)
    {
        var field = CsvWriters.Field(value);
        Parse("x\r\n" + field + "\r\n")[1][0].Should().Be("'" + value);

        var csv = Links(new ClaimEvidenceRow(1, value, value, "Cites explicitly", value, value, value, null, null, null, value, LinkedAt));
        Parse(csv)[1].Where(c => c.Length > 0 && c != "1" && c != "Cites explicitly" && !c.StartsWith("2026", StringComparison.Ordinal))
            .Should().OnlyContain(c => c.StartsWith('\''));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a, b")]
    [InlineData("say \"x\" and \"y\"")]
    [InlineData("\"")]
    [InlineData("ends with a quote\"")]
    [InlineData("two\nlines")]
    [InlineData(" padded ")]
    [InlineData(" leading")]
    [InlineData("=1, \"two\"")]
    [InlineData("- item ")]
    public void Rows_hold_each_cell_as_Field_writes_it(string value)
    {
        // The writers write cells straight to the file; Field is the rule they follow.
        var csv = Links(new ClaimEvidenceRow(1, value, value, "Cites explicitly", null, null, null, null, null, null, "editor", LinkedAt));

        csv.Split("\r\n")[1].Should().StartWith("1," + CsvWriters.Field(value) + "," + CsvWriters.Field(value) + ",Cites explicitly,");
    }

    [Fact]
    public void Claim_links_have_a_header_and_ISO_UTC_times()
    {
        var csv = Links(
            new ClaimEvidenceRow(42, "Clinic page", "Stem cells reverse ALS", "Alludes to", "Overstated", "Phase 1 only",
                "Safety of intrathecal...", "10.1212/wnl.0000000000003359", "27784774", "NCT01609283", "editor@example.org", LinkedAt),
            new ClaimEvidenceRow(43, "Clinic page", "No citation", "No citation given", null, null, null, null, null, null, "editor", LinkedAt));
        var rows = Parse(csv);
        rows[0].Should().Equal("claim_id", "source_title", "quote", "relation", "assessment", "note",
            "evidence_title", "doi", "pmid", "nct_ids", "created_by", "created_at");
        rows[1].Should().Equal("42", "Clinic page", "Stem cells reverse ALS", "Alludes to", "Overstated", "Phase 1 only",
            "Safety of intrathecal...", "10.1212/wnl.0000000000003359", "27784774", "NCT01609283", "editor@example.org", "2026-11-21T18:05:09Z");
        rows[2].Should().Equal("43", "Clinic page", "No citation", "No citation given", "", "", "", "", "", "", "editor", "2026-11-21T18:05:09Z");
    }

    [Fact]
    public void Writes_no_byte_order_mark_itself()
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
            CsvWriters.WriteReferences([SeedReferences.Get("REC-13")], writer);
        var bytes = stream.ToArray();
        bytes.AsSpan(0, 4).ToArray().Should().Equal("kind"u8.ToArray());
        System.Text.Encoding.UTF8.GetString(bytes).Should().Contain("Zdolińska-Malinowska I");
        CsvWriters.Utf8Bom.ToArray().Should().Equal(0xEF, 0xBB, 0xBF);
    }
}
