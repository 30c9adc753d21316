using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Linking;

/// <summary>
/// Finds candidate claims in an article's cleaned text: each sentence, bullet or heading from
/// <see cref="SentenceSplitter"/> whose probability of being a claim (a logistic regression over
/// <see cref="ClaimFeatures"/>, weights in claim-model.json) reaches the threshold. Tuned for recall: an editor rejects a
/// wrong candidate in one click, a missed claim is invisible. Pure: no I/O after the model is loaded.
/// See docs/claim-detection.md and docs/decisions/0016-learned-claim-detector.md.
/// </summary>
public sealed class ClaimDetector
{
    private const string ModelResource = "KnowledgeBase.Linking.Detection.claim-model.json";

    private static readonly Lazy<(ClaimModel Model, ClaimModel.ModelFile File)> Embedded = new(LoadEmbedded);

    /// <summary>Creates a detector over <paramref name="model"/> that keeps sentences whose probability is at least <paramref name="threshold"/>.</summary>
    public ClaimDetector(ClaimModel model, double threshold)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        Model = model;
        Threshold = threshold;
    }

    /// <summary>The committed model at its recall-oriented operating point.</summary>
    public static ClaimDetector Default => DefaultDetector.Value;

    private static readonly Lazy<ClaimDetector> DefaultDetector = new(() => new(Embedded.Value.Model, Embedded.Value.File.Threshold));

    /// <summary>The committed model file (provenance and cross-validated figures).</summary>
    public static ClaimModel.ModelFile DefaultModelFile => Embedded.Value.File;

    /// <summary>The weights.</summary>
    public ClaimModel Model { get; }

    /// <summary>Lowest probability that makes a sentence a candidate.</summary>
    public double Threshold { get; }

    /// <summary>The same model at another threshold.</summary>
    public ClaimDetector WithThreshold(double threshold) => new(Model, threshold);

    /// <summary>Candidate claims in <paramref name="cleanedText"/>, in text order; each quote is the exact slice of the text.</summary>
    public IReadOnlyList<DetectedClaim> Detect(string cleanedText)
    {
        ArgumentNullException.ThrowIfNull(cleanedText);
        var claims = new List<DetectedClaim>();
        foreach (var sentence in Score(cleanedText))
        {
            if (sentence.Probability >= Threshold) claims.Add(sentence.ToClaim(cleanedText));
        }
        return claims;
    }

    /// <summary>Every sentence of <paramref name="cleanedText"/> with its probability and signals, whatever the threshold.</summary>
    public IReadOnlyList<ScoredSentence> Score(string cleanedText)
    {
        ArgumentNullException.ThrowIfNull(cleanedText);
        var spans = SentenceSplitter.Split(cleanedText);
        var features = ClaimFeatures.Extract(cleanedText, spans);
        var result = new List<ScoredSentence>(spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            result.Add(new ScoredSentence(spans[i], Model.Probability(features[i]), features[i], Model));
        }
        return result;
    }

    private static (ClaimModel, ClaimModel.ModelFile) LoadEmbedded()
    {
        using var stream = typeof(ClaimDetector).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"The claim model ({ModelResource}) is not embedded in {typeof(ClaimDetector).Assembly.GetName().Name}: run train-detector.");
        using var reader = new StreamReader(stream);
        return ClaimModel.Deserialize(reader.ReadToEnd());
    }

    /// <summary>One sentence with its probability of being a claim.</summary>
    public sealed record ScoredSentence(TextSpan Span, double Probability, FeatureVector Features, ClaimModel Model)
    {
        /// <summary>As a candidate: the quote, the signals behind it and the confidence.</summary>
        public DetectedClaim ToClaim(string text) => new(Span.Start, Span.End, Span.Slice(text), Model.Signals(Features), Math.Round(Probability, 4));
    }
}
