using System.Text;
using System.Text.RegularExpressions;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Linking;
using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// The cue prefilters skip a regex only where it cannot match (decision 0045): for every prefiltered regex of the claim
/// detector, on real sentences and on many sentences built from the regex's own words, whenever the regex matches, its
/// anchors must admit the sentence. An edit that gives a regex a new alternative without an anchor fails here.
/// </summary>
public sealed class LiteralPrefilterTests
{
    private const RegexOptions Insensitive = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public static TheoryData<string, int> Entries()
    {
        var data = new TheoryData<string, int>();
        for (var i = 0; i < ClaimRules.Prefilter.Count; i++) data.Add("rules", i);
        for (var i = 0; i < ClaimFeatures.SentenceCues.Count; i++) data.Add("features", i);
        return data;
    }

    private static LiteralPrefilter Of(string name) => name == "rules" ? ClaimRules.Prefilter : ClaimFeatures.SentenceCues;

    [Fact]
    public void The_lookalikes_are_every_character_outside_ascii_the_regex_engine_takes_for_an_ascii_letter()
    {
        var missing = new List<string>();
        for (var letter = 'a'; letter <= 'z'; letter++)
        {
            var literal = new Regex("^" + letter + "$", Insensitive);
            for (var c = 128; c <= char.MaxValue; c++)
            {
                if (literal.IsMatch(((char)c).ToString()) && !LiteralPrefilter.AsciiLetterLookalikes.Contains((char)c, StringComparison.Ordinal))
                    missing.Add($"U+{c:X4} matches '{letter}'");
            }
        }
        missing.Should().BeEmpty("a sentence with such a character must not be prefiltered");
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void A_prefiltered_regex_never_matches_a_sentence_its_anchors_reject(string prefilter, int entry)
    {
        var filter = Of(prefilter);
        var pattern = filter.Patterns[entry];
        if (filter.Anchors[entry] is null) return;
        PrecheckAssertions.AdmitsEveryMatch(Sentences(pattern), pattern, sentence => (filter.Scan(sentence) & (1UL << entry)) != 0,
            $"the anchors \"{filter.Anchors[entry]}\"", minMatched: 20, minRejected: 0);
    }

    [Fact]
    public void A_sentence_with_a_kelvin_sign_runs_every_regex()
    {
        // "K" written as the Kelvin sign: the regex engine matches it to "k", so "Book now" still calls to action.
        var sentence = "Boo\u212A now";
        ClaimRules.Prefilter.Patterns[ClaimRules.Rules.Count + 1].IsMatch(sentence).Should().BeTrue();
        ClaimRules.Prefilter.Scan(sentence).Should().Be(ulong.MaxValue >> (64 - ClaimRules.Prefilter.Count));
    }

    [Fact]
    public void Anchors_are_found_in_any_case_inside_words_and_digits_are_counted()
    {
        var filter = new LiteralPrefilter([(new Regex("fold"), "fold | # of"), (new Regex("x"), "#3"), (new Regex("y"), null)]);
        filter.Scan("TWO-FOLD").Should().Be(0b101);
        filter.Scan("3 of 5").Should().Be(0b101);
        filter.Scan("most of them").Should().Be(0b100);
        filter.Scan("call 555").Should().Be(0b110);
    }

    [Fact]
    public void The_reference_entry_precheck_admits_every_sentence_the_regex_matches()
    {
        var pattern = ClaimFeatures.ReferenceEntry();
        string[] entries =
        [
            "Smith AB, Jones C. Stem cells in knees. J Orthop Res. 2019;37(2):100-9.",
            "[12] Nguyen T. Platelet rich plasma. Arthroscopy 2020;36:1.",
            "1. O'Brien-Lee K, et al. A trial. Lancet. 2018; 391: 10.",
            "Brown et al. (2017) Regenerative medicine 12:45-50",
            "doi:10.1000/xyz123", "PMID 12345678", "see J Clin Med for more",
            "  - Müller Ö. Title", "Ärzte É, Zoë.	In",
        ];
        PrecheckAssertions.AdmitsEveryMatch(entries.Concat(Sentences(pattern)), pattern, s => ClaimFeatures.MayBeReferenceEntry(s), "the reference-entry precheck", minMatched: 20, minRejected: 1000);
    }

    [Fact]
    public void The_first_person_precheck_admits_every_sentence_the_regex_matches()
    {
        var pattern = ClaimFeatures.FirstPerson();
        string[] reports =
        [
            "I was in pain.", "I'm better", "I’ve gained weight", "Then I'd go; I'll see", "(I)", "I", "my", "Myself, I think",
            "Give me a call", "It helped me.", "Our son walks", "our\tdaughter", "My wife\u00A0and I", "x-I-y", "me_", "_me", "MY",
            "Our team", "In my view", "me2", "2me", "Me.", "IT staff", "Iowa",
        ];
        PrecheckAssertions.AdmitsEveryMatch(reports.Concat(Sentences(pattern)), pattern, s => ClaimFeatures.MayBeFirstPerson(s), "the first-person precheck", minMatched: 20, minRejected: 1000);
    }

    [Fact]
    public void The_reference_entry_precheck_reads_white_space_and_upper_case_as_the_regex_engine_does()
    {
        var space = new Regex(@"^\s$", RegexOptions.CultureInvariant);
        var upper = new Regex(@"^\p{Lu}$", RegexOptions.CultureInvariant);
        var differing = new List<string>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = ((char)c).ToString();
            if (space.IsMatch(text) != char.IsWhiteSpace((char)c) || upper.IsMatch(text) != char.IsUpper((char)c)) differing.Add($"U+{c:X4}");
        }
        differing.Should().BeEmpty();
    }

    /// <summary>Every unit of the seed articles (and of the development set, when present), then sentences made of the regex's own words in runs, with digits and punctuation, in several cases and spacings.</summary>
    private static IEnumerable<string> Sentences(Regex pattern)
    {
        var development = Path.Combine(TestPaths.Shared, "articles-dev", "articles");
        var files = Directory.EnumerateFiles(TestPaths.Seeds, "*.txt")
            .Concat(Directory.Exists(development) ? Directory.EnumerateFiles(development, "*.txt") : []);
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            foreach (var article in ArticleParser.Parse(File.ReadAllText(file)))
            {
                foreach (var span in SentenceSplitter.Split(article.CleanedText)) yield return span.Slice(article.CleanedText);
            }
        }

        // The regex's literal words in the order written ("no", "known", "cure"): runs of them meet its sequences.
        var source = Regex.Replace(pattern.ToString(), @"\\[pP]\{\w+\}|\\[a-zA-Z]", " ");
        var words = Regex.Matches(source, "[A-Za-z]+").Select(m => m.Value).ToArray();
        string[] fillers = ["the", "a", "of", "12", "3", "1", "II", "2019", "et al.", "et al. (2020)", "€", "£", "$5", "%", "$", "=", "+", "(", ")", ":", ",", ".", "?", "-", "’", "'", "/", "[", "]", "<", ">", "@", "{{", "©", "x", "10", "555 123 4567"];
        string[] spaces = [" ", " ", " ", "  ", "\t", "\u00A0", "-", ""];
        var random = new Random(45);
        for (var n = 0; n < 4000; n++)
        {
            var text = new StringBuilder();
            var length = 1 + random.Next(7);
            var at = random.Next(words.Length);
            for (var k = 0; k < length; k++)
            {
                var word = random.Next(4) == 0 ? fillers[random.Next(fillers.Length)] : words[(at + k) % words.Length];
                word = random.Next(5) switch
                {
                    0 => word.ToUpperInvariant(),
                    1 => char.ToUpperInvariant(word[0]) + word[1..],
                    _ => word.ToLowerInvariant(),
                };
                if (k > 0) text.Append(spaces[random.Next(spaces.Length)]);
                text.Append(word);
            }
            var sentence = text.ToString();
            yield return sentence;
            yield return "Then " + sentence + (random.Next(2) == 0 ? "." : " here");
            if (sentence.Contains('k', StringComparison.OrdinalIgnoreCase)) yield return sentence.Replace('k', '\u212A').Replace('K', '\u212A');
        }
    }
}
