using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Linking.Detection;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Linking.Evaluation;

/// <summary>A labelled unit of an article file: its span in the file's text, claim or not, and the category or reason.</summary>
public sealed record GoldUnit(int Start, int End, bool IsClaim, string Label, string Quote);

/// <summary>One article of the parser's output with the way back from its cleaned text to the file's text.</summary>
/// <param name="CleanedText">What the detector sees.</param>
/// <param name="Lines">Each cleaned line's start in the cleaned text and in the file (-1: not found in the file).</param>
public sealed record ArticlePart(string CleanedText, IReadOnlyList<(int CleanStart, int FileStart, int Length)> Lines)
{
    /// <summary>The file offset of a cleaned-text offset (-1 when its line was not found in the file).</summary>
    public int ToFile(int cleanOffset)
    {
        for (var i = Lines.Count - 1; i >= 0; i--)
        {
            var (cleanStart, fileStart, length) = Lines[i];
            if (cleanOffset < cleanStart) continue;
            if (fileStart < 0) return -1;
            return fileStart + Math.Min(cleanOffset - cleanStart, length);
        }
        return -1;
    }

    /// <summary>A cleaned-text span as a file span (null when unmapped).</summary>
    public TextSpan? ToFile(TextSpan span)
    {
        var start = ToFile(span.Start);
        var end = span.End > span.Start ? ToFile(span.End - 1) + 1 : start;
        return start < 0 || end <= 0 || end < start ? null : new TextSpan(start, end);
    }

    /// <summary>Maps each cleaned line back to the file: cleaned lines are the file's lines, trailing white space trimmed.</summary>
    public static ArticlePart Map(string fileText, int partOffset, string cleanedText)
    {
        var lines = new List<(int, int, int)>();
        var cursor = partOffset;
        var cleanStart = 0;
        foreach (var line in cleanedText.Split('\n'))
        {
            if (line.Length > 0)
            {
                var at = fileText.IndexOf(line, cursor, StringComparison.Ordinal);
                lines.Add((cleanStart, at, line.Length));
                if (at >= 0) cursor = at + line.Length;
            }
            cleanStart += line.Length + 1;
        }
        return new ArticlePart(cleanedText, lines);
    }
}

/// <summary>One part of an article split into sentences, each with its features and label.</summary>
public sealed record FeaturedPart(string CleanedText, IReadOnlyList<TextSpan> Spans, IReadOnlyList<TrainingSample> Samples);

/// <summary>An article of the development set (or a seed) as the evaluation uses it.</summary>
public sealed record LabelledArticle(string Name, string Extent, string Therapy, string FileText, IReadOnlyList<GoldUnit> Gold, IReadOnlyList<ArticlePart> Parts, string? ParseError)
{
    /// <summary>Every sentence of every part with its features and its label (a claim when it covers at least half of a gold claim, or a gold claim covers at least half of it).</summary>
    public IReadOnlyList<TrainingSample> Samples() => Featurize().SelectMany(p => p.Samples).ToList();

    /// <summary>Each part's sentences with their spans, features and labels (computed once, for cross-validation).</summary>
    public IReadOnlyList<FeaturedPart> Featurize()
    {
        var result = new List<FeaturedPart>();
        foreach (var part in Parts)
        {
            var spans = SentenceSplitter.Split(part.CleanedText);
            var features = ClaimFeatures.Extract(part.CleanedText, spans);
            var samples = new List<TrainingSample>(spans.Count);
            for (var i = 0; i < spans.Count; i++)
            {
                var file = part.ToFile(spans[i]);
                var isClaim = file is { } f && Gold.Any(g => g.IsClaim && (Matches(f, g) || Overlap(f, g) * 2 >= f.Length));
                samples.Add(new TrainingSample(features[i], isClaim));
            }
            result.Add(new FeaturedPart(part.CleanedText, spans, samples));
        }
        return result;
    }

    /// <summary>The development set's rule: a candidate matches a gold unit when they overlap by at least half of the gold unit.</summary>
    public static bool Matches(TextSpan candidate, GoldUnit gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        var overlap = Overlap(candidate, gold);
        return overlap > 0 && overlap * 2 >= gold.End - gold.Start;
    }

    private static int Overlap(TextSpan candidate, GoldUnit gold) => Math.Min(candidate.End, gold.End) - Math.Max(candidate.Start, gold.Start);
}

/// <summary>Loads the development set (../shared/articles-dev: articles, gold.json, sources.json) and the seed labels through the importer's parser.</summary>
public static class DetectionDataSet
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private sealed record GoldRecord(string File, string Quote, string Kind, string? Category, string? Reason, int Start);

    private sealed record SourceRecord(string File, string Slug, string Extent, string Therapy);

    private sealed record SeedLabels(IReadOnlyList<SeedArticle> Articles);

    private sealed record SeedArticle(string File, int Part, IReadOnlyList<string> Claims);

    /// <summary>The 42 development articles in file-name order, parsed as the importer parses them.</summary>
    public static IReadOnlyList<LabelledArticle> LoadDevelopment(string folder)
    {
        var goldPath = Path.Combine(folder, "gold.json");
        var gold = JsonSerializer.Deserialize<List<GoldRecord>>(File.ReadAllText(goldPath), Json) ?? throw new InvalidDataException($"{goldPath}: empty");
        var sourcesPath = Path.Combine(folder, "sources.json");
        var sources = JsonSerializer.Deserialize<List<SourceRecord>>(File.ReadAllText(sourcesPath), Json) ?? throw new InvalidDataException($"{sourcesPath}: empty");
        var articles = new List<LabelledArticle>();
        foreach (var source in sources.OrderBy(s => s.File, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, source.File);
            var text = InputText.Decode(File.ReadAllBytes(path));
            var units = new List<GoldUnit>();
            foreach (var g in gold.Where(g => g.File == source.File))
            {
                var start = g.Start + g.Quote.Length <= text.Length && string.CompareOrdinal(text, g.Start, g.Quote, 0, g.Quote.Length) == 0
                    ? g.Start
                    : text.IndexOf(g.Quote, Math.Max(0, g.Start - 8), StringComparison.Ordinal);
                if (start < 0) throw new InvalidDataException($"{goldPath}: the quote at {g.Start} is not in {source.File}");
                units.Add(new GoldUnit(start, start + g.Quote.Length, g.Kind == "claim", (g.Kind == "claim" ? g.Category : g.Reason) ?? "", g.Quote));
            }
            var (parts, error) = Parse(text);
            articles.Add(new LabelledArticle(source.Slug, source.Extent, source.Therapy, text, units, parts, error));
        }
        return articles;
    }

    /// <summary>The seed articles labelled in claim-labels.json (claims only; every other sentence counts as not a claim).</summary>
    public static IReadOnlyList<LabelledArticle> LoadSeeds(string seedsFolder, string labelsPath)
    {
        var labels = JsonSerializer.Deserialize<SeedLabels>(File.ReadAllText(labelsPath), Json) ?? throw new InvalidDataException($"{labelsPath}: empty");
        var result = new List<LabelledArticle>();
        foreach (var group in labels.Articles.GroupBy(a => a.File).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var text = InputText.Decode(File.ReadAllBytes(Path.Combine(seedsFolder, group.Key)));
            var (parts, error) = Parse(text);
            var units = new List<GoldUnit>();
            foreach (var article in group)
            {
                if (article.Part >= parts.Count) continue;
                var part = parts[article.Part];
                foreach (var claim in article.Claims)
                {
                    var at = part.CleanedText.IndexOf(claim, StringComparison.Ordinal);
                    if (at < 0 || part.ToFile(new TextSpan(at, at + claim.Length)) is not { } span) continue;
                    units.Add(new GoldUnit(span.Start, span.End, true, "seed", claim));
                }
            }
            result.Add(new LabelledArticle(group.Key, "seed", "stem cells (ALS)", text, units, parts, error));
        }
        return result;
    }

    /// <summary>SHA-256 of a file's bytes, lower-case hex.</summary>
    public static string Sha256OfFile(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>SHA-256 over the articles in order: each file's name and bytes.</summary>
    public static string Sha256OfArticles(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in Directory.GetFiles(Path.Combine(folder, "articles")).OrderBy(p => p, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(path) + "\n"));
            hash.AppendData(File.ReadAllBytes(path));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static (IReadOnlyList<ArticlePart>, string?) Parse(string text)
    {
        try
        {
            var parts = new List<ArticlePart>();
            var offset = 0;
            foreach (var article in ArticleParser.Parse(text))
            {
                parts.Add(ArticlePart.Map(text, offset, article.CleanedText));
                offset += article.OriginalText.Length;
            }
            return (parts, null);
        }
        catch (ImportFormatException ex)
        {
            return ([], ex.Message);
        }
    }
}
