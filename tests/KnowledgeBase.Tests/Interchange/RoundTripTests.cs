using System.Text;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;
using KnowledgeBase.Interchange.Writing;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Tests.Interchange;

/// <summary>
/// Every seed record written as RIS, BibTeX and CSL-JSON and read back with the knowledge base's own parsers
/// must come back the same: title, authors (people, group author, "et al."), year, journal, volume, issue,
/// pages, DOI, PMID, PMCID, NCT ids and whether it is a registered trial.
/// </summary>
public sealed class RoundTripTests
{
    public static TheoryData<BibFormat> Formats => new() { BibFormat.Ris, BibFormat.BibTex, BibFormat.CslJson };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Seed_library_survives_a_round_trip(BibFormat format)
    {
        var records = SeedReferences.Records;
        var text = Write(records, format);
        var parsed = Parse(text, format);

        parsed.Errors.Should().BeEmpty();
        parsed.Entries.Should().HaveCount(records.Count);

        var differences = new List<string>();
        for (var i = 0; i < records.Count; i++)
        {
            var expected = Comparable(records[i]);
            var actual = Comparable(parsed.Entries[i].Record, written: false);
            foreach (var (field, want) in expected)
            {
                var got = actual[field];
                if (want != got) differences.Add($"{records[i].SourceKey} {field}: wrote '{want}', read '{got}'");
            }
        }

        differences.Should().BeEmpty(
            $"{format} should read back what it wrote:\n{string.Join("\n", differences)}");
    }


    [Fact]
    public void Every_format_reads_back_22_seed_records_in_order()
    {
        foreach (var format in new[] { BibFormat.Ris, BibFormat.BibTex, BibFormat.CslJson })
        {
            var parsed = Parse(Write(SeedReferences.Records, format), format);
            parsed.Entries.Select(e => e.Record.Title).Should().Equal(SeedReferences.Records.Select(r => r.Title), format.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Awkward_values_survive_a_round_trip(BibFormat format)
    {
        BibRecord[] records =
        [
            new()
            {
                Title = "50% of {braces}, $money$, #hash, under_score & a ~tilde ^caret \\ back \"quoted\" -- ``x'' — Ünïcödé: ALS/MSC-NTF",
                Authors = [new PersonName("Zdolińska-Malinowska", "I."), new PersonName("Abdul Wahid", "S. F."), new PersonName("O'Brien", "Mary Ann")],
                AuthorsTruncated = true,
                Journal = "Muscle & Nerve",
                JournalAbbreviation = "Muscle Nerve",
                Year = 2016, Month = 3, Day = 14,
                Volume = "11", Issue = "1-2", Pages = "e2294",
                Doi = "10.1002/(sici)1097-4598_x", Pmid = "26751635", Pmcid = "PMC9305113",
                NctIds = ["NCT01051882", "NCT01777646"],
                Url = "https://example.org/a_b?x=1&y=2",
            },
        ];

        var parsed = Parse(Write(records, format), format);
        parsed.Errors.Should().BeEmpty();
        var actual = Comparable(parsed.Entries.Single().Record, written: false);
        var expected = Comparable(records[0]);
        foreach (var (field, want) in expected)
            actual[field].Should().Be(want, $"{format} {field}");
        parsed.Entries.Single().Record.Month.Should().Be(3);
    }

    private static string Write(IReadOnlyList<BibRecord> records, BibFormat format)
    {
        switch (format)
        {
            case BibFormat.Ris:
            {
                using var writer = new StringWriter();
                RisWriter.Write(records, writer);
                return writer.ToString();
            }

            case BibFormat.BibTex:
            {
                using var writer = new StringWriter();
                BibTexWriter.Write(records, writer);
                return writer.ToString();
            }

            default:
            {
                using var stream = new MemoryStream();
                CslJsonWriter.Write(records, stream);
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }
    }

    private static BibParseResult Parse(string text, BibFormat format) => format switch
    {
        BibFormat.Ris => RisParser.Parse(text),
        BibFormat.BibTex => BibTexParser.Parse(text),
        _ => CslJsonParser.Parse(text),
    };

    /// <summary>
    /// The fields compared, as text. For a written record, the authors are as the writers export them
    /// (initials "JWM" become "J. W. M.", a registry entry's sponsor is its publisher, not its author).
    /// </summary>
    private static Dictionary<string, string> Comparable(BibRecord r, bool written = true)
    {
        var registry = r.Kind == BibRecordKind.RegisteredTrial || (r.PublicationType ?? "").Contains("regist", StringComparison.OrdinalIgnoreCase);
        var corporate = r.CorporateAuthor;
        if (written && registry && string.Equals(r.CorporateAuthor, r.Sponsor, StringComparison.OrdinalIgnoreCase)) corporate = null;
        var people = r.Authors.Select(a => $"{a.Family}|{(written ? Given(a.Given) : a.Given)}");
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kind"] = r.Kind.ToString(),
            ["title"] = r.Title ?? "",
            ["authors"] = string.Join("; ", people),
            ["corporate"] = corporate ?? "",
            ["truncated"] = r.AuthorsTruncated.ToString(),
            ["year"] = r.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["journal"] = registry ? "" : r.Journal ?? "",
            ["volume"] = r.Volume ?? "",
            ["issue"] = r.Issue ?? "",
            ["pages"] = r.Pages ?? "",
            ["doi"] = r.Doi ?? "",
            ["pmid"] = r.Pmid ?? "",
            ["pmcid"] = r.Pmcid ?? "",
            // The parsers also collect NCT ids a note mentions ("... is NCT02881476, REC-27").
            ["nct"] = string.Join(",", written ? r.NctIds.Union(Identifiers.FindNctIds(r.Note ?? "")) : r.NctIds),
        };
    }

    private static string? Given(string? given) =>
        given is { Length: >= 2 and <= 4 } && given.All(char.IsUpper) ? string.Join(' ', given.Select(c => c + ".")) : given;
}
