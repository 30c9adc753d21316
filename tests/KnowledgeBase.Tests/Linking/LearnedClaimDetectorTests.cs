using KnowledgeBase.Linking;
using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// The committed model on the development set's hard cases, with sentences written for these tests (none from the
/// development pages). A claim must get a higher confidence than the not-claim it is easily confused with.
/// </summary>
public sealed class LearnedClaimDetectorTests
{
    private static readonly ClaimDetector Detector = ClaimDetector.Default;

    /// <summary>The confidence of the sentence of <paramref name="text"/> that contains <paramref name="words"/>.</summary>
    private static double ConfidenceOf(string text, string words)
    {
        var sentence = Detector.Score(text).Single(s => s.Span.Slice(text).Contains(words, StringComparison.Ordinal));
        return sentence.Probability;
    }

    private static double Alone(string sentence) => ConfidenceOf(sentence, sentence);

    [Theory]
    // A benefit of the therapy vs a disease statistic (hard case 1).
    [InlineData("Our platelet injections relieve knee pain and help worn cartilage repair itself.", "Knee osteoarthritis affects about one in seven adults over the age of forty-five worldwide.")]
    // Landscape vs disease background (hard case 7).
    [InlineData("There is currently no cure for this lung disease, and standard treatments only manage the symptoms.", "The disease usually begins in middle age and progresses slowly over many years.")]
    // The clinic's own safety record vs aftercare instructions.
    [InlineData("In eight years we have never had a patient develop an infection after an injection.", "Avoid strenuous exercise and hot baths for two weeks after your injection.")]
    // An assertive statement vs a topic heading (hard case 6).
    [InlineData("Ozone therapy boosts the immune system and helps the body fight chronic infections.", "Benefits of Ozone Therapy")]
    // Efficacy vs a price line (hard case 11).
    [InlineData("The vitamin drip rehydrates your body, eases nausea and reduces inflammation.", "Recovery Drip: $189")]
    // A mechanism of benefit vs a call to action.
    [InlineData("The exosomes release growth factors that stimulate new blood vessels and tissue repair.", "Call today to book your free consultation!")]
    public void Ranks_a_claim_above_the_not_claim_it_resembles(string claim, string notClaim)
    {
        Alone(claim).Should().BeGreaterThan(Alone(notClaim), $"\"{claim}\" asserts something checkable about a therapy and \"{notClaim}\" does not");
    }

    [Fact]
    public void Ranks_a_testimonial_after_treatment_above_the_patients_history_before_it()
    {
        const string diary = "I first noticed the numbness in my feet about eight years ago.\n\nTwo months after my treatment I walked to the shop and back without any pain.";

        ConfidenceOf(diary, "Two months after").Should().BeGreaterThan(ConfidenceOf(diary, "I first noticed"),
            "a patient's report after treatment is a testimonial claim; the history before it is background (hard case 3)");
    }

    [Fact]
    public void Entries_of_a_reference_list_are_never_candidates_though_the_same_sentence_in_the_text_is()
    {
        const string finding = "Smith AB, Jones CD, et al. Platelet injections reduced knee pain in 120 patients compared with placebo.";
        const string text = "## What the research says\n\n" + finding + "\n\n## References\n\n1. " + finding + "\n2. Brown EF. Ozone and wound healing. J Wound Care. 2019;12(3):45-50.";

        var scored = Detector.Score(text);
        var inList = scored.Where(s => s.Span.Start > text.IndexOf("1. ", StringComparison.Ordinal)).ToList();

        inList.Should().Contain(s => s.Span.Slice(text) == finding);
        inList.Should().OnlyContain(s => s.Probability == 0 && s.Features.NeverClaim != null, "reference-list entries and bare cited titles are not claims");
        Detector.Detect(text).Should().ContainSingle(c => c.Quote == finding, "the same finding stated in the text, outside the list, stays a candidate");
    }

    [Fact]
    public void A_heading_that_only_starts_with_sources_does_not_make_a_reference_list()
    {
        const string text = "## Sources of Heavy Metal Exposure\n\nChelation removes lead and cadmium from the arteries and lowers blood pressure within weeks.";

        Detector.Score(text).Single(s => s.Span.Slice(text).StartsWith("Chelation", StringComparison.Ordinal)).Features.NeverClaim.Should().BeNull();
    }

    [Theory]
    [InlineData("</div>")]
    [InlineData("<ul style=\"color: white;\">")]
    [InlineData("### 1.")]
    [InlineData("---")]
    [InlineData("<img src=\"/images/exosome-healing.png\" alt=\"\">")]
    public void A_line_of_markup_only_is_never_a_candidate(string line)
    {
        var text = "Exosome therapy repairs damaged skin and restores hair growth.\n" + line + "\nPRP relieves tendon pain.";

        var scored = Detector.Score(text).Where(s => s.Span.Slice(text).Contains(line.Trim(), StringComparison.Ordinal)).ToList();

        scored.Should().OnlyContain(s => s.Probability == 0);
        Detector.Detect(text).Should().NotContain(c => c.Quote.Contains(line.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_bullet_under_a_benefits_lead_in_ranks_above_the_same_kind_of_bullet_under_a_symptoms_lead_in()
    {
        const string text = "After the infusions, most patients reported improvements in the following areas:\n- Deeper sleep\n- More stable moods\n\n" +
                            "Common symptoms of the condition include:\n- Broken sleep\n- Mood swings";

        ConfidenceOf(text, "Deeper sleep").Should().BeGreaterThan(ConfidenceOf(text, "Broken sleep"),
            "a list inherits its lead-in: benefits are claims, symptoms are background (hard case 4)");
    }

    [Fact]
    public void Detects_at_the_default_threshold_a_plain_efficacy_claim_with_a_number()
    {
        const string text = "In our clinic, 82% of patients with knee arthritis reported less pain six months after a single PRP injection.";

        var claims = Detector.Detect(text);

        claims.Should().ContainSingle();
        claims[0].Quote.Should().Be(text);
        claims[0].Confidence.Should().BeInRange(Detector.Threshold, 1.0);
        claims[0].Signals.Should().NotBeEmpty("the editor sees why it was flagged");
    }

    [Fact]
    public void Quotes_are_exact_slices_with_a_confidence_and_a_higher_threshold_keeps_a_subset()
    {
        const string text = "Stem Cell Therapy for Stroke\n\nStem cells can repair damaged brain tissue and restore movement. " +
                            "Many patients regain speech within weeks. Book a consultation today.\n\n- Improved balance\n- Less fatigue";

        var low = Detector.WithThreshold(0.05).Detect(text);
        var high = Detector.WithThreshold(0.8).Detect(text);

        foreach (var claim in low)
        {
            claim.Quote.Should().Be(text[claim.Start..claim.End]);
            claim.Confidence.Should().BeInRange(0.05, 1.0);
        }
        high.Select(c => (c.Start, c.End)).Should().BeSubsetOf(low.Select(c => (c.Start, c.End)), "raising the threshold only removes candidates");
    }

    [Fact]
    public void Rejects_a_threshold_outside_zero_to_one()
    {
        var act = () => Detector.WithThreshold(1.5);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_committed_model_records_how_it_was_made()
    {
        var file = ClaimDetector.DefaultModelFile;

        file.FeatureSetVersion.Should().Be(ClaimFeatures.Version);
        file.Command.Should().Contain("train-detector");
        file.GoldSha256.Should().MatchRegex("^[0-9a-f]{64}$");
        file.ArticlesSha256.Should().MatchRegex("^[0-9a-f]{64}$");
        file.Articles.Should().Be(42);
        file.CrossValidated.Should().ContainKey("overall");
        file.Threshold.Should().BeInRange(0.0, 1.0);
    }
}

/// <summary>Training is deterministic and the model file round-trips.</summary>
public sealed class ClaimModelTests
{
    private static List<TrainingSample> Samples()
    {
        const string text = "PRP injections reduce joint pain and speed up healing.\nPrices start at $300 per session.\n" +
                            "Our patients report better sleep after the drip.\nCall us today.\nArthritis affects millions of adults.\n" +
                            "The treatment relieves inflammation within weeks.";
        var spans = SentenceSplitter.Split(text);
        var features = ClaimFeatures.Extract(text, spans);
        bool[] labels = [true, false, true, false, false, true];
        return spans.Select((_, i) => new TrainingSample(features[i], labels[i])).ToList();
    }

    [Fact]
    public void Training_twice_on_the_same_data_gives_the_same_weights()
    {
        var first = ClaimModel.Train(Samples());
        var second = ClaimModel.Train(Samples());

        second.Bias.Should().Be(first.Bias);
        second.NamedWeights.Should().Equal(first.NamedWeights);
        second.HashedWeights.Should().BeEquivalentTo(first.HashedWeights);
    }

    [Fact]
    public void Ranked_training_is_deterministic_ranks_the_pages_claims_first_and_without_pairs_is_the_plain_model()
    {
        var samples = Samples();
        var options = new ClaimModel.TrainingOptions(PairEpochs: 3);

        var first = ClaimModel.TrainRanked([samples], options);
        var second = ClaimModel.TrainRanked([samples], options);
        var plain = ClaimModel.TrainRanked([samples], options with { PairEpochs = 0 });

        second.NamedWeights.Should().Equal(first.NamedWeights);
        second.HashedWeights.Should().BeEquivalentTo(first.HashedWeights);
        second.Bias.Should().Be(first.Bias);
        var lowestClaim = samples.Where(s => s.IsClaim).Min(s => first.Logit(s.Features));
        samples.Where(s => !s.IsClaim).Should().OnlyContain(s => first.Logit(s.Features) < lowestClaim);
        plain.NamedWeights.Should().Equal(ClaimModel.Train(samples, options with { PairEpochs = 0 }).NamedWeights);
    }

    [Fact]
    public void Platt_scaling_fits_a_positive_scale_and_centres_the_probabilities_on_the_labels()
    {
        // Log-odds that are right in direction but twice too confident, centred 1 too high.
        List<(double, double)> points = [(5, 1), (3, 1), (3, 0), (1, 1), (-1, 0), (-1, 1), (-3, 0), (1, 0)];

        var (scale, bias) = ClaimModel.Platt(points);

        scale.Should().BePositive();
        var mean = points.Average(p => 1 / (1 + Math.Exp(-(scale * p.Item1 + bias))));
        mean.Should().BeApproximately(points.Average(p => p.Item2), 0.02);
    }

    [Fact]
    public void Learns_the_training_labels_and_survives_a_round_trip_through_its_file()
    {
        var samples = Samples();
        var model = ClaimModel.Train(samples);
        var file = model.ToFile("test", new string('0', 64), new string('1', 64), 1, samples.Count, new ClaimModel.TrainingOptions(), 0.5,
            new Dictionary<string, string>(StringComparer.Ordinal));

        var (loaded, _) = ClaimModel.Deserialize(ClaimModel.Serialize(file));

        foreach (var sample in samples)
        {
            (model.Probability(sample.Features) >= 0.5).Should().Be(sample.IsClaim);
            loaded.Probability(sample.Features).Should().BeApproximately(model.Probability(sample.Features), 1e-9);
        }
    }

    [Fact]
    public void Refuses_a_model_trained_on_another_feature_set()
    {
        var model = ClaimModel.Train(Samples());
        var json = ClaimModel.Serialize(model.ToFile("test", "", "", 1, 1, new ClaimModel.TrainingOptions(), 0.5, new Dictionary<string, string>(StringComparer.Ordinal)))
            .Replace($"\"featureSetVersion\": {ClaimFeatures.Version}", "\"featureSetVersion\": 999", StringComparison.Ordinal);

        var act = () => ClaimModel.Deserialize(json);

        act.Should().Throw<InvalidDataException>().WithMessage("*feature set 999*train-detector*");
    }
}
