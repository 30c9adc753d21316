using System.Text.RegularExpressions;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Linking;

/// <summary>
/// A trial phase as written in free text: "phase I", "Phase 1/2", "phase IIa", "Phase 3b", "phase three",
/// "early phase 1". <see cref="Low"/>..<see cref="High"/> is the range of phase numbers (1..4);
/// <see cref="Letter"/> the sub-phase letter ('a' or 'b') of the last number, when written.
/// </summary>
public sealed partial record PhaseMention(int Low, int High, char? Letter, bool Early, string Text)
{
    /// <summary>Every phase written in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<PhaseMention> FindAll(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var found = new List<PhaseMention>();
        foreach (Match m in PhasePattern().Matches(text))
        {
            var a = Number(m.Groups["a"].Value);
            var b = m.Groups["b"].Success ? Number(m.Groups["b"].Value) : a;
            if (a == 0 || b == 0) continue;
            var letterGroup = m.Groups["b"].Success ? m.Groups["bl"] : m.Groups["al"];
            char? letter = letterGroup.Success ? char.ToLowerInvariant(letterGroup.Value[0]) : null;
            var words = WhitespacePattern().Replace(m.Value.Trim(), " ");
            var early = m.Groups["early"].Success;
            var afterKeyword = words[(words.IndexOf("phase", StringComparison.OrdinalIgnoreCase) + "phase".Length)..];
            var literal = (early ? "early phase" : "phase") + afterKeyword;
            found.Add(new PhaseMention(Math.Min(a, b), Math.Max(a, b), letter, early, literal));
        }

        return found;
    }

    /// <summary>The mention equivalent to a ClinicalTrials.gov phase; null for <see cref="TrialPhase.NotApplicable"/>.</summary>
    public static PhaseMention? From(TrialPhase phase) => phase switch
    {
        TrialPhase.EarlyPhase1 => new PhaseMention(1, 1, null, true, "early phase 1"),
        TrialPhase.Phase1 => new PhaseMention(1, 1, null, false, "phase 1"),
        TrialPhase.Phase1Phase2 => new PhaseMention(1, 2, null, false, "phase 1/2"),
        TrialPhase.Phase2 => new PhaseMention(2, 2, null, false, "phase 2"),
        TrialPhase.Phase2Phase3 => new PhaseMention(2, 3, null, false, "phase 2/3"),
        TrialPhase.Phase3 => new PhaseMention(3, 3, null, false, "phase 3"),
        TrialPhase.Phase4 => new PhaseMention(4, 4, null, false, "phase 4"),
        _ => null,
    };

    /// <summary>The phase in digits ("phase 1/2", "phase 3b", "early phase 1").</summary>
    public string Canonical
    {
        get
        {
            var numbers = Low == High ? Digit(Low) : Digit(Low) + "/" + Digit(High);
            return (Early ? "early phase " : "phase ") + numbers + (Letter is { } l ? l.ToString() : "");
        }
    }

    private static string Digit(int n) => n switch { 1 => "1", 2 => "2", 3 => "3", _ => "4" };

    /// <summary>Same range, same "early" flag.</summary>
    public bool SameRange(PhaseMention other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Low == other.Low && High == other.High && Early == other.Early;
    }

    /// <summary>The ranges share at least one phase number.</summary>
    public bool Overlaps(PhaseMention other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Low <= other.High && other.Low <= High;
    }

    private static int Number(string token) => token.ToUpperInvariant() switch
    {
        "1" or "I" or "ONE" => 1,
        "2" or "II" or "TWO" => 2,
        "3" or "III" or "THREE" => 3,
        "4" or "IV" or "FOUR" => 4,
        _ => 0,
    };

    [GeneratedRegex(@"(?<early>\bearly\s+)?\bphase[\s-]*(?<a>[1-4]|IV|I{1,3}|one|two|three|four)(?<al>[ab])?(?:\s*(?:/|-|–|to)\s*(?:phase[\s-]*)?(?<b>[1-4]|IV|I{1,3}|one|two|three|four)(?<bl>[ab])?)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhasePattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespacePattern();
}
