using System.Globalization;
using System.Text.Json;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Linking;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// Measures <see cref="ClaimRules"/> against the hand-labelled seed articles in claim-labels.json
/// (see docs/claim-detection.md). A detected claim is a true positive when it overlaps a labelled claim;
/// recall is the share of labelled claims that some detected claim overlaps.
/// </summary>
public sealed class ClaimDetectorEvaluationTests(ITestOutputHelper output)
{
    /// <summary>Floors a little under the figures measured when the rules were written (recall 0.992, precision 0.898):
    /// recall is what matters (a missed claim is invisible to the editor), precision only keeps the list usable.</summary>
    private const double MinimumRecall = 0.95;
    private const double MinimumPrecision = 0.85;
    private const double MinimumArticleRecall = 0.85;

    private static readonly string LabelsPath =
        Path.Combine(TestPaths.RepoRoot, "tests", "KnowledgeBase.Tests", "Linking", "claim-labels.json");

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record LabelFile(string Description, IReadOnlyList<string> Policy, IReadOnlyList<LabelledArticle> Articles);

    private sealed record LabelledArticle(string File, int Part, IReadOnlyList<string> Claims);

    private sealed record ArticleScore(string Name, int Detected, int TruePositives, int Labelled, int Covered)
    {
        public double Precision => Detected == 0 ? 1 : (double)TruePositives / Detected;
        public double Recall => Labelled == 0 ? 1 : (double)Covered / Labelled;
    }

    private static LabelFile LoadLabels() =>
        JsonSerializer.Deserialize<LabelFile>(File.ReadAllText(LabelsPath), JsonOptions)
        ?? throw new InvalidOperationException($"{LabelsPath} is empty.");

    private static string CleanedText(LabelledArticle article) =>
        ArticleParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, article.File)))[article.Part].CleanedText;

    [Fact]
    public void Labels_cover_at_least_three_articles_and_quote_the_cleaned_text_exactly()
    {
        var labels = LoadLabels();

        labels.Articles.Should().HaveCountGreaterThanOrEqualTo(3);
        foreach (var article in labels.Articles)
        {
            var text = CleanedText(article);
            article.Claims.Should().NotBeEmpty();
            foreach (var claim in article.Claims)
            {
                text.Should().Contain(claim, $"the label in {article.File}#{article.Part} must be an exact substring of the cleaned text");
                text.IndexOf(claim, StringComparison.Ordinal).Should().Be(text.LastIndexOf(claim, StringComparison.Ordinal), "a label must be unambiguous");
            }
        }
    }

    [Fact]
    public void Detector_reaches_the_recall_and_precision_floors_on_the_labelled_seeds()
    {
        var scores = new List<ArticleScore>();
        foreach (var article in LoadLabels().Articles)
        {
            var text = CleanedText(article);
            var labelled = article.Claims.Select(q =>
            {
                var start = text.IndexOf(q, StringComparison.Ordinal);
                return new TextSpan(start, start + q.Length);
            }).ToList();
            var detected = ClaimRules.Detect(text).Select(c => new TextSpan(c.Start, c.End)).ToList();

            var falseAlarms = detected.Where(d => !labelled.Exists(l => l.Overlaps(d))).ToList();
            var misses = labelled.Where(l => !detected.Exists(d => d.Overlaps(l))).ToList();
            var name = $"{article.File}#{article.Part}";
            scores.Add(new ArticleScore(name, detected.Count, detected.Count - falseAlarms.Count, labelled.Count, labelled.Count - misses.Count));

            output.WriteLine(Describe(scores[^1]));
            foreach (var miss in misses) output.WriteLine($"    missed:      {Shorten(miss.Slice(text))}");
            foreach (var alarm in falseAlarms) output.WriteLine($"    false alarm: {Shorten(alarm.Slice(text))}");
        }

        var total = new ArticleScore(
            "overall", scores.Sum(s => s.Detected), scores.Sum(s => s.TruePositives), scores.Sum(s => s.Labelled), scores.Sum(s => s.Covered));
        output.WriteLine(Describe(total));

        total.Recall.Should().BeGreaterThanOrEqualTo(MinimumRecall);
        total.Precision.Should().BeGreaterThanOrEqualTo(MinimumPrecision);
        scores.Should().OnlyContain(s => s.Recall >= MinimumArticleRecall, "no article may lose many of its claims");
    }

    private static string Describe(ArticleScore s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{s.Name,-28} precision {s.Precision:F3} ({s.TruePositives}/{s.Detected})   recall {s.Recall:F3} ({s.Covered}/{s.Labelled})");

    private static string Shorten(string quote) => quote.Length <= 120 ? quote : string.Concat(quote.AsSpan(0, 119), "…");
}
