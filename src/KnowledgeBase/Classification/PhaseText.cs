using System.Text.RegularExpressions;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Classification;

/// <summary>
/// Trial phases as publications and registries write them ("Phase 1/2", "Phase IIa", "Early Phase 1"): read by the
/// library import (<c>TrialDeriver</c>) and by the browsing facets (<see cref="FacetClassifier"/>), so it lives
/// below both.
/// </summary>
public static partial class PhaseText
{
    /// <summary>
    /// The ClinicalTrials.gov phase in a phrase such as "Phase 1/2", "Phase IIa", "Phase 3b" or
    /// "Early Phase 1"; null when there is none or it does not map ("Phase 1/3").
    /// </summary>
    public static TrialPhase? Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : FromMatch(Pattern().Match(text));

    /// <summary>The phase a match of <see cref="Pattern"/> names, or null.</summary>
    public static TrialPhase? FromMatch(Match match)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (!match.Success) return null;
        if (match.Groups["early"].Success) return TrialPhase.EarlyPhase1;

        var first = PhaseNumber(match.Groups["a"].Value);
        var second = match.Groups["b"].Success ? PhaseNumber(match.Groups["b"].Value) : first;
        return TrialPhases.FromRange(first, second);
    }

    private static int PhaseNumber(string token) => token.ToUpperInvariant() switch
    {
        "1" or "I" => 1,
        "2" or "II" => 2,
        "3" or "III" => 3,
        "4" or "IV" => 4,
        _ => 0,
    };

    [GeneratedRegex(@"(?<early>\bearly\s+phase\s*(?:1|I)\b)|\bphase\s*(?<a>[1-4]|IV|I{1,3})[ab]?(?:\s*(?:/|-|–|to)\s*(?:phase\s*)?(?<b>[1-4]|IV|I{1,3})[ab]?)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();
}
