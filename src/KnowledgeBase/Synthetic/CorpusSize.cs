using System.Globalization;

namespace KnowledgeBase.Synthetic;

/// <summary>How many rows of each kind a synthetic knowledge base holds. <see cref="Benchmark"/> is issue 6's corpus.</summary>
public sealed record CorpusSize(int Sources, int Claims, int Studies, int Trials, int EvidenceLinks)
{
    public static CorpusSize Benchmark { get; } = new(100_000, 1_000_000, 50_000, 20_000, 500_000);

    /// <summary>Every count multiplied by <paramref name="factor"/> (at least one of each).</summary>
    public CorpusSize Scale(double factor)
    {
        if (!(factor > 0)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "the scale must be greater than zero");
        static int Of(int count, double f) => Math.Max(1, (int)Math.Round(count * f, MidpointRounding.AwayFromZero));
        return new(Of(Sources, factor), Of(Claims, factor), Of(Studies, factor), Of(Trials, factor), Of(EvidenceLinks, factor));
    }

    /// <summary>Rejects sizes the generator cannot fill (every source has a claim; links need claims to hang on).</summary>
    public void Validate()
    {
        if (Sources < 1 || Studies < 1 || Trials < 1) throw new ArgumentException($"{this}: needs at least one source, study and trial");
        if (Claims < Sources) throw new ArgumentException($"{this}: needs at least one claim per source");
        if (EvidenceLinks < 0 || EvidenceLinks > 2L * Claims) throw new ArgumentException($"{this}: evidence links must be between 0 and twice the claims");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Sources:N0} sources, {Claims:N0} claims, {Studies:N0} studies, {Trials:N0} trials, {EvidenceLinks:N0} evidence links");
}
