using System.Text;
using System.Text.Json;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;
using KnowledgeBase.Interchange.Writing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class CslJsonWriterTests
{
    private static JsonElement Write(params BibRecord[] records)
    {
        using var stream = new MemoryStream();
        CslJsonWriter.Write(records, stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private static string WriteText(params BibRecord[] records)
    {
        using var stream = new MemoryStream();
        CslJsonWriter.Write(records, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Writes_a_journal_article_as_a_CSL_item()
    {
        var item = Write(SeedReferences.Get("REC-08"))[0];

        item.GetProperty("id").GetString().Should().Be("REC-08");
        item.GetProperty("type").GetString().Should().Be("article-journal");
        item.GetProperty("title").GetString().Should().Be("Repeated Intrathecal Mesenchymal Stem Cells for Amyotrophic Lateral Sclerosis");
        var authors = item.GetProperty("author").EnumerateArray().ToList();
        authors.Should().HaveCount(9);
        authors[0].GetProperty("family").GetString().Should().Be("Oh");
        authors[0].GetProperty("given").GetString().Should().Be("K. W.");
        item.GetProperty("container-title").GetString().Should().Be("Annals of Neurology");
        item.GetProperty("issued").GetProperty("date-parts")[0][0].GetInt32().Should().Be(2018);
        item.GetProperty("volume").GetString().Should().Be("84");
        item.GetProperty("issue").GetString().Should().Be("3");
        item.GetProperty("page").GetString().Should().Be("361-373");
        item.GetProperty("DOI").GetString().Should().Be("10.1002/ana.25302");
        item.GetProperty("PMID").GetString().Should().Be("30048006");
        item.GetProperty("PMCID").GetString().Should().Be("PMC6175096");
        item.GetProperty("URL").GetString().Should().Be("https://doi.org/10.1002/ana.25302");
        item.GetProperty("note").GetString().Should().Contain("ClinicalTrials.gov identifier: NCT01363401");
    }

    [Fact]
    public void A_truncated_author_list_is_said_in_the_note_never_as_an_author_and_corporate_authors_are_literal()
    {
        var items = Write(SeedReferences.Get("REC-01"), SeedReferences.Get("REC-04"));
        var authors = items[0].GetProperty("author").EnumerateArray().ToList();
        authors.Should().HaveCount(3);
        authors.Select(a => a.TryGetProperty("family", out var family) && family.ValueKind == JsonValueKind.String).Should().AllBeEquivalentTo(true, "\"et al.\" is not an author");
        items[0].GetProperty("note").GetString().Should().Contain("Author list incomplete (et al.)");
        CslJsonParser.Parse($"[{items[0].GetRawText()}]").Entries.Single().Record.AuthorsTruncated.Should().BeTrue("the reader takes the note back as the flag");
        items[1].GetProperty("author")[0].GetProperty("literal").GetString()
            .Should().Be("U.S. FDA Cellular, Tissue and Gene Therapies Advisory Committee");
        items[1].GetProperty("type").GetString().Should().Be("document");
    }

    [Fact]
    public void A_registered_trial_is_a_report_with_genre_number_and_publisher()
    {
        var item = Write(SeedReferences.Get("REC-11"))[0];
        item.GetProperty("type").GetString().Should().Be("report");
        item.GetProperty("genre").GetString().Should().Be("Clinical trial registration");
        item.GetProperty("number").GetString().Should().Be("NCT03268603");
        item.GetProperty("publisher").GetString().Should().Be("Mayo Clinic");
        item.TryGetProperty("author", out _).Should().BeFalse();
        item.TryGetProperty("container-title", out _).Should().BeFalse();
    }

    [Fact]
    public void Press_release_month_day_keywords_and_unique_ids()
    {
        var record = new BibRecord
        {
            Title = "News",
            PublicationType = "Press Release",
            Year = 2025, Month = 6, Day = 2,
            Keywords = ["ALS", "NurOwn"],
            Abstract = "Line one.\nLine two.",
        };
        var items = Write(record, record, new BibRecord { Title = "x", Doi = "10.1/a" }, new BibRecord { Title = "y", Pmid = "1" });
        items[0].GetProperty("type").GetString().Should().Be("report");
        items[0].GetProperty("genre").GetString().Should().Be("Press release");
        items[0].GetProperty("issued").GetProperty("date-parts")[0].EnumerateArray().Select(e => e.GetInt32()).Should().Equal(2025, 6, 2);
        items[0].GetProperty("keyword").GetString().Should().Be("ALS, NurOwn");
        items[0].GetProperty("id").GetString().Should().Be("item-1");
        items[1].GetProperty("id").GetString().Should().Be("item-2");
        items[2].GetProperty("id").GetString().Should().Be("doi:10.1/a");
        items[3].GetProperty("id").GetString().Should().Be("pmid:1");
    }

    [Fact]
    public void Output_is_UTF8_without_BOM_and_keeps_letters_readable()
    {
        var text = WriteText(SeedReferences.Get("REC-13"));
        text[0].Should().Be('[');
        text.Should().Contain("Zdolińska-Malinowska");
        WriteText().Should().Be("[]");
    }

    [Fact]
    public void Writes_all_seed_records_with_unique_ids()
    {
        var items = Write([.. SeedReferences.Records]);
        items.GetArrayLength().Should().Be(22);
        items.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().OnlyHaveUniqueItems();
        items.EnumerateArray().Count(i => i.GetProperty("type").GetString() == "article-journal").Should().Be(18);
    }

    [Fact]
    public void Streams_each_item_as_it_is_written()
    {
        using var stream = new MemoryStream();
        IEnumerable<BibRecord> Records()
        {
            yield return new BibRecord { Title = "first" };
            stream.Length.Should().BeGreaterThan(0, "the first item is flushed before the second is asked for");
            yield return new BibRecord { Title = "second" };
        }

        CslJsonWriter.Write(Records(), stream);
    }
}
