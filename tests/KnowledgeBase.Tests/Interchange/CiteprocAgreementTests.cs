using KnowledgeBase.Domain;
using System.Diagnostics;
using System.Text;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Writing;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>
/// Checks <see cref="CitationFormatter.Vancouver"/> against citeproc-js, the engine inside Zotero and
/// Mendeley, rendering the NLM/Vancouver CSL style from the CSL-JSON that <see cref="CslJsonWriter"/> writes.
/// Needs Node.js and <c>npm ci --prefix tests/citeproc</c>; without them the test fails (it is not skipped:
/// CI must run it).
/// </summary>
/// <remarks>
/// Comparison: both sides have runs of white space made one space and surrounding space trimmed, and a
/// single final period removed. Nothing else is normalised: dashes, quotes, punctuation and case must agree.
/// </remarks>
public sealed class CiteprocAgreementTests
{
    private static readonly string CiteprocDir = Path.Combine(TestPaths.RepoRoot, "tests", "citeproc");

    [Fact]
    public void Vancouver_agrees_with_citeproc_for_every_seed_record()
    {
        var records = SeedReferences.Records;
        records.Should().HaveCount(22);

        var rendered = RenderWithCiteproc(records);
        rendered.Should().HaveCount(records.Count, "citeproc prints one line per item");

        var differences = new List<string>();
        for (var i = 0; i < records.Count; i++)
        {
            var ours = Normalise(AsCiteprocCanKnow(records[i], CitationFormatter.Vancouver(records[i])));
            var theirs = Normalise(rendered[i]);
            if (ours != theirs)
                differences.Add($"{records[i].SourceKey}:\n  citeproc:  {theirs}\n  formatter: {ours}");
        }

        differences.Should().BeEmpty($"{records.Count - differences.Count}/{records.Count} agree; differences:\n{string.Join("\n", differences)}");
    }

    [Fact]
    public void Vancouver_agrees_with_citeproc_for_constructed_edge_cases()
    {
        BibRecord[] records =
        [
            new()
            {
                SourceKey = "seven-authors",
                Title = "What did \"they\" find? The patients' view",
                Authors = [.. "ABCDEFG".Select(c => new PersonName("Author" + c, c + ". " + c + "."))],
                Journal = "Journal of Things",
                JournalAbbreviation = "J. Things",
                Year = 2020, Month = 3, Day = 14,
                Volume = "11", Issue = "1-2", Pages = "1187-1194",
                Doi = "10.1000/xyz", Pmid = "123", Pmcid = "PMC456",
            },
            new()
            {
                SourceKey = "full-given-names",
                Title = "Given names kept whole",
                Authors = [new PersonName("Barata", "Catarina"), new PersonName("Dupont", "Jean-Pierre"), new PersonName("Celebi", "MEmre"),
                    new PersonName("Samsonenko", "Yu. B."), new PersonName("Penn", "E.B."), new PersonName("Adams", "Nancy K")],
                Groups = ["Mayo Clinic", "ALS Study Group"],
                Journal = "Journal of Things",
                Year = 2021, Volume = "3", Pages = "1-9",
                Doi = "10.1000/names",
            },
            new()
            {
                SourceKey = "url-only",
                Title = "An article known by its address",
                Authors = [new PersonName("Staff", "Nathan P."), new PersonName("Bulte", "JWM")],
                CorporateAuthor = "ALS Study Group",
                Journal = "Experimental Neurology",
                Year = 2010, Volume = "223", Pages = "229-237",
                Url = "https://example.org/article",
            },
            new()
            {
                SourceKey = "press",
                Title = "Company announces results",
                CorporateAuthor = "Example Therapeutics",
                PublicationType = "Press Release",
                Year = 2025, Month = 6,
            },
            new()
            {
                SourceKey = "trial",
                Kind = BibRecordKind.RegisteredTrial,
                Title = "A Phase 2 Study",
                Sponsor = "Example Hospital",
                CorporateAuthor = "Example Hospital",
                NctIds = ["NCT01234567"],
                Year = 2021,
                Url = "https://clinicaltrials.gov/study/NCT01234567",
            },
            new() { SourceKey = "quotes-1", Title = "The patients' \"view\"", Journal = "J", Year = 2001 },
            new() { SourceKey = "quotes-2", Title = "'90s quote's 'single'", Journal = "J", Volume = "5-6" },
            new() { SourceKey = "quotes-3", Title = "A \"nested 'inner' quote\" here", Journal = "J" },
            new() { SourceKey = "quotes-4", Title = "\"Why?\"", CorporateAuthor = "Example Group", Year = 1999 },
            new()
            {
                SourceKey = "two-trials",
                Kind = BibRecordKind.RegisteredTrial,
                Title = "Two registrations",
                Sponsor = "Sponsor Inc",
                NctIds = ["NCT01234567", "NCT07654321"],
                Year = 2020, Month = 4, Day = 2,
            },
            new()
            {
                SourceKey = "document-with-everything",
                Title = "Assessment report",
                Authors = [new PersonName("Smith", "J.")],
                PublicationType = "Regulatory Document",
                Year = 2020, Month = 4,
                Pages = "12-19",
                Doi = "10.1/x",
                Url = "https://example.org/report",
            },
            new()
            {
                SourceKey = "no-date",
                Title = "Undated",
                Journal = "Trials",
                Pages = "e12",
            },
            new() { SourceKey = "book", Title = "The handbook of cell therapy", Authors = [new PersonName("Adams", "Nancy K")], Form = PublicationForm.Book, Publisher = "Academic Press", PublisherPlace = "London", Year = 2006, Volume = "3" },
            new() { SourceKey = "chapter", Title = "Mesenchymal cells", Authors = [new PersonName("Barata", "Catarina")], Form = PublicationForm.Chapter, Journal = "The handbook of cell therapy", Publisher = "Academic Press", PublisherPlace = "London", Year = 2006, Pages = "15-19", Doi = "10.1000/chapter" },
            new() { SourceKey = "chapter-untitled-book", Title = "A chapter", Form = PublicationForm.Chapter, Year = 1981, Volume = "1", Pages = "75-89" },
            new() { SourceKey = "paper", Title = "A paper", Form = PublicationForm.ConferencePaper, Journal = "Proceedings of the meeting on things", Publisher = "IEEE", PublisherPlace = "New York", Year = 2010, Pages = "97-101" },
            new() { SourceKey = "thesis", Title = "A thesis on cells", Form = PublicationForm.Thesis, Publisher = "University of Examples", PublisherPlace = "Cambridge", Year = 2006, Volume = "66", Pages = "4285" },
            new() { SourceKey = "report", Title = "A technical report", Form = PublicationForm.Report, Publisher = "Example Institute", Year = 2006, Month = 3, Url = "https://example.org/report" },
        ];

        var rendered = RenderWithCiteproc(records);
        for (var i = 0; i < records.Length; i++)
            Normalise(CitationFormatter.Vancouver(records[i])).Should().Be(Normalise(rendered[i]), records[i].SourceKey);
    }

    /// <summary>
    /// AMA against citeproc-js with the style's own CSL file (in the interchange samples, not copied here: skipped, saying
    /// why, without ../shared), on records built to hit each rule: "Published online", periods in journal names, full page
    /// ranges, reports in title case with their publisher, documents with a volume or an issue, eras, quotes, markup.
    /// </summary>
    [DevelopmentDataFact("interchange-samples/styles/american-medical-association.csl")]
    public void Ama_agrees_with_citeproc_for_constructed_edge_cases()
    {
        BibRecord[] records =
        [
            new() { SourceKey = "online", Title = "Early view", Authors = [new PersonName("Smith", "Jane")], Journal = "J. Things", Year = 2019, Pages = "C1-4" },
            new() { SourceKey = "online-date", Title = "Dated", Journal = "Example.org News", Year = 2016, Month = 3, Day = 4, Doi = "10.1/x" },
            new() { SourceKey = "full-pages", Title = "Pages", Journal = "J Phys. D: Appl. Phys.", Year = 2001, Volume = "5", Issue = "2", Pages = "2345-9" },
            new() { SourceKey = "prefix-pages", Title = "Prefixed", Journal = "J", Year = 2001, Volume = "5", Pages = "K201-4" },
            new() { SourceKey = "seven", Title = "Many hands", Authors = [.. "ABCDEFG".Select(c => new PersonName("Author" + c, c + "."))], Journal = "J", Year = 2020, Volume = "1" },
            new() { SourceKey = "document-volume", Title = "A series", Year = 2000, Volume = "7", Pages = "12-19" },
            new() { SourceKey = "document-issue", Title = "A report series", Year = 2013, Issue = "1" },
            new() { SourceKey = "undated", Title = "Undated pages", Pages = "232-239" },
            new() { SourceKey = "era", Title = "Old text", Year = -250 },
            new() { SourceKey = "quotes", Title = "The patients' view of \"care\"", Authors = [new PersonName("O'Brien", "P")], Journal = "J", Year = 2001, Volume = "1" },
            new() { SourceKey = "markup", Title = "Growth of <i>E. coli</i> in H<sub>2</sub>O", Journal = "J", Year = 2001, Volume = "1" },
            new()
            {
                SourceKey = "trial",
                Kind = BibRecordKind.RegisteredTrial,
                Title = "A low-intensity intervention for pain in adults: a randomized trial of the effect",
                Sponsor = "Example Hospital",
                NctIds = ["NCT01234567"],
                Year = 2021,
                Url = "https://clinicaltrials.gov/study/NCT01234567",
            },
            new() { SourceKey = "press", Title = "Company announces results", CorporateAuthor = "Example Therapeutics", PublicationType = "Press Release", Year = 2025, Month = 6 },
            new() { SourceKey = "web", Title = "A page", Url = "https://example.org/page", Year = 2024 },
            new() { SourceKey = "book", Title = "The handbook of cell therapy", Authors = [new PersonName("Adams", "Nancy K")], Form = PublicationForm.Book, Publisher = "Academic Press", PublisherPlace = "London", Year = 2006, Volume = "3" },
            new() { SourceKey = "chapter", Title = "Mesenchymal cells", Authors = [new PersonName("Barata", "Catarina")], Form = PublicationForm.Chapter, Journal = "The handbook of cell therapy", Publisher = "Academic Press", PublisherPlace = "London", Year = 2006, Pages = "15-19", Doi = "10.1000/chapter" },
            new() { SourceKey = "chapter-untitled-book", Title = "A chapter", Form = PublicationForm.Chapter, Year = 1981, Volume = "1", Pages = "75-89" },
            new() { SourceKey = "paper", Title = "A paper", Form = PublicationForm.ConferencePaper, Journal = "Proceedings of the meeting on things", Publisher = "IEEE", PublisherPlace = "New York", Year = 2010, Pages = "97-101" },
            new() { SourceKey = "thesis", Title = "A thesis on cells", Form = PublicationForm.Thesis, Publisher = "University of Examples", PublisherPlace = "Cambridge", Year = 2006, Volume = "66", Pages = "4285" },
            new() { SourceKey = "report", Title = "A technical report", Form = PublicationForm.Report, Publisher = "Example Institute", Year = 2006, Month = 3, Url = "https://example.org/report" },
        ];

        var style = Path.Combine(TestPaths.Shared, "interchange-samples", "styles", "american-medical-association.csl");
        var rendered = KnowledgeBase.Web.Infrastructure.StyleAgreement.RenderWithCiteproc(records, CiteprocDir, ["--style-file", style]);
        for (var i = 0; i < records.Length; i++)
            CitationFormatter.Ama(records[i]).Should().Be(rendered[i], records[i].SourceKey);
    }

    /// <summary>
    /// The one known difference: CSL-JSON cannot say an author list is incomplete (the export says it in the note, never
    /// as an author called "et al."), so citeproc ends a short truncated list without the "et al." the formatter prints.
    /// </summary>
    private static string AsCiteprocCanKnow(BibRecord record, string ours) =>
        record.AuthorsTruncated && record.Authors.Count <= 6 ? ours.Replace(", et al.", ".", StringComparison.Ordinal) : ours;

    private static string Normalise(string text)
    {
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.EndsWith('.') ? collapsed[..^1] : collapsed;
    }

    /// <summary>Writes the records as CSL-JSON and has citeproc-js render them: one line per record, in order.</summary>
    private static List<string> RenderWithCiteproc(IReadOnlyList<BibRecord> records)
    {
        if (!Directory.Exists(Path.Combine(CiteprocDir, "node_modules", "citeproc"))
            || !Directory.Exists(Path.Combine(CiteprocDir, "node_modules", "@citation-js", "plugin-csl")))
        {
            throw new InvalidOperationException(
                $"citeproc-js is not installed in {CiteprocDir}. Run: npm ci --prefix tests/citeproc (from the repository root).");
        }

        var file = Path.Combine(Path.GetTempPath(), $"kb-citeproc-{Guid.NewGuid():N}.json");
        try
        {
            using (var stream = File.Create(file))
                CslJsonWriter.Write(records, stream);

            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = CiteprocDir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add(Path.Combine(CiteprocDir, "render.mjs"));
            start.ArgumentList.Add(file);

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("Node.js (node) is needed to run citeproc-js and was not found on PATH.", ex);
            }

            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException("citeproc-js did not finish within 120 s.");
                }

                var output = stdout.GetAwaiter().GetResult();
                var errors = stderr.GetAwaiter().GetResult();
                if (process.ExitCode != 0)
                    throw new InvalidOperationException($"node render.mjs exited with {process.ExitCode}: {errors}");
                return output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
