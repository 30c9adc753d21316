using System.Text;
using System.Text.RegularExpressions;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Classification;

/// <summary>
/// Assigns <see cref="TherapyType"/> slugs to a library record from its cell_type and cell_source.
/// <list type="number">
/// <item>Both empty, or no cell type at all: <c>other</c> (a source alone does not say what cells were given).</item>
/// <item>Split the cell type into top-level segments on ';' (separators inside parentheses do not split).</item>
/// <item>A segment whose text outside parentheses is "various"/"mixed": <c>other</c>, plus the specific
///       types named inside its parentheses (each ';'/','-separated item, most specific match).</item>
/// <item>Otherwise the segment's most specific match, first rule wins:
///       MSC-NTF/NurOwn/debamestrocel; exosomes; genetically modified/engineered/transfected MSC;
///       neural stem/progenitor cells; umbilical cord/Wharton's jelly; adipose; bone marrow/BM-MSC.
///       (So "MSC-NTF (… bone-marrow MSCs …)" is only msc-ntf.)</item>
/// <item>A plain MSC segment (MSC/mesenchymal/stromal, no source named): use cell_source — bone marrow,
///       adipose, umbilical cord/Wharton's jelly; a source that is "various", unknown or hedged
///       ("presumed", "inferred", "unverified", "?") gives <c>other</c>.</item>
/// <item>Anything else: <c>other</c>.</item>
/// </list>
/// The result is distinct and in taxonomy order.
/// </summary>
public static partial class TherapyClassifier
{
    private static readonly (Func<Regex> Pattern, string Slug)[] SpecificRules =
    [
        (MscNtfPattern, TherapyType.MscNtf),
        (ExosomePattern, TherapyType.MscExosomes),
        (GeneticallyModifiedPattern, TherapyType.GeneticallyModifiedMsc),
        (NeuralStemCellPattern, TherapyType.NeuralStemCells),
        (UmbilicalCordPattern, TherapyType.UmbilicalCordMsc),
        (AdiposePattern, TherapyType.AdiposeMsc),
        (BoneMarrowPattern, TherapyType.BoneMarrowMsc),
    ];

    private static readonly (Func<Regex> Pattern, string Slug)[] SourceRules =
    [
        (UmbilicalCordPattern, TherapyType.UmbilicalCordMsc),
        (AdiposePattern, TherapyType.AdiposeMsc),
        (BoneMarrowPattern, TherapyType.BoneMarrowMsc),
    ];

    public static IReadOnlyList<string> Classify(string? cellType, string? cellSource)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(cellType))
        {
            found.Add(TherapyType.Other);
        }
        else
        {
            foreach (var segment in SplitTopLevel(cellType, ';'))
                ClassifySegment(segment, cellSource, found);
        }

        return TherapyType.Taxonomy.Select(t => t.Slug).Where(found.Contains).ToList();
    }

    /// <summary>
    /// A registered trial's types: the specific ones its interventions name, and where they name none ("Biological: MSC"),
    /// those its title names ("... Bone-Marrow MSC in ALS"); <c>other</c> when neither does.
    /// </summary>
    public static IReadOnlyList<string> ClassifyTrial(string? title, IEnumerable<string> interventions)
    {
        // A comparator ("Other: placebo", "Drug: riluzole") is not what the trial tests: specific types win over "other".
        var fromInterventions = Specific(Classify(string.Join("; ", interventions ?? []), null));
        if (fromInterventions.Count > 0) return fromInterventions;
        var fromTitle = string.IsNullOrWhiteSpace(title) ? [] : Specific(Classify(title.Replace(';', ','), null));
        return fromTitle.Count > 0 ? fromTitle : [TherapyType.Other];

        static List<string> Specific(IReadOnlyList<string> slugs) => [.. slugs.Where(slug => slug != TherapyType.Other)];
    }

    private static void ClassifySegment(string segment, string? cellSource, HashSet<string> found)
    {
        var (head, groups) = SplitParentheses(segment);

        if (VariousPattern().IsMatch(head))
        {
            found.Add(TherapyType.Other);
            foreach (var item in groups.SelectMany(g => SplitTopLevel(g, ';', ',')))
            {
                if (MostSpecific(item) is { } named) found.Add(named);
            }

            return;
        }

        if (MostSpecific(segment) is { } slug)
        {
            found.Add(slug);
            return;
        }

        if (GenericMscPattern().IsMatch(segment))
        {
            var fromSource = FromSource(cellSource);
            if (fromSource.Count == 0) found.Add(TherapyType.Other);
            else found.UnionWith(fromSource);
            return;
        }

        found.Add(TherapyType.Other);
    }

    private static string? MostSpecific(string text) =>
        SpecificRules.FirstOrDefault(rule => rule.Pattern().IsMatch(text)).Slug;

    private static List<string> FromSource(string? cellSource)
    {
        if (string.IsNullOrWhiteSpace(cellSource) || HedgedPattern().IsMatch(cellSource)) return [];
        return SourceRules.Where(rule => rule.Pattern().IsMatch(cellSource)).Select(rule => rule.Slug).ToList();
    }

    /// <summary>Splits on any of <paramref name="separators"/> outside (), [] and {}; trims and drops empty parts.</summary>
    private static List<string> SplitTopLevel(string text, params char[] separators)
    {
        var parts = new List<string>();
        var depth = 0;
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth = Math.Max(0, depth - 1);

            if (depth == 0 && separators.Contains(c))
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
    }

    /// <summary>The text outside top-level parentheses, and the contents of each top-level parenthesis.</summary>
    private static (string Head, List<string> Groups) SplitParentheses(string segment)
    {
        var head = new StringBuilder();
        var groups = new List<string>();
        var group = new StringBuilder();
        var depth = 0;
        foreach (var c in segment)
        {
            if (c == '(')
            {
                if (depth++ == 0) continue;
            }
            else if (c == ')' && depth > 0)
            {
                if (--depth == 0)
                {
                    groups.Add(group.ToString());
                    group.Clear();
                    continue;
                }
            }

            (depth == 0 ? head : group).Append(c);
        }

        if (group.Length > 0) groups.Add(group.ToString());
        return (head.ToString().Trim(), groups);
    }

    [GeneratedRegex(@"MSC-?NTF|NurOwn|debamestrocel", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MscNtfPattern();

    [GeneratedRegex(@"exosom|extracellular\s+vesicle", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExosomePattern();

    [GeneratedRegex(@"genetically[\s-]+(?:modified|engineered)|gene[\s-]+modified|\bengineered\b|transfected|transduced", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GeneticallyModifiedPattern();

    [GeneratedRegex(@"\bneural\s+(?:stem|progenitor|precursor)|\bNSCs?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NeuralStemCellPattern();

    [GeneratedRegex(@"umbilical|wharton|\bUC-?MSCs?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UmbilicalCordPattern();

    [GeneratedRegex(@"adipose|\bAD-?MSCs?\b|\bADSCs?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdiposePattern();

    [GeneratedRegex(@"bone[\s-]*marrow|\bBM-?MSCs?\b|\bBMSCs?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BoneMarrowPattern();

    [GeneratedRegex(@"\bMSCs?\b|mesenchymal|stromal", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GenericMscPattern();

    [GeneratedRegex(@"^(?:various|mixed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VariousPattern();

    [GeneratedRegex(@"\b(?:presumed|presumably|inferred|unverified|unknown|unclear|not\s+stated|probably|likely)\b|\?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HedgedPattern();
}
