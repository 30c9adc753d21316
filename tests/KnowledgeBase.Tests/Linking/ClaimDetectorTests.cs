using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Linking;

namespace KnowledgeBase.Tests.Linking;

public sealed class ClaimDetectorTests
{
    private const string File000 = "000_0a69e49d4b7b84ee.txt";
    private const string File001 = "001_a9ffed9fe85c4e76.txt";
    private const string File003 = "003_b91c22ed071beb9d.txt";
    private const string File004 = "004_e7acfcdfef7a4db6.txt";

    public static TheoryData<string> SeedFiles =>
        new(Directory.GetFiles(TestPaths.Seeds, "*.txt").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    private static string CleanedText(string file, int part = 0) =>
        ArticleParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, file)))[part].CleanedText;

    private static string[] Quotes(string text) => ClaimRules.Detect(text).Select(c => c.Quote).ToArray();

    /// <summary>The claim whose quote holds <paramref name="fragment"/>.</summary>
    private static DetectedClaim ClaimContaining(IReadOnlyList<DetectedClaim> claims, string fragment)
    {
        var matches = claims.Where(c => c.Quote.Contains(fragment, StringComparison.Ordinal)).ToList();
        matches.Should().ContainSingle($"one candidate should quote \"{fragment}\"");
        return matches[0];
    }

    [Fact]
    public void Returns_nothing_for_empty_text()
    {
        ClaimRules.Detect("").Should().BeEmpty();
        ClaimRules.Detect("\n \n").Should().BeEmpty();
    }

    [Fact]
    public void Rejects_null_text()
    {
        var act = () => ClaimRules.Detect(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData("Clinical Evidence")]
    [InlineData("Benefits of MSC Stem Cell Therapy for ALS")]
    [InlineData("Is Stem Cell Treatment Safe?")]
    [InlineData("Stem Cell Treatment for ALS")]
    [InlineData("Recent Advances in MSC Stem Cell Therapy for ALS")]
    public void Does_not_detect_headings(string heading)
    {
        Quotes($"{heading}\n\nThe weather was fine.").Should().BeEmpty();
    }

    [Theory]
    [InlineData("Q- Is stem cell therapy safe?")]
    [InlineData("Q- How is stem cell therapy for ALS better than the current treatment options?")]
    [InlineData("Q: Has the FDA approved stem cell therapy for ALS?")]
    [InlineData("Can stem cells slow the progression of ALS in 90% of patients?")]
    public void Does_not_detect_questions(string question)
    {
        Quotes(question).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Patients interested in MSC stem cells therapy should consult with medical professionals and consider enrolling in clinical trials for emerging treatments.")]
    [InlineData("Contact us today to book a free consultation about our safe and effective stem cell treatment.")]
    [InlineData("If you want to know more about stem cell therapy for ALS/MND, get in touch with us at You can also call us at +91-9654321400 for more information.")]
    [InlineData("Learn more about stem cell therapy for ALS here.")]
    public void Does_not_detect_calls_to_action(string line)
    {
        Quotes(line).Should().BeEmpty();
    }

    [Theory]
    [InlineData("+91-9654321400 [email protected]")]
    [InlineData("Email: info@clinic.example for the safety data of our phase 2 trial.")]
    [InlineData("WhatsApp our team about the 87% success rate.")]
    public void Does_not_detect_contact_lines(string line)
    {
        Quotes(line).Should().BeEmpty();
    }

    [Theory]
    [InlineData("© 2024 Clinic. All rights reserved.")]
    [InlineData("Subscribe To Our Newsletter")]
    [InlineData("Disclaimer: this article about stem cell safety is for informational purposes only.")]
    [InlineData("FAQ’s")]
    public void Does_not_detect_boilerplate(string line)
    {
        Quotes(line).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Amyotrophic lateral sclerosis (ALS) is a progressive neurodegenerative condition.")]
    [InlineData("Decline in lung function is often the cause of mortality in ALS.")]
    [InlineData("Over 40 genes contribute to ALS, with FUS, SOD1, C9orf72, and TDP43 the most prominent among them.")]
    [InlineData("It impacts both upper and lower motor neurons, which impair involuntary or autonomic functions.")]
    public void Does_not_detect_plain_disease_background(string sentence)
    {
        Quotes(sentence).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Presently, there is no cure for ALS and novel treatments are required to slow down the progression of this deadly disease.")]
    [InlineData("While conventional treatments help manage symptoms, they do not halt or reverse the disease.")]
    [InlineData("The improvement in overall survival with the current treatment modalities is modest at best.")]
    public void Detects_treatment_landscape_statements(string sentence)
    {
        var claims = ClaimRules.Detect(sentence);

        claims.Should().ContainSingle().Which.Signals.Should().Contain("treatment landscape (no cure / existing drugs)");
    }

    [Theory]
    [InlineData("They found that 13 of the patients (or 87%) improved.", "percentage")]
    [InlineData("The phase I clinical trial included 8 patients whose ALS was either definite or probable.", "patient count")]
    [InlineData("The phase I clinical trial included 8 patients whose ALS was either definite or probable.", "trial phase")]
    [InlineData("South Korea, the USA, and Europe have designated it as an orphan drug.", "regulatory or market status")]
    [InlineData("While not yet FDA-approved, many trials are in progress to evaluate its therapeutic potential.", "regulatory or market status")]
    [InlineData("In a study conducted by Ammar et al. (2021), 6 clinical trials were analyzed for their efficacy in ALS patients.", "cites a study (et al. + year)")]
    [InlineData("In a study conducted by Ammar et al. (2021), 6 clinical trials were analyzed for their efficacy in ALS patients.", "number of studies or trials")]
    [InlineData("Barzewska et al. administered MSCs in 67 patients.", "cites a study (et al.)")]
    [InlineData("Recently, scientists published experimental results in PLoS One that demonstrate the potential of another type of stem cell approach.", "cites a journal or publication")]
    [InlineData("No serious adverse events were associated with MSC-NTF cells intramuscular (IM) injections.", "safety")]
    [InlineData("Such engineered MSCs together with mononuclear cells prolonged survival in mice.", "survival")]
    [InlineData("Such engineered MSCs together with mononuclear cells prolonged survival in mice.", "animal or laboratory evidence")]
    [InlineData("In all samples, MSC-NTF cells demonstrated increased secretion of NTFs when compared to non-differentiated MSCs from the same patient.", "comparison")]
    [InlineData("In all samples, MSC-NTF cells demonstrated increased secretion of NTFs when compared to non-differentiated MSCs from the same patient.", "mechanism")]
    [InlineData("NurOwn has been approved for Phase 3b of the clinical trial.", "product name")]
    [InlineData("Many studies have found SC intrathecal injections to be safe and effective.", "efficacy")]
    public void Detects_a_checkable_sentence_with_its_signal(string sentence, string signal)
    {
        var claims = ClaimRules.Detect(sentence);

        claims.Should().ContainSingle();
        claims[0].Quote.Should().Be(sentence);
        claims[0].Signals.Should().Contain(s => s.StartsWith(signal, StringComparison.Ordinal));
    }

    [Fact]
    public void Detects_a_bullet_without_final_punctuation_when_it_states_a_number()
    {
        var text = "Results\n• 87% of patients improved on the ALSFRS-R\n• Improved Quality of Life";

        Quotes(text).Should().Equal("87% of patients improved on the ALSFRS-R");
    }

    [Fact]
    public void Merges_a_continuation_that_points_back_and_carries_the_checkable_part()
    {
        var text = "Barzewska et al. administered MSCs in 67 patients. The trial showed a 70% decrease in the risk of death. ALS is a disease of motor neurons.";

        var claim = ClaimRules.Detect(text).Should().ContainSingle().Subject;

        claim.Quote.Should().Be("Barzewska et al. administered MSCs in 67 patients. The trial showed a 70% decrease in the risk of death.");
        claim.Signals.Should().Contain(["cites a study (et al.)", "patient count", "percentage", "survival"]);
    }

    [Fact]
    public void Takes_in_the_antecedent_of_a_claim_that_starts_with_it()
    {
        var text = "Stem cell therapy is offered here. It delays the progression of the disease and improves survival.";

        Quotes(text).Should().Equal(text);
    }

    [Fact]
    public void Does_not_merge_a_following_sentence_that_does_not_point_back()
    {
        var text = "Barzewska et al. administered MSCs in 67 patients. Mazzini et al. reported improvements in 5 out of 9 patients.";

        Quotes(text).Should().Equal(
            "Barzewska et al. administered MSCs in 67 patients.", "Mazzini et al. reported improvements in 5 out of 9 patients.");
    }

    [Fact]
    public void Does_not_merge_a_continuation_with_nothing_checkable()
    {
        Quotes("The phase I clinical trial included 8 patients. It was held in Jerusalem.")
            .Should().Equal("The phase I clinical trial included 8 patients.");
    }

    [Fact]
    public void Does_not_merge_across_lines()
    {
        Quotes("The phase I clinical trial included 8 patients.\nThey showed no serious adverse events over 12 months.")
            .Should().Equal("The phase I clinical trial included 8 patients.", "They showed no serious adverse events over 12 months.");
    }

    [Fact]
    public void Keeps_a_merged_run_to_at_most_three_sentences()
    {
        var text = "The phase I trial included 8 patients. It was safe over 12 months. They improved by 20%. These patients survived 5 years. They were in phase II.";

        var claims = ClaimRules.Detect(text);

        claims.Should().HaveCount(2);
        claims[0].Quote.Should().Be("The phase I trial included 8 patients. It was safe over 12 months. They improved by 20%.");
        claims[1].Quote.Should().Be("These patients survived 5 years. They were in phase II.");
    }

    [Fact]
    public void Does_not_detect_a_call_for_more_research()
    {
        Quotes("Further research will help likely determine how stem cell therapy can be used to slow the disease progression, while maintaining high degrees of safety.")
            .Should().BeEmpty();
    }

    [Fact]
    public void Keeps_offsets_into_the_text_as_given()
    {
        var text = "\u00A0 Clinical Evidence\n\n  The trial enrolled 67 patients.\u00A0 It was “safe and well-tolerated.”\n";

        var claim = ClaimRules.Detect(text).Should().ContainSingle().Subject;

        claim.Quote.Should().Be("The trial enrolled 67 patients.\u00A0 It was “safe and well-tolerated.”");
        text[claim.Start..claim.End].Should().Be(claim.Quote);
    }

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Quotes_are_exact_slices_of_the_cleaned_text_with_signals(string file)
    {
        foreach (var article in ArticleParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, file))))
        {
            var claims = ClaimRules.Detect(article.CleanedText);

            claims.Should().NotBeEmpty();
            var previousEnd = 0;
            foreach (var claim in claims)
            {
                claim.Quote.Should().Be(article.CleanedText[claim.Start..claim.End]);
                claim.Quote.Should().Be(claim.Quote.Trim());
                claim.Start.Should().BeGreaterThanOrEqualTo(previousEnd, "claims are in text order and never overlap");
                claim.Signals.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
                previousEnd = claim.End;
            }
        }
    }

    [Fact]
    public void Detects_the_key_claims_of_seed_004()
    {
        var claims = ClaimRules.Detect(CleanedText(File004));

        ClaimContaining(claims, "with 90% ALS patients surviving for five to seven years").Signals
            .Should().Contain(["percentage", "survival", "product name"]);
        ClaimContaining(claims, "The trial showed a 70% decrease in the risk of death").Signals
            .Should().Contain(["percentage", "survival"]);
        ClaimContaining(claims, "Barzewska et al. administered MSCs in 67 patients.").Signals
            .Should().Contain(["cites a study (et al.)", "patient count"]);
        ClaimContaining(claims, "A 2006 study by Mazzini et al. reported improvements").Signals
            .Should().Contain(["cites a study (et al. + year)", "patient count"]);
        ClaimContaining(claims, "The author, Mazzini et al., again performed a long-term safety study spanning 9 years.");
        ClaimContaining(claims, "South Korea, the USA, and Europe have designated it as an orphan drug.").Signals
            .Should().Contain("regulatory or market status");
        ClaimContaining(claims, "Clinical trials for the product are now in phase three.").Signals.Should().Contain("trial phase");
        ClaimContaining(claims, "However, each study reported that the therapy did not cause any complications.").Signals
            .Should().Contain("safety");
    }

    [Fact]
    public void Does_not_detect_the_headings_and_questions_of_seed_004()
    {
        var quotes = Quotes(CleanedText(File004));

        quotes.Should().NotContain(q => q.StartsWith("Q-", StringComparison.Ordinal));
        quotes.Should().NotContain(["Clinical Evidence", "Is Stem Cell Treatment Safe?", "How close are we?", "Conclusion", "FAQ’s", "MND Cure Research"]);
        quotes.Should().NotContain(q => q.StartsWith("Amyotrophic lateral sclerosis (ALS) is the most prevalent", StringComparison.Ordinal));
    }

    [Fact]
    public void Detects_the_key_claims_of_the_phase_I_article()
    {
        var claims = ClaimRules.Detect(CleanedText(File001, part: 2));

        ClaimContaining(claims, "described an open-label phase I clinical trial").Signals
            .Should().Contain(["trial phase", "cites a journal or publication"]);
        ClaimContaining(claims, "The phase I clinical trial included 8 patients").Signals.Should().Contain("patient count");
        ClaimContaining(claims, "only 7 of the patients then had the spinal canal injections");
        ClaimContaining(claims, "There were also no serious adverse events observed over a 12 month follow up.").Signals
            .Should().Contain(["safety", "duration or follow-up"]);
    }

    [Fact]
    public void Detects_the_key_claims_of_seeds_000_and_003()
    {
        var claims000 = ClaimRules.Detect(CleanedText(File000));
        ClaimContaining(claims000, "phase 1 / 2 and 2a clinical trials").Signals.Should().Contain("trial phase");
        ClaimContaining(claims000, "No serious adverse events were associated with MSC-NTF cells").Signals.Should().Contain("safety");
        ClaimContaining(claims000, "a reduction in ALS-FRS-R slope of 25% or more").Signals.Should().Contain("percentage");

        var claims003 = ClaimRules.Detect(CleanedText(File003));
        ClaimContaining(claims003, "Ammar et al. (2021), 6 clinical trials").Signals.Should().Contain("cites a study (et al. + year)");
        ClaimContaining(claims003, "Presently, there is no cure for ALS").Signals.Should().Contain("treatment landscape (no cure / existing drugs)");
    }
}
