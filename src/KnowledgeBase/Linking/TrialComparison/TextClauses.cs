using System.Globalization;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Linking.TrialComparison;

/// <summary>What a percentage measures, read from the words around it.</summary>
public enum FigureMeasure
{
    Unknown,
    Survival,
    Response,
    Progression,
    Safety,
}

/// <summary>A percentage in a text and what it measures ("90% ... surviving" is survival; "33% ... met clinical-response criterion" a responder rate).</summary>
public sealed record Figure(double Value, FigureMeasure Measure, string Text);

/// <summary>Clause and figure reading shared by the claim and the record side.</summary>
internal static partial class TextClauses
{
    private const int MaxClause = 240;

    /// <summary>The sentence part (between '.', ';' or a line break) around <paramref name="index"/>, shortened to a readable length.</summary>
    public static string Around(string text, int index)
    {
        var start = index;
        while (start > 0 && !IsBreak(text, start - 1)) start--;
        var end = index;
        while (end < text.Length && !IsBreak(text, end)) end++;
        var clause = Whitespace().Replace(text[start..end], " ").Trim();
        return clause.Length <= MaxClause ? clause : clause[..(MaxClause - 1)].TrimEnd() + "…";
    }

    // A full stop ends a clause only before a space or the end ("P=.45", "6.8 years" and "U.S." do not).
    private static bool IsBreak(string text, int i) =>
        text[i] is ';' or '\n' or '\r'
        || (text[i] == '.' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1])) && !(i >= 1 && char.IsUpper(text[i - 1]) && i >= 2 && text[i - 2] == '.'));

    public static IReadOnlyList<Figure> Figures(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var found = new List<Figure>();
        foreach (Match m in PercentPattern().Matches(text))
        {
            var after = text[(m.Index + m.Length)..Math.Min(text.Length, m.Index + m.Length + 20)];
            if (ThresholdPattern().IsMatch(after)) continue; // "25% or more": a criterion, not a result
            var value = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            found.Add(new Figure(value, MeasureAt(text, m.Index, m.Length), m.Value.Trim()));
        }
        return found;
    }

    /// <summary>The measure whose word is nearest the number, within its sentence; words after the number count a little more.</summary>
    private static FigureMeasure MeasureAt(string text, int index, int length)
    {
        var sentenceStart = index;
        while (sentenceStart > 0 && index - sentenceStart < 60 && !IsBreak(text, sentenceStart - 1)) sentenceStart--;
        var sentenceEnd = index + length;
        while (sentenceEnd < text.Length && sentenceEnd - index < 90 && !IsBreak(text, sentenceEnd)) sentenceEnd++;

        var best = FigureMeasure.Unknown;
        var bestDistance = double.MaxValue;
        foreach (var (measure, pattern) in MeasureWords)
        {
            foreach (Match w in pattern.Matches(text[sentenceStart..sentenceEnd]))
            {
                var at = sentenceStart + w.Index;
                var distance = at >= index + length ? at - (index + length) : (index - (at + w.Length)) * 1.5;
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = measure;
                }
            }
        }
        return best;
    }

    private static readonly (FigureMeasure, Regex)[] MeasureWords =
    [
        (FigureMeasure.Survival, SurvivalWords()),
        (FigureMeasure.Response, ResponseWords()),
        (FigureMeasure.Progression, ProgressionWords()),
        (FigureMeasure.Safety, SafetyWords()),
    ];

    public static string Describe(FigureMeasure measure) => measure switch
    {
        FigureMeasure.Survival => "a survival figure",
        FigureMeasure.Response => "a responder rate",
        FigureMeasure.Progression => "a progression (ALSFRS-R or FVC) figure",
        FigureMeasure.Safety => "a safety figure",
        _ => "a figure of unstated measure",
    };

    [GeneratedRegex(@"(?<![\w.])-?(?<n>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"^\s*(?:or\s+(?:more|greater|higher|above)|and\s+above|\+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThresholdPattern();

    [GeneratedRegex(@"\b(?:surviv\w*|alive|death|deaths|died|mortality|life\s+expectancy|lifespan)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SurvivalWords();

    [GeneratedRegex(@"\b(?:respon\w*|improv\w*|benefit\w*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResponseWords();

    [GeneratedRegex(@"\b(?:progress\w*|declin\w*|slope|ALS-?FRS\w*(?:-R)?|FVC|functional\s+score)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProgressionWords();

    [GeneratedRegex(@"\b(?:adverse|side\s+effects?|safe\w*|tolerat\w*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SafetyWords();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
