using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Linking;

namespace KnowledgeBase.Tests.Linking;

public sealed class SentenceSplitterTests
{
    private static string[] Sentences(string text) =>
        SentenceSplitter.Split(text).Select(span => text[span.Start..span.End]).ToArray();

    public static TheoryData<string> SeedFiles =>
        new(Directory.GetFiles(TestPaths.Seeds, "*.txt").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    [Fact]
    public void Splits_plain_sentences()
    {
        Sentences("Stem cells were injected. The patients were followed up! Was it safe? Yes.")
            .Should().Equal("Stem cells were injected.", "The patients were followed up!", "Was it safe?", "Yes.");
    }

    [Fact]
    public void Html_superscript_reference_marks_end_the_sentence_before_them()
    {
        Sentences("Zinc supports wound repair.<sup>4</sup> Copper is found in nuts.<sup>5,6</sup>")
            .Should().Equal("Zinc supports wound repair.<sup>4</sup>", "Copper is found in nuts.<sup>5,6</sup>");
    }

    [Fact]
    public void Parenthesised_citation_marks_belong_to_the_sentence_before_them_but_a_year_does_not()
    {
        Sentences("The drip eased fatigue in most clients. (3) Sleep improved as well. (4,5)")
            .Should().Equal("The drip eased fatigue in most clients. (3)", "Sleep improved as well. (4,5)");
        Sentences("The device was cleared. (2019) A second trial began.")
            .Should().Equal("The device was cleared.", "(2019) A second trial began.");
    }

    [Fact]
    public void A_closing_parenthetical_label_stays_with_its_sentence()
    {
        Sentences("Injected cells release signals that calm the tissue. (Paracrine action)")
            .Should().Equal("Injected cells release signals that calm the tissue. (Paracrine action)");
    }

    [Fact]
    public void Each_cell_of_a_markdown_table_is_a_unit()
    {
        Sentences("| **Use** | Relieves tension headaches. Lasts for hours. |\n|------|------|\n| **Dose** | 200 mg |")
            .Should().Equal("Use", "Relieves tension headaches.", "Lasts for hours.", "Dose", "200 mg");
    }

    [Fact]
    public void A_wrapped_line_goes_on_when_the_next_line_opens_a_parenthesis_on_a_word()
    {
        Sentences("Low-level laser light\n(LLLT) warms the skin gently.")
            .Should().Equal("Low-level laser light\n(LLLT) warms the skin gently.");
    }

    [Fact]
    public void Returns_nothing_for_empty_or_blank_text()
    {
        SentenceSplitter.Split("").Should().BeEmpty();
        SentenceSplitter.Split(" \n\n\t \u00A0\n").Should().BeEmpty();
    }

    [Fact]
    public void Does_not_split_after_et_al()
    {
        Sentences("Barzewska et al. administered MSCs in 67 patients. A 2006 study by Mazzini et al. reported improvements.")
            .Should().Equal("Barzewska et al. administered MSCs in 67 patients.", "A 2006 study by Mazzini et al. reported improvements.");
    }

    [Fact]
    public void Does_not_split_after_et_al_before_a_year_or_a_name()
    {
        Sentences("In a study by Ammar et al. (2021), 6 trials were analyzed. Work by Smith et al. Karolinska showed this.")
            .Should().Equal("In a study by Ammar et al. (2021), 6 trials were analyzed.", "Work by Smith et al. Karolinska showed this.");
    }

    [Fact]
    public void Splits_after_et_al_when_a_new_sentence_plainly_starts()
    {
        Sentences("The cells were safe according to Mazzini et al. The trial enrolled 19 patients.")
            .Should().Equal("The cells were safe according to Mazzini et al.", "The trial enrolled 19 patients.");
    }

    [Theory]
    [InlineData("Growth factors (e.g. BDNF, GDNF) were secreted.")]
    [InlineData("Several factors, e.g. BDNF and GDNF, were secreted.")]
    [InlineData("The route, i.e. intrathecal injection, mattered.")]
    [InlineData("The cells were given by Dr. Karussis in Jerusalem.")]
    [InlineData("MSCs vs. placebo showed no difference.")]
    [InlineData("The trial enrolled approx. 40 patients.")]
    [InlineData("As shown in Fig. 2 the slope flattened.")]
    [InlineData("Patient No. 5 died before treatment.")]
    [InlineData("It was cleared by the U.S. Food and Drug Administration.")]
    [InlineData("The cells were cultured by J. Smith in 2003.")]
    public void Does_not_split_after_abbreviations(string sentence)
    {
        Sentences(sentence).Should().Equal(sentence);
    }

    [Fact]
    public void Splits_after_an_abbreviation_ending_a_sentence_before_a_sentence_opener()
    {
        Sentences("It is approved in the U.S. The EMA has not approved it.")
            .Should().Equal("It is approved in the U.S.", "The EMA has not approved it.");
        Sentences("The trial was in phase I. The next one is phase II.")
            .Should().Equal("The trial was in phase I.", "The next one is phase II.");
    }

    [Theory]
    [InlineData("The slope improved by 1.5 points per month.")]
    [InlineData("The difference was significant (p=0.003) at 6 months.")]
    [InlineData("The mean score fell from 3.38 to 2.1 after injection.")]
    [InlineData("Version 2.0.1 of the scale was used.")]
    public void Does_not_split_decimals(string sentence)
    {
        Sentences(sentence).Should().Equal(sentence);
    }

    [Fact]
    public void Treats_each_bullet_as_its_own_unit_without_its_marker()
    {
        var text = "Effects:\n- Neuroprotection – cells secrete BDNF\n• They reduce inflammation\n  • They modulate immunity\n* They survive longer\n1. Numbered item";

        Sentences(text).Should().Equal(
            "Effects:", "Neuroprotection – cells secrete BDNF", "They reduce inflammation", "They modulate immunity",
            "They survive longer", "Numbered item");
    }

    [Fact]
    public void Splits_sentences_inside_a_bullet()
    {
        Sentences("- Anti-Inflammatory Effects – Inflammation drives ALS. MSCs release cytokines.")
            .Should().Equal("Anti-Inflammatory Effects – Inflammation drives ALS.", "MSCs release cytokines.");
    }

    [Fact]
    public void Ends_a_unit_at_a_heading_line_without_final_punctuation()
    {
        Sentences("Clinical Evidence\nThe positive outcomes in animals promoted trials.\nIs Stem Cell Treatment Safe?\nNo serious adverse events occurred.")
            .Should().Equal(
                "Clinical Evidence", "The positive outcomes in animals promoted trials.", "Is Stem Cell Treatment Safe?",
                "No serious adverse events occurred.");
    }

    [Fact]
    public void Ends_a_unit_at_a_blank_line_even_without_punctuation()
    {
        Sentences("The trial enrolled 8 patients\n\nthe results were safe")
            .Should().Equal("The trial enrolled 8 patients", "the results were safe");
    }

    [Fact]
    public void Joins_a_hard_wrapped_line_that_continues_in_lower_case()
    {
        Sentences("The phase I clinical trial included 8 patients whose\nALS was definite. Seven were\ninjected twice.")
            .Should().Equal("The phase I clinical trial included 8 patients whose", "ALS was definite.", "Seven were\ninjected twice.");
    }

    [Fact]
    public void Handles_sentences_ending_with_a_closing_curly_quote()
    {
        Sentences("The authors called it “safe and well-tolerated.” The slope changed. They wrote ‘promising.’ Then stopped.")
            .Should().Equal("The authors called it “safe and well-tolerated.”", "The slope changed.", "They wrote ‘promising.’", "Then stopped.");
    }

    [Fact]
    public void Keeps_curly_apostrophes_inside_words()
    {
        Sentences("Lou Gehrig’s disease affects the patients’ muscles. It progresses.")
            .Should().Equal("Lou Gehrig’s disease affects the patients’ muscles.", "It progresses.");
    }

    [Fact]
    public void Handles_sentences_ending_with_a_closing_bracket()
    {
        Sentences("Seven patients were injected (one died before treatment.) The injections were 26 days apart. (This was expected.) It ended.")
            .Should().Equal(
                "Seven patients were injected (one died before treatment.)", "The injections were 26 days apart.",
                "(This was expected.)", "It ended.");
    }

    [Fact]
    public void Treats_non_breaking_spaces_as_white_space_without_changing_offsets()
    {
        var text = "\u00A0IT and IM injections are safe and well-tolerated.\u00A0 While not the primary focus, the findings\u00A0were clear.\u00A0";

        Sentences(text).Should().Equal(
            "IT and IM injections are safe and well-tolerated.", "While not the primary focus, the findings\u00A0were clear.");
    }

    [Fact]
    public void Splits_after_an_ellipsis_only_before_a_new_sentence()
    {
        Sentences("The results were… promising. Patients improved… Then they declined... Finally it ended.")
            .Should().Equal("The results were… promising.", "Patients improved…", "Then they declined...", "Finally it ended.");
    }

    [Fact]
    public void Keeps_reference_markers_with_the_sentence_they_follow()
    {
        Sentences("ALS paralyzes people.[1] Patients lose the ability to walk [2]. They lose speech. [3] Treatment is limited.[4, 5]")
            .Should().Equal(
                "ALS paralyzes people.[1]", "Patients lose the ability to walk [2].", "They lose speech. [3]", "Treatment is limited.[4, 5]");
    }

    [Fact]
    public void Does_not_split_at_a_reference_marker_inside_a_sentence()
    {
        Sentences("The brain cannot move the muscles at will[1]; as ALS progresses, people lose the ability to walk.")
            .Should().ContainSingle();
    }

    [Fact]
    public void Does_not_split_before_a_lower_case_word()
    {
        Sentences("The dose was 5 mg. per kilogram and well tolerated.").Should().ContainSingle();
    }

    [Fact]
    public void Handles_windows_line_ends()
    {
        Sentences("Clinical Evidence\r\n\r\nThe trial enrolled 67 patients.\r\nIt was safe.\r\n")
            .Should().Equal("Clinical Evidence", "The trial enrolled 67 patients.", "It was safe.");
    }

    [Fact]
    public void Splits_a_question_line_from_the_answer()
    {
        Sentences("Q- Is stem cell therapy safe?\n\nSeveral clinical trials have estimated the safety. Each study reported no complications.")
            .Should().Equal(
                "Q- Is stem cell therapy safe?", "Several clinical trials have estimated the safety.", "Each study reported no complications.");
    }

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Offsets_round_trip_on_the_seed_articles(string file)
    {
        foreach (var article in ArticleParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, file))))
        {
            foreach (var text in new[] { article.CleanedText, article.OriginalText })
            {
                var spans = SentenceSplitter.Split(text);

                spans.Should().NotBeEmpty();
                var previousEnd = 0;
                foreach (var span in spans)
                {
                    span.Start.Should().BeGreaterThanOrEqualTo(previousEnd, "spans are in order and never overlap");
                    span.End.Should().BeGreaterThan(span.Start).And.BeLessThanOrEqualTo(text.Length);
                    var quote = text[span.Start..span.End];
                    quote.Should().Be(quote.Trim(), "spans are trimmed of white space");
                    quote.Should().Be(span.Slice(text));
                    previousEnd = span.End;
                }
            }
        }
    }

    [Fact]
    public void Splits_the_seed_sentences_a_fact_checker_would_quote()
    {
        var article = ArticleParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, "004_e7acfcdfef7a4db6.txt")))[0];

        var sentences = Sentences(article.CleanedText);

        sentences.Should().Contain("Barzewska et al. administered MSCs in 67 patients.");
        sentences.Should().Contain("A 2006 study by Mazzini et al. reported improvements in lung function and performance of daily activities in 5 out of 9 patients after administering stem cells.");
        sentences.Should().Contain("The author, Mazzini et al., again performed a long-term safety study spanning 9 years.");
        sentences.Should().Contain("They also overexpress signaling pathways like pAkt, PGC-1α, p-CREB, etc., enhancing nerve cell survival.");
        sentences.Should().Contain("Q- Is stem cell therapy safe?");
        sentences.Should().Contain("Clinical Evidence");
    }
}
