using System.Text.RegularExpressions;
using KnowledgeBase.Domain;
using KnowledgeBase.Linking.Detection;

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

    /// <summary>A weighted term; <paramref name="Anchors"/> are the literals every match of it contains (<see cref="LiteralPrefilter"/> syntax).</summary>
    private sealed record Term(Regex Pattern, double Weight, string Anchors);

    private sealed record Rule(string Slug, Term[] Terms);

    // Compiled: every imported article runs all of them (about 90), and the set is built once per process.
    private static Rule R(string slug, params (string Pattern, double Weight, string Anchors)[] terms) =>
        new(slug, terms.Select(t => new Term(new Regex(@"(?<![\p{L}\p{N}])(?:" + t.Pattern + @")(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled), t.Weight, t.Anchors)).ToArray());

    // Acronyms are matched in capitals only ((?-i:...)): "als" and "ms" are ordinary words in other languages and units.
    private static readonly Rule[] TherapyRules =
    [
        R(TherapyType.BoneMarrowMsc, (@"bone[- ]marrow(?:[- ]derived)?(?: (?:stem|stromal|mesenchymal|concentrate|aspirate)\w*)?", 3, "bone marrow"), (@"(?-i:BMAC|BM-MSCs?|BMSCs?)", 3, "bmac | bm-msc | bmsc")),
        R(TherapyType.AdiposeMsc, (@"adipose(?:[- ]derived)?", 3, "adipose"), (@"fat[- ]derived", 3, "fat derived"), (@"(?-i:SVF|ADSCs?|AD-MSCs?)", 3, "svf | adsc | ad-msc"), (@"stromal vascular fraction", 3, "stromal vascular fraction"), (@"micro-?lipo\w*", 2, "micro lipo")),
        R(TherapyType.UmbilicalCordMsc, (@"umbilical[- ]cord", 3, "umbilical cord"), (@"wharton'?s? jelly", 3, "wharton jelly"), (@"(?-i:UC-?MSCs?|UCMSCs?|UCBSCs?)", 3, "ucmsc | uc-msc | ucbsc"), (@"cord blood", 3, "cord blood"), (@"cord tissue", 3, "cord tissue")),
        R(TherapyType.MscNtf, (@"(?-i:MSC-NTF)", 4, "msc-ntf"), (@"nurown", 4, "nurown"), (@"debamestrocel", 4, "debamestrocel")),
        R(TherapyType.MscExosomes, (@"exosomes?", 3, "exosome"), (@"extracellular vesicles?", 2, "extracellular vesicle")),
        R(TherapyType.GeneticallyModifiedMsc, (@"genetically (?:modified|engineered)", 3, "genetically modified | genetically engineered")),
        R(TherapyType.NeuralStemCells, (@"neural (?:stem|progenitor) cells?", 3, "neural stem cell | neural progenitor cell")),
        R(SourceTaxonomy.StemCellsUnspecified, (@"stem[- ]cells?", 2, "stem cell"), (@"(?-i:MSCs?)", 2, "msc"), (@"mesenchymal", 2, "mesenchymal"), (@"cell therapy", 1, "cell therapy")),
        R(SourceTaxonomy.Prp, (@"(?-i:PRP)", 3, "prp"), (@"platelet[- ]rich plasma", 3, "platelet rich plasma"), (@"platelets?", 1, "platelet")),
        R(SourceTaxonomy.HyperbaricOxygen, (@"hyperbaric", 3, "hyperbaric"), (@"(?-i:HBOT?)", 3, "hbo"), (@"oxygen chambers?", 2, "oxygen chamber")),
        R(SourceTaxonomy.IvInfusions, (@"(?-i:IV)(?: (?:therapy|drips?|infusions?|vitamin\w*|nutrient\w*))?", 2, "iv"), (@"intravenous(?:ly)?", 2, "intravenous"), (@"infusions?", 2, "infusion"), (@"drips?", 1, "drip"),
            (@"(?-i:NAD\+?)", 3, "nad"), (@"(?:high[- ]dose )?vitamin c", 2, "vitamin"), (@"myers'? cocktail", 3, "myers cocktail"), (@"glutathione", 1, "glutathione")),
        R(SourceTaxonomy.Chelation, (@"chelation", 4, "chelation"), (@"(?-i:EDTA)", 3, "edta"), (@"chelat\w+", 2, "chelat")),
        R(SourceTaxonomy.Ozone, (@"ozone", 3, "ozone"), (@"ozonated", 3, "ozonated"), (@"(?-i:O3)", 1, "o3")),
        R(SourceTaxonomy.Peptides, (@"peptides?", 3, "peptide"), (@"(?-i:BPC-?157|TB-?500|GHK-?Cu)", 3, "bpc 157 | tb 500 | ghk"), (@"thymosin", 2, "thymosin")),
        R(SourceTaxonomy.Devices, (@"red[- ]light", 3, "red light"), (@"photobiomodulation", 3, "photobiomodulation"), (@"low[- ]level laser", 3, "low level laser"), (@"(?-i:LLLT|PEMF|ESWT|LiST)", 3, "lllt | pemf | eswt | list"),
            (@"electromagnetic(?: field)?", 3, "electromagnetic"), (@"shock ?waves?", 3, "shock wave"), (@"acoustic wave", 2, "acoustic wave"), (@"(?-i:TENS)", 1, "tens"), (@"gainswave", 3, "gainswave")),
        R(SourceTaxonomy.Supplements, (@"(?-i:CBD)", 3, "cbd"), (@"cannabi\w+", 2, "cannabi"), (@"supplements?", 2, "supplement"), (@"detox\w*", 2, "detox"), (@"cleans\w*", 1, "cleans"), (@"capsules?", 1, "capsule"), (@"herbs?|herbal", 1, "herb"), (@"tinctures?", 1, "tincture")),
        R(SourceTaxonomy.DietProtocols, (@"gerson", 3, "gerson"), (@"(?:keto(?:genic)?|alkaline|raw|juice|elimination|anti-inflammatory) diet", 3, "diet"), (@"diet", 1, "diet"), (@"juices?|juicing", 1, "juic"), (@"coffee enemas?", 2, "coffee enema")),
    ];

    private static readonly Rule[] ConditionRules =
    [
        R("als", (@"(?-i:ALS|MND)", 3, "als | mnd"), (@"amyotrophic lateral sclerosis", 3, "amyotrophic lateral sclerosis"), (@"lou gehrig'?s?", 3, "lou gehrig"), (@"motor neuron disease", 3, "motor neuron disease")),
        R("multiple-sclerosis", (@"multiple sclerosis", 3, "multiple sclerosis"), (@"(?-i:MS)", 2, "ms")),
        R("parkinsons", (@"parkinson'?s?", 3, "parkinson")),
        R("alzheimers-dementia", (@"alzheimer'?s?", 3, "alzheimer"), (@"dementia", 3, "dementia"), (@"cognitive decline", 2, "cognitive decline")),
        R("autism", (@"autis\w+", 3, "autis"), (@"(?-i:ASD)", 3, "asd")),
        R("cerebral-palsy", (@"cerebral palsy", 3, "cerebral palsy"), (@"(?-i:CP)", 2, "cp")),
        R("spinal-cord-injury", (@"spinal cord injur\w+", 3, "spinal cord injur"), (@"(?-i:SCI)", 2, "sci"), (@"paraplegi\w+|quadriplegi\w+|tetraplegi\w+", 2, "plegi")),
        R("stroke", (@"strokes?", 3, "stroke"), (@"ischemic (?:brain|attack)", 1, "ischemic")),
        R("brain-injury", (@"(?:traumatic )?brain injur\w+", 3, "brain injur"), (@"(?-i:TBI)", 3, "tbi"), (@"concussions?", 2, "concussion")),
        R("diabetes", (@"diabet\w+", 3, "diabet"), (@"insulin", 1, "insulin"), (@"blood (?:sugar|glucose)", 1, "blood sugar | blood glucose")),
        R("copd-lung", (@"(?-i:COPD)", 3, "copd"), (@"chronic obstructive pulmonary", 3, "chronic obstructive pulmonary"), (@"emphysema", 2, "emphysema"), (@"lung disease", 2, "lung disease"), (@"pulmonary", 1, "pulmonary")),
        R("kidney-disease", (@"kidney disease", 3, "kidney disease"), (@"(?-i:CKD)", 3, "ckd"), (@"renal (?:failure|disease)", 3, "renal failure | renal disease"), (@"kidney (?:failure|function|damage)", 2, "kidney failure | kidney function | kidney damage")),
        R("heart-disease", (@"heart (?:disease|attacks?|failure)", 3, "heart disease | heart attack | heart failure"), (@"cardiovascular", 2, "cardiovascular"), (@"coronary", 2, "coronary"), (@"arter(?:y|ies)|arterial", 1, "arter"), (@"atherosclerosis|plaque", 2, "atherosclerosis | plaque"), (@"cardiac", 1, "cardiac")),
        R("neuropathy", (@"neuropath\w+", 3, "neuropath"), (@"nerve (?:damage|pain)", 2, "nerve damage | nerve pain")),
        R("joints-sports-injuries", (@"osteoarthritis", 3, "osteoarthritis"), (@"arthritis", 2, "arthritis"), (@"knees?", 2, "knee"), (@"joints?", 2, "joint"), (@"cartilage", 2, "cartilage"), (@"tendon\w*|tendinitis|tendonitis|tendinopathy", 2, "tendon | tendin"),
            (@"ligaments?", 2, "ligament"), (@"sports? (?:injur\w+|medicine)", 3, "sport injur | sport medicine"), (@"(?:rotator cuff|epicondylitis|tennis elbow|meniscus)", 2, "rotator cuff | epicondylitis | tennis elbow | meniscus"), (@"injur(?:y|ies)", 1, "injur")),
        R("chronic-pain", (@"(?:chronic )?pain", 1, "pain"), (@"pain relief", 2, "pain relief"), (@"back pain", 2, "back pain"), (@"fibromyalgia", 3, "fibromyalgia")),
        R("hair-loss", (@"hair loss", 3, "hair loss"), (@"alopecia", 3, "alopecia"), (@"hair (?:growth|thinning|follicles?)", 2, "hair growth | hair thinning | hair follicle"), (@"balding", 2, "balding")),
        R("skin-wounds", (@"wounds?", 2, "wound"), (@"skin", 1, "skin"), (@"wrinkles?|fine lines", 2, "wrinkle | fine line"), (@"collagen", 1, "collagen"), (@"acne|psoriasis|eczema|scars?", 2, "acne | psoriasis | eczema | scar")),
        R("erectile-dysfunction", (@"erectile dysfunction", 3, "erectile dysfunction"), (@"(?-i:ED)", 2, "ed"), (@"erections?", 2, "erection"), (@"viagra", 2, "viagra")),
        R("cancer", (@"cancers?", 3, "cancer"), (@"tumou?rs?", 2, "tumor | tumour"), (@"melanoma", 3, "melanoma"), (@"chemotherapy", 2, "chemotherapy"), (@"oncolog\w+", 2, "oncolog"), (@"leukemia|lymphoma|carcinoma", 3, "leukemia | lymphoma | carcinoma")),
        R("lyme-disease", (@"lyme", 3, "lyme"), (@"borrelia", 3, "borrelia"), (@"tick-borne", 2, "tick-borne")),
        R("ageing-wellness", (@"(?:anti-)?ag(?:e)?ing", 2, "aging | ageing"), (@"longevity", 2, "longevity"), (@"wellness", 2, "wellness"), (@"fatigue", 1, "fatigue"), (@"energy", 1, "energy"), (@"immun(?:e|ity) (?:system|support|boost\w*)", 1, "immun system | immun support | immun boost"), (@"hangovers?", 2, "hangover"), (@"rejuvenat\w+", 1, "rejuvenat"), (@"vitality", 1, "vitality")),
    ];

    /// <summary>The IV-infusion terms that name a product rather than a route.</summary>
    private static readonly Term[] InfusionProducts =
        R("products", (@"(?-i:NAD\+?)", 3, "nad"), (@"(?:high[- ]dose )?vitamin c", 2, "vitamin"), (@"myers'? cocktail", 3, "myers cocktail"), (@"drips?", 1, "drip"), (@"glutathione", 1, "glutathione")).Terms;

    // One pass of each prefilter over the text (and the title) tells which terms' anchors occur; only their regexes run
    // (decision 0051). A term whose anchors are missing has no match, so it adds nothing to its score either way.
    // Both lists' 155 terms share three prefilters: a text is scanned three times, not four.
    private static readonly TermPrefilter AllTerms = new([.. TherapyRules, .. ConditionRules]);
    private static readonly int FirstConditionTerm = TherapyRules.Sum(r => r.Terms.Length);

    /// <summary>Therapy kinds that clinics give intravenously.</summary>
    private static readonly HashSet<string> GivenIntravenously =
    [
        TherapyType.BoneMarrowMsc, TherapyType.AdiposeMsc, TherapyType.UmbilicalCordMsc, TherapyType.MscNtf, TherapyType.MscExosomes,
        TherapyType.GeneticallyModifiedMsc, TherapyType.NeuralStemCells, SourceTaxonomy.StemCellsUnspecified, SourceTaxonomy.Chelation, SourceTaxonomy.Ozone,
    ];

    private static int Mentions(Regex pattern, string title, string text) =>
        CountMentions(pattern, text) + (pattern.IsMatch(title) ? (int)TitleFactor : 0);

    /// <summary>How many times <paramref name="pattern"/> matches <paramref name="text"/>, at most <see cref="MaxCountedMentions"/>.</summary>
    private static int CountMentions(Regex pattern, string text)
    {
        var mentions = 0;
        foreach (var _ in pattern.EnumerateMatches(text))
        {
            if (++mentions == MaxCountedMentions) break;
        }
        return mentions;
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
        Span<ulong> inText = stackalloc ulong[AllTerms.Filters.Length];
        Span<ulong> inTitle = stackalloc ulong[AllTerms.Filters.Length];
        AllTerms.Scan(text, inText);
        AllTerms.Scan(title, inTitle);
        var therapyScores = Score(TherapyRules, 0, inText, inTitle, title, text, scores);
        var conditionScores = Score(ConditionRules, FirstConditionTerm, inText, inTitle, title, text, scores);

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

    /// <summary>The rules' scores; their first term is term <paramref name="index"/> of <see cref="AllTerms"/>, whose scans of the text and title are given.</summary>
    private static Dictionary<string, double> Score(Rule[] rules, int index, ReadOnlySpan<ulong> inText, ReadOnlySpan<ulong> inTitle, string title, string text, Dictionary<string, double> all)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            double score = 0;
            foreach (var (pattern, weight, _) in rule.Terms)
            {
                var bit = 1UL << (index % LiteralPrefilterCapacity);
                if ((inText[index / LiteralPrefilterCapacity] & bit) != 0) score += weight * CountMentions(pattern, text);
                if ((inTitle[index / LiteralPrefilterCapacity] & bit) != 0 && pattern.IsMatch(title)) score += weight * TitleFactor;
                index++;
            }
            if (score > 0)
            {
                scores[rule.Slug] = score;
                all[rule.Slug] = score;
            }
        }
        return scores;
    }

    /// <summary>How many regexes one <see cref="LiteralPrefilter"/> takes.</summary>
    private const int LiteralPrefilterCapacity = 64;

    /// <summary>The rules' terms, in order, in prefilters of up to 64 terms each: term k is bit k % 64 of prefilter k / 64.</summary>
    private sealed class TermPrefilter
    {
        public TermPrefilter(Rule[] rules)
        {
            var terms = rules.SelectMany(r => r.Terms).Select(t => (t.Pattern, (string?)t.Anchors)).ToList();
            Filters = [.. terms.Chunk(LiteralPrefilterCapacity).Select(chunk => new LiteralPrefilter(chunk))];
        }

        public LiteralPrefilter[] Filters { get; }

        /// <summary>Sets, per prefilter, the bits of the terms that may match <paramref name="text"/>.</summary>
        public void Scan(string text, Span<ulong> masks)
        {
            for (var f = 0; f < Filters.Length; f++) masks[f] = Filters[f].Scan(text);
        }
    }

    /// <summary>Every term's regex with its anchors, in scoring order (for the tests that guard the anchors).</summary>
    internal static IReadOnlyList<(Regex Pattern, string Anchors)> AnchoredTerms =>
        [.. TherapyRules.Concat(ConditionRules).SelectMany(r => r.Terms).Concat(InfusionProducts).Select(t => (t.Pattern, t.Anchors))];

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
