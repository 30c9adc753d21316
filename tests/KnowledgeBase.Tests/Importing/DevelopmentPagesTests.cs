using System.Text.Json;
using System.Text.RegularExpressions;
using KnowledgeBase.Importing.Articles;

namespace KnowledgeBase.Tests.Importing;

/// <summary>
/// The parser on the 42 real pages of the development set (../shared/articles-dev, read in place): every page
/// gets a title that is not a button, phone number or other boilerplate, and no hand-labelled claim is lost
/// from the cleaned text (compared after removing markup and collapsing white space on both sides).
/// </summary>
public sealed partial class DevelopmentPagesTests
{
    private static readonly string Root = Path.Combine(TestPaths.Shared, "articles-dev");

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record GoldUnit(string File, string Quote, string Kind);

    private static IEnumerable<string> Pages() =>
        Directory.GetFiles(Path.Combine(Root, "articles"), "*.txt").Order(StringComparer.Ordinal);

    [DevelopmentDataFact("articles-dev")]
    public void Every_page_gets_a_title_that_is_not_a_button_phone_number_or_boilerplate()
    {
        var pages = Pages().ToList();
        pages.Should().HaveCount(42);
        foreach (var page in pages)
        {
            var articles = ArticleParser.Parse(File.ReadAllText(page));
            var name = Path.GetFileName(page);
            articles.Should().ContainSingle(name);
            var title = articles[0].Title;
            BoilerplateRules.Match(title).Should().BeNull($"the title of {name} (\"{title}\") is not boilerplate");
            title.Should().MatchRegex(@"\p{L}{3}", $"the title of {name} has words");
            title.Should().NotMatchRegex(@"^\s*<|^\s*[#>]|\{\{|</", $"the title of {name} (\"{title}\") carries no markup");
            title.Split(' ').Length.Should().BeGreaterThan(1, $"the title of {name} (\"{title}\") is more than one word");
        }
    }

    [DevelopmentDataFact("articles-dev")]
    public void No_labelled_claim_is_dropped_from_any_page()
    {
        var gold = JsonSerializer.Deserialize<List<GoldUnit>>(File.ReadAllText(Path.Combine(Root, "gold.json")), JsonOptions)!;
        var claims = gold.Where(g => g.Kind == "claim").ToList();
        claims.Should().HaveCountGreaterThan(400);

        var cleaned = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var claim in claims)
        {
            if (!cleaned.TryGetValue(claim.File, out var text))
            {
                var article = ArticleParser.Parse(File.ReadAllText(Path.Combine(Root, claim.File))).Single();
                text = Normalise(article.CleanedText + "\n" + article.Title);
                cleaned[claim.File] = text;
            }
            if (!text.Contains(Normalise(claim.Quote), StringComparison.Ordinal)) missing.Add($"{claim.File}: {claim.Quote}");
        }

        missing.Should().BeEmpty("every claim of the {0} labelled is still in its page's cleaned text", claims.Count);
    }

    /// <summary>Markup (HTML tags, Markdown emphasis, link targets, quote and heading markers) removed, white space collapsed.</summary>
    private static string Normalise(string text)
    {
        text = HtmlTag().Replace(text, " ");
        text = MarkdownLink().Replace(text, "$1");
        text = text.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal);
        text = LineMarker().Replace(text, " ");
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"<[^<>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(?m)^\s*(?:[>#*•-]+\s+)+")]
    private static partial Regex LineMarker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
