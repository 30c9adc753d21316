using System.Globalization;
using System.Text.Json;
using KnowledgeBase.Linking;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// The evidence ranking measured on the seeds' labelled set (seeds/labels/evidence-links.json, described in
/// docs/evidence-retrieval-seeds.md): the seeds imported into a real database, every labelled claim ranked
/// through <see cref="EvidenceLookup.SuggestAsync"/>, the share with a right record in the top three printed.
/// </summary>
public sealed class SeedEvidenceLinksTests(ITestOutputHelper output)
{
    /// <summary>
    /// Just below the share measured with the fused ranking, the section's citations and words, and the seed records
    /// embedded (51 of 62, 82.3%; docs/evidence-retrieval.md); the citation-only ranking reached 17 of 62. The target is
    /// 0.85. Raise it when the ranking improves; never lower it to make a change pass.
    /// </summary>
    private const double MinimumTopThreeShare = 0.85;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    internal sealed record LabelFile(string Description, IReadOnlyList<string> Policy, IReadOnlyList<LabelledClaim> Claims);

    internal sealed record LabelledClaim(string File, int Part, string Quote, IReadOnlyList<LabelledLink> Links);

    internal sealed record LabelledLink(string Record, string Relation, string Why);

    internal static LabelFile LoadLabels() =>
        JsonSerializer.Deserialize<LabelFile>(File.ReadAllText(Path.Combine(TestPaths.Seeds, "labels", "evidence-links.json")), JsonOptions)
        ?? throw new InvalidOperationException("seeds/labels/evidence-links.json is empty.");

    [Fact]
    public void Labels_name_library_records_and_quote_the_seed_articles_exactly()
    {
        var labels = LoadLabels();
        var records = LibraryNctIds();

        labels.Claims.Should().HaveCountGreaterThanOrEqualTo(40);
        labels.Claims.Select(c => (c.File, c.Part, c.Quote)).Should().OnlyHaveUniqueItems();
        foreach (var claim in labels.Claims)
        {
            var text = KnowledgeBase.Importing.Articles.ArticleParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, claim.File)))[claim.Part].CleanedText;
            var at = text.IndexOf(claim.Quote, StringComparison.Ordinal);
            at.Should().BeGreaterThanOrEqualTo(0, $"the quote in {claim.File}#{claim.Part} must be exact: {claim.Quote}");
            text.LastIndexOf(claim.Quote, StringComparison.Ordinal).Should().Be(at, "a quote must be unambiguous");
            claim.Links.Should().NotBeEmpty();
            claim.Links.Count(l => l.Relation == "cites").Should().BeLessThanOrEqualTo(1, "only one record can be ranked first");
            foreach (var link in claim.Links)
            {
                records.Should().ContainKey(link.Record);
                link.Relation.Should().BeOneOf("cites", "alludes");
                link.Why.Should().NotBeNullOrWhiteSpace();
            }
        }
    }

    [Fact]
    public async Task Ranking_puts_every_cited_record_first_and_a_right_record_in_the_top_three_for_most_claims()
    {
        using var database = new TestDatabase();
        await using (var importDb = database.CreateContext())
        {
            var report = await TestDatabase.CreateImporter(importDb).ImportPathAsync(TestPaths.Seeds);
            report.Files.Should().NotContain(f => f.Error != null);
        }

        await using var db = database.CreateContext();
        // The ranking as the app runs it: with the records' embeddings (the import command fills them too).
        await KnowledgeBase.Retrieval.RecordEmbeddings.FillAsync(db, Retrieval.EvidenceLookupEndToEndTests.Embedder, null, CancellationToken.None);
        var measured = await SeedEvidenceEvaluation.RunAsync(db, LoadLabels(), CancellationToken.None);

        foreach (var line in measured.Report()) output.WriteLine(line);

        measured.CitedNotFirst.Should().BeEmpty("a claim that names its record (or whose article's reference list does) must get that record first");
        measured.TopThreeShare.Should().BeGreaterThanOrEqualTo(MinimumTopThreeShare);
    }

    private static Dictionary<string, IReadOnlyList<string>> LibraryNctIds()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, "reference-library.json")));
        return json.RootElement.EnumerateArray().ToDictionary(
            r => r.GetProperty("id").GetString()!,
            r => (IReadOnlyList<string>)[.. r.GetProperty("nct_ids").EnumerateArray().Select(n => n.GetString()!)]);
    }

    /// <summary>Ranks every labelled claim and scores the top three against its labels.</summary>
    internal sealed record SeedEvidenceEvaluation(IReadOnlyList<SeedEvidenceEvaluation.ClaimResult> Claims)
    {
        internal sealed record ClaimResult(LabelledClaim Claim, IReadOnlyList<string> Top, bool Found, string? Cited, bool CitedFirst);

        public double TopThreeShare => Claims.Count == 0 ? 0 : (double)Claims.Count(c => c.Found) / Claims.Count;

        public IReadOnlyList<ClaimResult> CitedNotFirst => [.. Claims.Where(c => c.Cited != null && !c.CitedFirst)];

        public IEnumerable<string> Report()
        {
            var cited = Claims.Count(c => c.Cited != null);
            yield return string.Create(CultureInfo.InvariantCulture,
                $"seeds: right record in the top 3 for {Claims.Count(c => c.Found)} of {Claims.Count} claims ({TopThreeShare:P1}); cited record first for {cited - CitedNotFirst.Count} of {cited}");
            foreach (var miss in Claims.Where(c => !c.Found || (c.Cited != null && !c.CitedFirst)))
            {
                var expected = string.Join(", ", miss.Claim.Links.Select(l => l.Record + (l.Relation == "cites" ? " (cited)" : "")));
                var quote = miss.Claim.Quote.Length > 70 ? miss.Claim.Quote[..70] + "..." : miss.Claim.Quote;
                yield return $"  {(miss.Found ? "not first" : "missed")}: {miss.Claim.File[..3]}#{miss.Claim.Part} \"{quote}\" expected {expected}; top 3: {string.Join(", ", miss.Top)}";
            }
        }

        public static async Task<SeedEvidenceEvaluation> RunAsync(KnowledgeBase.Data.KnowledgeBaseDbContext db, LabelFile labels, CancellationToken ct)
        {
            var studies = await db.Studies.AsNoTracking().Where(s => s.LibraryId != null).ToDictionaryAsync(s => s.Id, s => s.LibraryId!, ct);
            var trials = await db.Trials.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.NctId, ct);
            var nctIds = LibraryNctIds();
            var lookup = new EvidenceLookup(db, new EvidenceLibraryCache(), new ClaimEmbeddings(Retrieval.EvidenceLookupEndToEndTests.Embedder),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<EvidenceLookup>.Instance);
            var results = new List<ClaimResult>();
            foreach (var claim in labels.Claims)
            {
                var source = await db.Sources.AsNoTracking().Include(s => s.References)
                    .SingleAsync(s => s.FileName == claim.File && s.PartIndex == claim.Part, ct);
                var start = source.CleanedText.IndexOf(claim.Quote, StringComparison.Ordinal);
                var context = ClaimContexts.For(source.CleanedText, start, start + claim.Quote.Length, claim.Quote, source.References);
                var top = await lookup.SuggestAsync(context, 3, ct);

                bool Matches(EvidenceSuggestion s, string record) => s.Candidate.Kind == EvidenceKind.Study
                    ? studies.GetValueOrDefault(s.Candidate.Id) == record
                    : trials.TryGetValue(s.Candidate.Id, out var nct) && nctIds[record].Contains(nct);

                var cited = claim.Links.FirstOrDefault(l => l.Relation == "cites")?.Record;
                results.Add(new ClaimResult(
                    claim,
                    [.. top.Select(s => s.Candidate.Kind == EvidenceKind.Study ? studies.GetValueOrDefault(s.Candidate.Id) ?? "study " + s.Candidate.Id : "trial " + trials[s.Candidate.Id])],
                    top.Any(s => claim.Links.Any(l => Matches(s, l.Record))),
                    cited,
                    cited != null && top.Count > 0 && Matches(top[0], cited)));
            }
            return new SeedEvidenceEvaluation(results);
        }
    }
}
