using KnowledgeBase.Importing;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>
/// The 149 reference files other projects wrote (../shared/interchange-samples, test data only, never copied here),
/// imported one by one through the importer the <c>import</c> command uses, as <c>check-interchange</c> does.
/// Skipped where the development data is absent.
/// </summary>
public sealed class InterchangeSamplesTests : IDisposable
{
    private const string Samples = "interchange-samples";
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [DevelopmentDataFact(Samples)]
    public async Task Every_real_file_imports_or_is_refused_naming_the_file_and_the_line_and_none_becomes_an_article()
    {
        var folder = Path.Combine(TestPaths.Shared, Samples);
        IReadOnlyList<(InterchangeSample Sample, FileImportResult Result)> outcomes;
        await using (var db = _database.CreateContext())
            outcomes = await InterchangeSamples.ImportEachAsync(TestDatabase.CreateImporter(db), folder);

        outcomes.Should().HaveCount(149);
        foreach (var (sample, result) in outcomes)
        {
            result.Format.Should().NotBe("articles", $"{sample.File} is a reference file ({sample.Label}) and must never become an article");
            if (result.Error is not null)
                result.Error.Should().StartWith(sample.File).And.MatchRegex(@"line [0-9]+", $"a refusal names the file and the line ({sample.Label} {sample.File})");
        }
        foreach (var warning in outcomes.SelectMany(o => o.Result.Warnings))
            warning.Should().NotContain("The record starting at line 1 is empty", "an untitled record is reported at its own line");

        var real = outcomes.Where(o => o.Sample.Label == "real").ToList();
        real.Where(o => o.Result.Error is not null).Select(o => o.Result.Error).Should().BeEmpty("every real file imports");
        int RecordsRead(string format) => real.Where(o => o.Sample.Format == format).Sum(o => o.Result.RecordsRead);
        // Floors just below what check-interchange measured on 2026-12-02 (docs/interchange.md).
        RecordsRead("bibtex").Should().BeGreaterThanOrEqualTo(BibTexFloor);
        RecordsRead("csljson").Should().BeGreaterThanOrEqualTo(CslFloor);
        RecordsRead("ctgov").Should().Be(12);
        RecordsRead("medline").Should().BeGreaterThanOrEqualTo(MedlineFloor);
        RecordsRead("ris").Should().BeGreaterThanOrEqualTo(RisFloor);

        Outcome(outcomes, "aact_NCT03475563.json").TrialsAdded.Should().Be(1, "a registry study whose references carry citations is registry JSON");
        Outcome(outcomes, "rispy_example_wos.ris").Should().Match<FileImportResult>(r => r.Format == "Web of Science" && r.RecordsRead == 2 && r.Error == null);
        Outcome(outcomes, "jabref_RisImporterCorrupted.ris").Error.Should().Contain("line 2");
        Outcome(outcomes, "citationjs_multiple_entries.txt").Error.Should().NotContain("JSON, but");
        Outcome(outcomes, "asreview_ovid_zotero.ris").Warnings.Should().Contain(w => w.Contains("the issue is", StringComparison.Ordinal) && w.StartsWith("line 43:", StringComparison.Ordinal));

        await using var check = _database.CreateContext();
        var bioss = await check.Trials.Include(t => t.Studies).SingleAsync(t => t.NctId == "NCT03475563");
        bioss.Studies.Select(s => s.Pmid).Should().Contain(BiossResultPmids, "the publications the registry lists as results are linked");
        (await check.Studies.CountAsync(s => s.Doi == "10.1002/(sici)1096-987x(199803)19:4<377::aid-jcc1>3.0.co;2-p")).Should().Be(1, "a SICI DOI is kept whole");
        (await check.Studies.CountAsync(s => s.Doi != null && s.Doi.StartsWith("10/"))).Should().BeGreaterThanOrEqualTo(ShortDoiFloor, "short DOIs are kept");
    }

    private static readonly string[] BiossResultPmids = ["25828372", "25689548", "26465375"];

    private const int BibTexFloor = 2300;
    private const int CslFloor = 75;
    private const int MedlineFloor = 34;
    private const int RisFloor = 80;
    private const int ShortDoiFloor = 10;

    private static FileImportResult Outcome(IEnumerable<(InterchangeSample Sample, FileImportResult Result)> outcomes, string file) =>
        outcomes.Single(o => o.Sample.File == file).Result;
}
