using System.Globalization;
using System.Text.RegularExpressions;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Linking;

/// <summary>A word of a text: as written, and folded (lower case, no diacritics).</summary>
internal readonly record struct Word(string Original, string Folded)
{
    public bool IsCapitalised => Original.Length > 0 && (char.IsUpper(Original[0]) || char.IsDigit(Original[0]));
}

/// <summary>"Mazzini et al.", "Petrou and colleagues", "Karussis (2010)": the name words before the citation marker.</summary>
internal sealed record AuthorMention(IReadOnlyList<string> Words, string Literal);

/// <summary>A therapy concept (route, cell source) named in a text, with each distinct way it is written there.</summary>
internal sealed record TherapyMention(TherapyConcept Concept, IReadOnlyList<string> Literals);

/// <summary>How strongly a text says it is about a review of several studies.</summary>
internal enum ReviewCue
{
    None,
    Weak,
    Strong,
}

/// <summary>A route or cell source, and the pattern that finds it in claims and records alike.</summary>
internal sealed record TherapyConcept(string Name, double Weight, Regex Pattern);

/// <summary>Everything the suggester reads in one piece of text (a claim or a neighbouring sentence).</summary>
internal sealed partial class TextFeatures
{
    private TextFeatures(string text)
    {
        Text = text;
        Words = WordPattern().Matches(text).Select(m => new Word(m.Value, NameSimilarity.Fold(m.Value))).ToList();
        CompactPhrases = BuildCompactPhrases(text);
        Pmids = FindPmids(text);
        Dois = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(Identifiers.NormalizeDoi).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        NctIds = Identifiers.FindNctIds(text);
        Authors = AuthorPattern().Matches(text)
            .Select(m => new AuthorMention(m.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), m.Value.Trim()))
            .ToList();
        Years = YearPattern().Matches(text)
            .Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture))
            .ToHashSet();
        Phases = PhaseMention.FindAll(text);
        Numbers = NumberMention.FindAll(text, numberWords: true);
        Therapies = FindTherapies(text);
        (Review, ReviewLiteral) = FindReviewCue(text);
    }

    public string Text { get; }
    public IReadOnlyList<Word> Words { get; }

    /// <summary>Compact forms ("brainstormcelltherapeutics") of every run of 1 to 4 words, with the words as written.</summary>
    public IReadOnlyList<(string Compact, int Start, int End, string Literal)> CompactPhrases { get; }

    public IReadOnlyList<string> Pmids { get; }
    public IReadOnlyList<string> Dois { get; }
    public IReadOnlyList<string> NctIds { get; }
    public IReadOnlyList<AuthorMention> Authors { get; }
    public IReadOnlySet<int> Years { get; }
    public IReadOnlyList<PhaseMention> Phases { get; }
    public IReadOnlyList<NumberMention> Numbers { get; }
    public IReadOnlyList<TherapyMention> Therapies { get; }
    public ReviewCue Review { get; }
    public string? ReviewLiteral { get; }

    public static TextFeatures Of(string? text) => new(text ?? "");

    /// <summary>Routes and cell sources the suggester compares (claims and records are read with the same patterns).</summary>
    public static IReadOnlyList<TherapyConcept> Concepts { get; } =
    [
        new("intrathecal", EvidenceSuggester.TherapyWeight, IntrathecalPattern()),
        new("intramuscular", EvidenceSuggester.TherapyWeight, IntramuscularPattern()),
        new("intravenous", EvidenceSuggester.TherapyWeight, IntravenousPattern()),
        new("intraspinal", EvidenceSuggester.TherapyWeight, IntraspinalPattern()),
        new("bone marrow", EvidenceSuggester.TherapyWeight, BoneMarrowPattern()),
        new("adipose", EvidenceSuggester.TherapyWeight, AdiposePattern()),
        new("umbilical cord / Wharton's jelly", EvidenceSuggester.TherapyWeight, UmbilicalPattern()),
        new("neurotrophic factors", EvidenceSuggester.TherapyWeight, NeurotrophicPattern()),
        new("autologous", EvidenceSuggester.TherapyOriginWeight, AutologousPattern()),
        new("allogeneic", EvidenceSuggester.TherapyOriginWeight, AllogeneicPattern()),
    ];

    public static IReadOnlyList<TherapyMention> FindTherapies(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        return Concepts
            .Select(c => new TherapyMention(c, c.Pattern.Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList()))
            .Where(t => t.Literals.Count > 0)
            .ToList();
    }

    /// <summary>Whether a record's text describes a systematic review or meta-analysis (true), another review (false), or neither (null).</summary>
    public static bool? ReviewKind(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (SystematicReviewPattern().IsMatch(text)) return true;
        return ReviewWordPattern().IsMatch(text) ? false : null;
    }

    /// <summary>The folded words of a text, for title and journal comparison.</summary>
    public static IReadOnlyList<Word> WordsOf(string? text) =>
        string.IsNullOrEmpty(text) ? [] : WordPattern().Matches(text).Select(m => new Word(m.Value, NameSimilarity.Fold(m.Value))).ToList();

    private static List<(string Compact, int Start, int End, string Literal)> BuildCompactPhrases(string text)
    {
        var tokens = PhraseTokenPattern().Matches(text)
            .Select(m => (Original: m.Value.Trim('.', '!', '?', '\'', '’', '-', '–'), Compact: ProductAliases.Compact(m.Value)))
            .Where(t => t.Compact.Length > 0)
            .ToList();
        var phrases = new List<(string, int, int, string)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            for (var n = 1; n <= 4 && i + n <= tokens.Count; n++)
            {
                var run = tokens.Skip(i).Take(n).ToList();
                phrases.Add((string.Concat(run.Select(t => t.Compact)), i, i + n - 1, string.Join(' ', run.Select(t => t.Original))));
            }
        }

        return phrases;
    }

    private static List<string> FindPmids(string text)
    {
        var pmids = PmidPattern().Matches(text).Select(m => Identifiers.NormalizePmid(m.Groups["id"].Value))
            .Concat(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Identifiers.PmidFromUrl));
        return pmids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    private static (ReviewCue, string?) FindReviewCue(string text)
    {
        var strong = StrongReviewCuePattern().Match(text);
        if (strong.Success) return (ReviewCue.Strong, strong.Value);
        var weak = ReviewWordPattern().Match(text);
        return weak.Success ? (ReviewCue.Weak, weak.Value) : (ReviewCue.None, null);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[^\s/,;:()\[\]""“”]+", RegexOptions.CultureInvariant)]
    private static partial Regex PhraseTokenPattern();

    [GeneratedRegex(@"\bPMID\s*:?\s*(?<id>[0-9]{1,9})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PmidPattern();

    [GeneratedRegex(@"(?<name>\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){0,2})(?:\s*,)?\s+(?:et\.?\s*al\b\.?|(?i:and\s+(?:his\s+|her\s+|their\s+)?(?:colleagues|co-?workers|team)\b)|\(\s*(?:19|20)[0-9]{2}\s*\))", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}.\-/])(?:19|20)[0-9]{2}(?![\p{L}\p{N}]|\.[0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"(?i:\bintrathecal(?:ly)?\b|\bspinal\s+canal\b|\blumbar\s+puncture\b)|\bIT\b", RegexOptions.CultureInvariant)]
    private static partial Regex IntrathecalPattern();

    [GeneratedRegex(@"(?i:\bintramuscular(?:ly)?\b|\binto\s+(?:the\s+)?muscles?\b)|\bIM\b", RegexOptions.CultureInvariant)]
    private static partial Regex IntramuscularPattern();

    [GeneratedRegex(@"(?i:\bintravenous(?:ly)?\b|\binto\s+(?:the\s+)?(?:bloodstream|veins?)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex IntravenousPattern();

    [GeneratedRegex(@"(?i:\bintraspinal(?:ly)?\b|\bspinal\s+cord\s+(?:implant|transplant|inject)\w*)", RegexOptions.CultureInvariant)]
    private static partial Regex IntraspinalPattern();

    [GeneratedRegex(@"(?i:\bbone[\s\-]+marrow\b)|\bBM-MSCs?\b", RegexOptions.CultureInvariant)]
    private static partial Regex BoneMarrowPattern();

    [GeneratedRegex(@"(?i:\badipose\b|\bfat[\s\-]+(?:derived|tissue|biopsy)\b)|\bAD-MSCs?\b", RegexOptions.CultureInvariant)]
    private static partial Regex AdiposePattern();

    [GeneratedRegex(@"(?i:\bumbilical\b|\bwharton\b|\bcord[\s\-]+blood\b)|\b(?:UC|WJ)-MSCs?\b", RegexOptions.CultureInvariant)]
    private static partial Regex UmbilicalPattern();

    [GeneratedRegex(@"(?i:\bneurotrophic\b)|\bNTFs?\b", RegexOptions.CultureInvariant)]
    private static partial Regex NeurotrophicPattern();

    [GeneratedRegex(@"(?i:\bautologous\b|\bpatient-derived\b|\bpatients?'?\s+own\s+(?:cells|bone\s+marrow)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex AutologousPattern();

    [GeneratedRegex(@"(?i:\ballogeneic\b|\bdonor\s+cells\b)", RegexOptions.CultureInvariant)]
    private static partial Regex AllogeneicPattern();

    [GeneratedRegex(@"(?i:\bsystematic(?:ally)?\s+review\w*|\bmeta-?\s?analy[sz]\w*|\b(?:trials|studies|RCTs)\s+(?:were|was|have\s+been)\s+(?:analy[sz]ed|reviewed|pooled)\b|\b(?:analy[sz]ed|reviewed|pooled|included)\s+(?:[0-9]+|several|multiple)\s+(?:\w+\s+)?(?:trials|studies|RCTs)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex StrongReviewCuePattern();

    [GeneratedRegex(@"(?i:\breview\b)", RegexOptions.CultureInvariant)]
    private static partial Regex ReviewWordPattern();

    [GeneratedRegex(@"(?i:\bsystematic\s+review|\bmeta-?\s?analy[sz]|\bcochrane\b)", RegexOptions.CultureInvariant)]
    private static partial Regex SystematicReviewPattern();
}
