using System.Text.RegularExpressions;
using KnowledgeBase.Importing.Articles;

namespace KnowledgeBase.Tests.Importing;

/// <summary>
/// The hand-written scans that stand in for regexes or splits in the article parser and its boilerplate rules
/// (decision 0051) give the same answers as what they replace, on inputs chosen to trip them: every kind of white
/// space, leading and trailing and doubled separators, look-alike letters, digits of other scripts.
/// </summary>
public sealed class BoilerplateScannerTests
{
    private const RegexOptions Insensitive = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static readonly string[] Tricky =
    [
        "", " ", "  ", "\t", "a", " a", "a ", "a  b", "a b", "a\u00A0b", "a \u00A0b", "a\tb", "a\r\nb", "\u2003a\u2003", "a\u2028b", "a\u0085b",
        "one two three four five", " one  two three four five ", "one,two|three/four•five·six-seven–eight", "-- || //", "a - b",
        "English | Español | Deutsch", "EN RU UA", "one two three four five six seven eight nine ten eleven twelve thirteen",
        "Contact us today.", "CONTACT US", "Contact uſ today", "conta\u212At us", "Thus it was.", "u s", "U\u017F",
        "We use cookies.", "COOKIES", "coo\u212Aies settings", "cook ie", "ok, got it!", "Accept all!", "got it", "\u0130\u0131",
        "Call +1 (555) 123-4567", "call 555 123 4567", "٠١٢٣٤٥٦٧٨٩", "0\u0661", "no digit here", "E-mail: a@b.org", "[email protected]",
        "The end.", "Why? Because!", "a;b", "a:b", "optionsMND ALSstem BrainStorm NurOwn MSCs", "tag tag tag tag",
    ];

    [Fact]
    public void Collapsing_white_space_equals_the_regex_and_trim_and_keeps_a_collapsed_line_as_it_is()
    {
        foreach (var text in Tricky.Concat(AllWhiteSpace().Select(c => $"a{c}b")).Concat(AllWhiteSpace().Select(c => $"{c}a b{c}")))
        {
            var collapsed = ArticleParser.CollapseWhitespace(text);
            collapsed.Should().Be(Regex.Replace(text, @"\s+", " ", RegexOptions.CultureInvariant).Trim(), $"for \"{text}\"");
            if (collapsed == text) collapsed.Should().BeSameAs(text);
        }
    }

    [Fact]
    public void The_regex_white_space_class_is_char_IsWhiteSpace()
    {
        // The collapsing scan decides with char.IsWhiteSpace what the regex decides with \s.
        var space = new Regex(@"^\s$", RegexOptions.CultureInvariant);
        for (var c = 0; c <= char.MaxValue; c++)
            space.IsMatch(((char)c).ToString()).Should().Be(char.IsWhiteSpace((char)c), $"U+{c:X4}");
    }

    [Fact]
    public void The_regex_digit_class_is_char_IsDigit()
    {
        // The national-number gate looks for what \d matches: every decimal digit, not only ASCII ones.
        var digit = new Regex(@"^\d$", RegexOptions.CultureInvariant);
        for (var c = 0; c <= char.MaxValue; c++)
            digit.IsMatch(((char)c).ToString()).Should().Be(char.IsDigit((char)c), $"U+{c:X4}");
    }

    [Fact]
    public void Counting_words_and_picker_tokens_equals_splitting()
    {
        char[] picker = [' ', '|', '/', '•', '·', ',', '-', '–'];
        foreach (var text in Tricky)
        {
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            var tokens = text.Split(picker, StringSplitOptions.RemoveEmptyEntries).Length;
            for (var max = 0; max <= 14; max++)
            {
                BoilerplateRules.HasMoreWordsThan(text, max).Should().Be(words > max, $"{max} words for \"{text}\"");
                BoilerplateRules.HasMoreTokensThan(text, max).Should().Be(tokens > max, $"{max} tokens for \"{text}\"");
            }
        }
    }

    [Fact]
    public void The_sentence_punctuation_scan_equals_its_regex()
    {
        foreach (var text in Tricky)
            text.AsSpan().ContainsAny(".!?;:").Should().Be(BoilerplateRules.SentencePunctuation().IsMatch(text), $"for \"{text}\"");
    }

    [Fact]
    public void Every_national_number_the_regex_finds_has_nine_digits()
    {
        // The gate in front of the national-number regex counts digits: a number the regex finds must pass it.
        var national = new Regex(@"(?<![\d.,-])(?:\(\d{3}\)\s?\d{3}[\s.-]\d{4}|[2-9]\d{2}[.-]\d{3}[.-]\d{4}|[2-9]\d{2} \d{3} \d{4}|0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}|1[\s.-]8\d{2}[\s.-]\d{3}[\s.-]\d{4})(?![\d-])", RegexOptions.CultureInvariant);
        string[] numbers = ["(888) 704-3977", "888-704-3977", "844.997.3231", "020 7946 0958", "01 234 567", "012 345678", "1-800-555-1234", "٠١٢ ٣٤٥ ٦٧٨", "12 345 678", "020-794-6095"];
        foreach (var number in numbers)
        {
            var line = "Call " + number + " today";
            if (national.IsMatch(line)) BoilerplateRules.HasAtLeastDigits(line, 9).Should().BeTrue(line);
            BoilerplateRules.HasAtLeastDigits(line, 9).Should().Be(line.Count(char.IsDigit) >= 9, line);
        }
        numbers.Count(n => national.IsMatch(n)).Should().BeGreaterThan(5);
        BoilerplateRules.Match("Call 020 7946 0958").Should().NotBeNull();
    }

    [Theory]
    [InlineData("us")]
    [InlineData("cookie")]
    public void A_literal_gate_admits_every_line_an_ignore_case_regex_finds_the_literal_in(string literal)
    {
        var regex = new Regex(Regex.Escape(literal), Insensitive);
        var lines = Tricky.Concat(Variants(literal)).ToList();
        foreach (var line in lines)
        {
            if (regex.IsMatch(line)) BoilerplateRules.MayContainIgnoringCase(line, literal).Should().BeTrue($"\"{line}\" holds \"{literal}\" for the regex");
        }
        lines.Should().Contain(l => !BoilerplateRules.MayContainIgnoringCase(l, literal), "the gate must reject something");
    }

    [Fact]
    public void Lines_with_look_alike_letters_are_still_boilerplate()
    {
        // The Kelvin sign is "k" to the rules' regexes: the gates must not skip a line that holds it.
        BoilerplateRules.Match("Boo\u212A now").Should().Be(BoilerplateRules.Match("Book now")).And.NotBeNull();
        BoilerplateRules.Match("We use coo\u212Aies to improve your experience. Accept").Should()
            .Be(BoilerplateRules.Match("We use cookies to improve your experience. Accept")).And.NotBeNull();
    }

    /// <summary>The literal in every mix of upper and lower case, and with each letter replaced by every character outside ASCII.</summary>
    private static IEnumerable<string> Variants(string literal)
    {
        for (var mask = 0; mask < 1 << literal.Length; mask++)
            yield return "x " + string.Concat(literal.Select((c, i) => (mask & (1 << i)) != 0 ? char.ToUpperInvariant(c) : c)) + " y";
        for (var i = 0; i < literal.Length; i++)
        {
            for (var c = 128; c <= char.MaxValue; c++)
                yield return literal[..i] + (char)c + literal[(i + 1)..];
        }
    }

    private static IEnumerable<char> AllWhiteSpace() =>
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace);
}
