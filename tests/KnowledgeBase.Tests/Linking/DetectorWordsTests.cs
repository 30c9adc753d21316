using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// The detector's hand-written word scanner must find exactly the words of the regex it replaced: the words are hashed
/// into the features the committed model's weights are indexed by, so one word more or less changes the scores.
/// </summary>
public sealed class DetectorWordsTests
{
    /// <summary>The definition the scanner replaced (ClaimFeatures' word tokenizer until 3 December).</summary>
    private static readonly Regex Word = new(@"[\p{L}\p{N}]+(?:['’+][\p{L}\p{N}]+)*\+?", RegexOptions.CultureInvariant);

    private static readonly Regex WordChar = new(@"^[\p{L}\p{N}]$", RegexOptions.CultureInvariant);

    private static List<(int Start, int Length)> Scanned(string text)
    {
        var words = new List<(int, int)>();
        for (var at = DetectorWords.Next(text, 0, out var length); at >= 0; at = DetectorWords.Next(text, at + length, out length)) words.Add((at, length));
        return words;
    }

    private static List<(int Start, int Length)> Matched(string text) => [.. Word.Matches(text).Select(m => (m.Index, m.Length))];

    [Fact]
    public void Every_utf16_code_unit_is_a_word_character_exactly_when_the_regex_class_says_so()
    {
        var differing = new List<string>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (DetectorWords.IsWordChar((char)c) != WordChar.IsMatch(((char)c).ToString())) differing.Add($"U+{c:X4}");
        }
        differing.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("...")]
    [InlineData("Stem cells don't cure arthritis.")]
    [InlineData("NAD+ and NAD+, c++ or a+b+c and x+ +y")]
    [InlineData("it’s ’twas rock'n'roll '' a'' a'b' 'b")]
    [InlineData("well-known T-cell 12-week co-enzyme")]
    [InlineData("3.5% of 1,000 patients; 2nd ½ ² Ⅻ ٣ 10x")]
    [InlineData("Zürich Ærø naïve café İstanbul ǅemal ʼokina 東京 ĸ ſ K")]
    [InlineData("a+'b a'+b a++ a'’b ’’ '+' +a+ 'a' a'")]
    [InlineData("emoji 😀 in 𝐁old text and a\u0301 combining mark")]
    [InlineData("<li>Zinc</li> [link](http://x.y/z?a=1) {{ var }}")]
    public void Finds_the_words_the_regex_finds(string text)
    {
        Scanned(text).Should().Equal(Matched(text));
    }

    [Fact]
    public void Finds_the_words_the_regex_finds_in_random_text_of_tricky_characters()
    {
        const string alphabet = "aZé9½Ⅻ'’+- .,\u0301😀_İ東";
        var random = new Random(20261203);
        var builder = new StringBuilder();
        for (var sample = 0; sample < 20_000; sample++)
        {
            builder.Clear();
            var length = random.Next(0, 16);
            for (var k = 0; k < length; k++) builder.Append(alphabet[random.Next(alphabet.Length)]);
            var text = builder.ToString();
            Scanned(text).Should().Equal(Matched(text), "the text is \"{0}\"", text);
        }
    }

    [Fact]
    public void Counts_the_words()
    {
        DetectorWords.Count("Stem cells don't cure NAD+ deficiency, 12 weeks.").Should().Be(8);
        DetectorWords.Count("").Should().Be(0);
    }
}
