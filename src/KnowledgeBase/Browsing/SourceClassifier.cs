using System.Text.RegularExpressions;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Browsing;

/// <summary>A source's derived classification, with the score behind every value (for explaining it).</summary>
public sealed record SourceClassification(
    IReadOnlyList<string> TherapyKinds,
    IReadOnlyList<string> Conditions,
    IReadOnlyDictionary<string, double> Scores);

/// <summary>
/// Classifies an article by the therapy kind it sells and the condition(s) it is about, from weighted term
/// lists (decision 0017). Pure: title and text in, slugs out. A term counts at most <see cref="MaxCountedMentions"/>
/// times in the text; a term in the title adds <see cref="TitleFactor"/> times its weight once. A value is kept when
/// its score reaches <see cref="Threshold"/> and at least <see cref="RelativeFloor"/> of the best score of its list, so
/// an article about PRP that mentions stem cells in passing is PRP only.
/// <para>Bump <see cref="Version"/> when a rule changes: start-up re-derives every source classified by older rules
/// (except those an editor corrected).</para>
/// </summary>
public static partial class SourceClassifier
{
    public const int Version = 2;
    public const double Threshold = 4;
    public const double RelativeFloor = 0.3;
    public const double TitleFactor = 3;
    public const int MaxCountedMentions = 4;
    private const int MaxTherapyKinds = 3;

    /// <summary>One mention of a specific cell type (weight 3) names the type of a "stem cell" page.</summary>
    private const double NamedCellTypeScore = 3;
    private const int MaxConditions = 4;

    private sealed record Rule(string Slug, (Regex Pattern, double Weight)[] Terms);

    // Compiled: every imported article runs all of them (about 90), and the set is built once per process.
    private static Rule R(string slug, params (string Pattern, double Weight)[] terms) =>
        new(slug, terms.Select(t => (new Regex(@"(?<![\p{L}\p{N}])(?:" + t.Pattern + @")(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled), t.Weight)).ToArray());

    // Acronyms are matched in capitals only ((?-i:...)): "als" and "ms" are ordinary words in other languages and units.
    private static readonly Rule[] TherapyRules =
    [
        R(TherapyType.BoneMarrowMsc, (@"bone[- ]marrow(?:[- ]derived)?(?: (?:stem|stromal|mesenchymal|concentrate|aspirate)\w*)?", 3), (@"(?-i:BMAC|BM-MSCs?|BMSCs?)", 3)),
        R(TherapyType.AdiposeMsc, (@"adipose(?:[- ]derived)?", 3), (@"fat[- ]derived", 3), (@"(?-i:SVF|ADSCs?|AD-MSCs?)", 3), (@"stromal vascular fraction", 3), (@"micro-?lipo\w*", 2)),
        R(TherapyType.UmbilicalCordMsc, (@"umbilical[- ]cord", 3), (@"wharton'?s? jelly", 3), (@"(?-i:UC-?MSCs?|UCMSCs?|UCBSCs?)", 3), (@"cord blood", 3), (@"cord tissue", 3)),
        R(TherapyType.MscNtf, (@"(?-i:MSC-NTF)", 4), (@"nurown", 4), (@"debamestrocel", 4)),
        R(TherapyType.MscExosomes, (@"exosomes?", 3), (@"extracellular vesicles?", 2)),
        R(TherapyType.GeneticallyModifiedMsc, (@"genetically (?:modified|engineered)", 3)),
        R(TherapyType.NeuralStemCells, (@"neural (?:stem|progenitor) cells?", 3)),
        R(SourceTaxonomy.StemCellsUnspecified, (@"stem[- ]cells?", 2), (@"(?-i:MSCs?)", 2), (@"mesenchymal", 2), (@"cell therapy", 1)),
        R(SourceTaxonomy.Prp, (@"(?-i:PRP)", 3), (@"platelet[- ]rich plasma", 3), (@"platelets?", 1)),
        R(SourceTaxonomy.HyperbaricOxygen, (@"hyperbaric", 3), (@"(?-i:HBOT?)", 3), (@"oxygen chambers?", 2)),
        R(SourceTaxonomy.IvInfusions, (@"(?-i:IV)(?: (?:therapy|drips?|infusions?|vitamin\w*|nutrient\w*))?", 2), (@"intravenous(?:ly)?", 2), (@"infusions?", 2), (@"drips?", 1),
            (@"(?-i:NAD\+?)", 3), (@"(?:high[- ]dose )?vitamin c", 2), (@"myers'? cocktail", 3), (@"glutathione", 1)),
        R(SourceTaxonomy.Chelation, (@"chelation", 4), (@"(?-i:EDTA)", 3), (@"chelat\w+", 2)),
        R(SourceTaxonomy.Ozone, (@"ozone", 3), (@"ozonated", 3), (@"(?-i:O3)", 1)),
        R(SourceTaxonomy.Peptides, (@"peptides?", 3), (@"(?-i:BPC-?157|TB-?500|GHK-?Cu)", 3), (@"thymosin", 2)),
        R(SourceTaxonomy.Devices, (@"red[- ]light", 3), (@"photobiomodulation", 3), (@"low[- ]level laser", 3), (@"(?-i:LLLT|PEMF|ESWT|LiST)", 3),
            (@"electromagnetic(?: field)?", 3), (@"shock ?waves?", 3), (@"acoustic wave", 2), (@"(?-i:TENS)", 1), (@"gainswave", 3)),
        R(SourceTaxonomy.Supplements, (@"(?-i:CBD)", 3), (@"cannabi\w+", 2), (@"supplements?", 2), (@"detox\w*", 2), (@"cleans\w*", 1), (@"capsules?", 1), (@"herbs?|herbal", 1), (@"tinctures?", 1)),
        R(SourceTaxonomy.DietProtocols, (@"gerson", 3), (@"(?:keto(?:genic)?|alkaline|raw|juice|elimination|anti-inflammatory) diet", 3), (@"diet", 1), (@"juices?|juicing", 1), (@"coffee enemas?", 2)),
    ];

    private static readonly Rule[] ConditionRules =
    [
        R("als", (@"(?-i:ALS|MND)", 3), (@"amyotrophic lateral sclerosis", 3), (@"lou gehrig'?s?", 3), (@"motor neuron disease", 3)),
        R("multiple-sclerosis", (@"multiple sclerosis", 3), (@"(?-i:MS)", 2)),
        R("parkinsons", (@"parkinson'?s?", 3)),
        R("alzheimers-dementia", (@"alzheimer'?s?", 3), (@"dementia", 3), (@"cognitive decline", 2)),
        R("autism", (@"autis\w+", 3), (@"(?-i:ASD)", 3)),
        R("cerebral-palsy", (@"cerebral palsy", 3), (@"(?-i:CP)", 2)),
        R("spinal-cord-injury", (@"spinal cord injur\w+", 3), (@"(?-i:SCI)", 2), (@"paraplegi\w+|quadriplegi\w+|tetraplegi\w+", 2)),
        R("stroke", (@"strokes?", 3), (@"ischemic (?:brain|attack)", 1)),
        R("brain-injury", (@"(?:traumatic )?brain injur\w+", 3), (@"(?-i:TBI)", 3), (@"concussions?", 2)),
        R("diabetes", (@"diabet\w+", 3), (@"insulin", 1), (@"blood (?:sugar|glucose)", 1)),
        R("copd-lung", (@"(?-i:COPD)", 3), (@"chronic obstructive pulmonary", 3), (@"emphysema", 2), (@"lung disease", 2), (@"pulmonary", 1)),
        R("kidney-disease", (@"kidney disease", 3), (@"(?-i:CKD)", 3), (@"renal (?:failure|disease)", 3), (@"kidney (?:failure|function|damage)", 2)),
        R("heart-disease", (@"heart (?:disease|attacks?|failure)", 3), (@"cardiovascular", 2), (@"coronary", 2), (@"arter(?:y|ies)|arterial", 1), (@"atherosclerosis|plaque", 2), (@"cardiac", 1)),
        R("neuropathy", (@"neuropath\w+", 3), (@"nerve (?:damage|pain)", 2)),
        R("joints-sports-injuries", (@"osteoarthritis", 3), (@"arthritis", 2), (@"knees?", 2), (@"joints?", 2), (@"cartilage", 2), (@"tendon\w*|tendinitis|tendonitis|tendinopathy", 2),
            (@"ligaments?", 2), (@"sports? (?:injur\w+|medicine)", 3), (@"(?:rotator cuff|epicondylitis|tennis elbow|meniscus)", 2), (@"injur(?:y|ies)", 1)),
        R("chronic-pain", (@"(?:chronic )?pain", 1), (@"pain relief", 2), (@"back pain", 2), (@"fibromyalgia", 3)),
        R("hair-loss", (@"hair loss", 3), (@"alopecia", 3), (@"hair (?:growth|thinning|follicles?)", 2), (@"balding", 2)),
        R("skin-wounds", (@"wounds?", 2), (@"skin", 1), (@"wrinkles?|fine lines", 2), (@"collagen", 1), (@"acne|psoriasis|eczema|scars?", 2)),
        R("erectile-dysfunction", (@"erectile dysfunction", 3), (@"(?-i:ED)", 2), (@"erections?", 2), (@"viagra", 2)),
        R("cancer", (@"cancers?", 3), (@"tumou?rs?", 2), (@"melanoma", 3), (@"chemotherapy", 2), (@"oncolog\w+", 2), (@"leukemia|lymphoma|carcinoma", 3)),
        R("lyme-disease", (@"lyme", 3), (@"borrelia", 3), (@"tick-borne", 2)),
        R("ageing-wellness", (@"(?:anti-)?ag(?:e)?ing", 2), (@"longevity", 2), (@"wellness", 2), (@"fatigue", 1), (@"energy", 1), (@"immun(?:e|ity) (?:system|support|boost\w*)", 1), (@"hangovers?", 2), (@"rejuvenat\w+", 1), (@"vitality", 1)),
    ];

    /// <summary>The IV-infusion terms that name a product rather than a route.</summary>
    private static readonly (Regex Pattern, double Weight)[] InfusionProducts =
        R("products", (@"(?-i:NAD\+?)", 3), (@"(?:high[- ]dose )?vitamin c", 2), (@"myers'? cocktail", 3), (@"drips?", 1), (@"glutathione", 1)).Terms;

    /// <summary>Therapy kinds that clinics give intravenously.</summary>
    private static readonly HashSet<string> GivenIntravenously =
    [
        TherapyType.BoneMarrowMsc, TherapyType.AdiposeMsc, TherapyType.UmbilicalCordMsc, TherapyType.MscNtf, TherapyType.MscExosomes,
        TherapyType.GeneticallyModifiedMsc, TherapyType.NeuralStemCells, SourceTaxonomy.StemCellsUnspecified, SourceTaxonomy.Chelation, SourceTaxonomy.Ozone,
    ];

    private static int Mentions(Regex pattern, string title, string text)
    {
        var mentions = 0;
        for (var m = pattern.Match(text); m.Success && mentions < MaxCountedMentions; m = m.NextMatch()) mentions++;
        return mentions + (pattern.IsMatch(title) ? (int)TitleFactor : 0);
    }

    private static readonly HashSet<string> StemCellTypes =
    [
        TherapyType.BoneMarrowMsc, TherapyType.AdiposeMsc, TherapyType.UmbilicalCordMsc, TherapyType.MscNtf,
        TherapyType.GeneticallyModifiedMsc, TherapyType.NeuralStemCells,
    ];

    /// <summary>Classifies an article from its title and (cleaned) text.</summary>
    public static SourceClassification Classify(string title, string text)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var therapyScores = Score(TherapyRules, title, text, scores);
        var conditionScores = Score(ConditionRules, title, text, scores);

        var therapies = Pick(therapyScores, MaxTherapyKinds);
        // A route is not a therapy: stem cells, exosomes or chelation given "IV" are not an IV infusion product,
        // which then needs a product named (NAD+, vitamin C, a drip, a Myers' cocktail).
        if (therapies.Contains(SourceTaxonomy.IvInfusions) && therapies.Any(GivenIntravenously.Contains)
            && InfusionProducts.Sum(p => Mentions(p.Pattern, title, text) * p.Weight) < Threshold)
            therapies.Remove(SourceTaxonomy.IvInfusions);
        // "Stem cells" with the cell type named once is that type: pages say "stem cells" throughout and the source once.
        if (therapies.Contains(SourceTaxonomy.StemCellsUnspecified) && !therapies.Any(StemCellTypes.Contains))
        {
            var named = therapyScores.Where(s => StemCellTypes.Contains(s.Key) && s.Value >= NamedCellTypeScore)
                .OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key).ToList();
            var at = therapies.IndexOf(SourceTaxonomy.StemCellsUnspecified);
            therapies.InsertRange(at, named);
        }
        // A named cell type says more than "stem cells"; exosome products are described as coming from stem cells.
        if (therapies.Any(StemCellTypes.Contains) || (therapies.Count > 0 && therapies[0] == TherapyType.MscExosomes))
            therapies.Remove(SourceTaxonomy.StemCellsUnspecified);
        if (therapies.Count == 0) therapies.Add(TherapyType.Other);

        return new SourceClassification(therapies, Pick(conditionScores, MaxConditions), scores);
    }

    private static Dictionary<string, double> Score(Rule[] rules, string title, string text, Dictionary<string, double> all)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            double score = 0;
            foreach (var (pattern, weight) in rule.Terms)
            {
                var mentions = 0;
                for (var m = pattern.Match(text); m.Success && mentions < MaxCountedMentions; m = m.NextMatch()) mentions++;
                score += weight * mentions;
                if (pattern.IsMatch(title)) score += weight * TitleFactor;
            }
            if (score > 0)
            {
                scores[rule.Slug] = score;
                all[rule.Slug] = score;
            }
        }
        return scores;
    }

    private static List<string> Pick(Dictionary<string, double> scores, int max)
    {
        if (scores.Count == 0) return [];
        var best = scores.Values.Max();
        return scores
            .Where(s => s.Value >= Threshold && s.Value >= best * RelativeFloor)
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(max)
            .Select(s => s.Key)
            .ToList();
    }
}
