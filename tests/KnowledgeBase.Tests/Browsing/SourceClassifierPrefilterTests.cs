using System.Text;
using System.Text.RegularExpressions;
using KnowledgeBase.Browsing;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Linking.Detection;
using KnowledgeBase.Tests.Linking;

namespace KnowledgeBase.Tests.Browsing;

/// <summary>
/// The classifier runs a term's regex only where the term's anchors occur (decision 0051), so its scores are those of
/// running every regex only if no regex ever matches a text its anchors reject. Checked for every term on the seed and
/// development articles (text and title) and on many texts built from the regex's own words, in several cases and spacings.
/// </summary>
public sealed class SourceClassifierPrefilterTests
{
    public static TheoryData<int> Terms()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < SourceClassifier.AnchoredTerms.Count; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Terms))]
    public void A_term_never_matches_a_text_its_anchors_reject(int term)
    {
        var (pattern, anchors) = SourceClassifier.AnchoredTerms[term];
        var filter = new LiteralPrefilter([(pattern, anchors)]);
        PrecheckAssertions.AdmitsEveryMatch(Texts(pattern), pattern, text => filter.Scan(text) != 0, $"the anchors \"{anchors}\"", minMatched: 10, minRejected: 0);
    }

    [Fact]
    public void A_title_written_with_a_kelvin_sign_still_counts()
    {
        // "Knee" with the Kelvin sign: the regex engine matches it to "k", so the prefilter must not skip the term.
        var plain = SourceClassifier.Classify("Knee pain", "Our clinic treats many patients.");
        var kelvin = SourceClassifier.Classify("\u212Anee pain", "Our clinic treats many patients.");

        kelvin.Scores.Should().Equal(plain.Scores);
        kelvin.Scores.Should().ContainKey("joints-sports-injuries");
    }

    [Fact]
    public void Counts_stop_at_the_cap_and_the_title_adds_its_factor_once()
    {
        var text = string.Concat(Enumerable.Repeat("Ozone was given. ", 6));

        SourceClassifier.Classify("A clinic page", text).Scores["ozone"].Should().Be(3 * SourceClassifier.MaxCountedMentions);
        SourceClassifier.Classify("Ozone and ozone", text).Scores["ozone"].Should().Be(3 * (SourceClassifier.MaxCountedMentions + SourceClassifier.TitleFactor));
    }

    /// <summary>Every line and title of the seed and development articles, then texts made of the regex's own words.</summary>
    private static IEnumerable<string> Texts(Regex pattern)
    {
        var development = Path.Combine(TestPaths.Shared, "articles-dev", "articles");
        var files = Directory.EnumerateFiles(TestPaths.Seeds, "*.txt")
            .Concat(Directory.Exists(development) ? Directory.EnumerateFiles(development, "*.txt") : []);
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            foreach (var article in ArticleParser.Parse(File.ReadAllText(file)))
            {
                yield return article.Title;
                foreach (var line in article.CleanedText.Split('\n')) yield return line;
            }
        }

        var source = Regex.Replace(pattern.ToString(), @"\\[pP]\{\w+\}|\\[a-zA-Z]", " ");
        var words = Regex.Matches(source, "[A-Za-z0-9]+").Select(m => m.Value).ToArray();
        string[] fillers = ["the", "a", "of", "-", "'", "’", "s", "ies", "y", "ly", "ing", "157", "500", "+", "(", ")", ",", ".", "é", "ß", "1"];
        string[] suffixes = ["s", "y", "ies", "al", "ing", "ed", "'s", "-"];
        string[] spaces = [" ", " ", " ", " ", " ", " ", "  ", "\t", "\u00A0", "-", "", "'", "'s "];
        var random = new Random(51);
        for (var n = 0; n < 8000; n++)
        {
            var text = new StringBuilder();
            var length = 1 + random.Next(5);
            var at = random.Next(words.Length);
            for (var k = 0; k < length; k++)
            {
                // In the regex's order half the time, else any of its words: alternatives meet the words after them.
                var word = random.Next(5) == 0 ? fillers[random.Next(fillers.Length)]
                    : random.Next(2) == 0 ? words[(at + k) % words.Length] : words[random.Next(words.Length)];
                if (random.Next(3) == 0) word += suffixes[random.Next(suffixes.Length)]; // what \w+ and s? take
                word = random.Next(4) switch
                {
                    0 => word.ToUpperInvariant(),
                    1 => char.ToUpperInvariant(word[0]) + word[1..],
                    _ => word.ToLowerInvariant(),
                };
                if (k > 0) text.Append(spaces[random.Next(spaces.Length)]);
                text.Append(word);
            }
            var sample = text.ToString();
            yield return sample;
            yield return "We offer " + sample + (random.Next(2) == 0 ? "." : " today");
        }
    }
}
