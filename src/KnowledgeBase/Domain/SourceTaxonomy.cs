namespace KnowledgeBase.Domain;

/// <summary>One value of a source classification: a stable slug (used in URLs and stored on sources) and its name.</summary>
public sealed record TaxonomyEntry(string Slug, string Name);

/// <summary>
/// The closed vocabularies sources are classified by: the kind of therapy an article sells and the condition
/// it is about. The therapy kinds start with the eight study therapy types (same slugs, so a source's
/// "adipose-msc" is the studies page's "adipose-msc") and extend them to the other therapies clinics market.
/// Slugs are stored on sources: never rename one, add a new one instead.
/// </summary>
public static class SourceTaxonomy
{
    public const string StemCellsUnspecified = "stem-cells";
    public const string Prp = "prp";
    public const string HyperbaricOxygen = "hyperbaric-oxygen";
    public const string IvInfusions = "iv-infusions";
    public const string Chelation = "chelation";
    public const string Ozone = "ozone";
    public const string Peptides = "peptides";
    public const string Devices = "devices";
    public const string Supplements = "supplements";
    public const string DietProtocols = "diet-protocols";

    /// <summary>Therapy kinds, in display order; the study therapy types first, "other" last.</summary>
    public static IReadOnlyList<TaxonomyEntry> TherapyKinds { get; } =
    [
        .. TherapyType.Taxonomy.Where(t => t.Slug != TherapyType.Other).Select(t => new TaxonomyEntry(t.Slug, t.Name)),
        new(StemCellsUnspecified, "Stem cells (type not stated)"),
        new(Prp, "Platelet-rich plasma (PRP)"),
        new(HyperbaricOxygen, "Hyperbaric oxygen"),
        new(IvInfusions, "IV infusions (NAD+, vitamins, high-dose vitamin C)"),
        new(Chelation, "Chelation"),
        new(Ozone, "Ozone"),
        new(Peptides, "Peptides"),
        new(Devices, "Light, electromagnetic and shockwave devices"),
        new(Supplements, "Supplements (CBD, detox...)"),
        new(DietProtocols, "Diet protocols"),
        new(TherapyType.Other, "Other therapy"),
    ];

    /// <summary>Conditions, in display order.</summary>
    public static IReadOnlyList<TaxonomyEntry> Conditions { get; } =
    [
        new("als", "ALS / motor neuron disease"),
        new("multiple-sclerosis", "Multiple sclerosis"),
        new("parkinsons", "Parkinson's disease"),
        new("alzheimers-dementia", "Alzheimer's / dementia"),
        new("autism", "Autism"),
        new("cerebral-palsy", "Cerebral palsy"),
        new("spinal-cord-injury", "Spinal cord injury"),
        new("stroke", "Stroke"),
        new("brain-injury", "Traumatic brain injury"),
        new("diabetes", "Diabetes"),
        new("copd-lung", "COPD / lung disease"),
        new("kidney-disease", "Kidney disease"),
        new("heart-disease", "Heart and vascular disease"),
        new("neuropathy", "Neuropathy"),
        new("joints-sports-injuries", "Joint osteoarthritis and sports injuries"),
        new("chronic-pain", "Chronic pain"),
        new("hair-loss", "Hair loss"),
        new("skin-wounds", "Skin and wounds"),
        new("erectile-dysfunction", "Erectile dysfunction"),
        new("cancer", "Cancer"),
        new("lyme-disease", "Lyme disease"),
        new("ageing-wellness", "Ageing / wellness"),
    ];

    private static readonly Dictionary<string, TaxonomyEntry> TherapyBySlug = TherapyKinds.ToDictionary(t => t.Slug, StringComparer.Ordinal);
    private static readonly Dictionary<string, TaxonomyEntry> ConditionBySlug = Conditions.ToDictionary(t => t.Slug, StringComparer.Ordinal);

    public static TaxonomyEntry? FindTherapyKind(string slug) => TherapyBySlug.GetValueOrDefault(slug);

    public static TaxonomyEntry? FindCondition(string slug) => ConditionBySlug.GetValueOrDefault(slug);

    /// <summary>Display position of a therapy kind (unknown slugs last).</summary>
    public static int TherapyOrder(string slug) => IndexOf(TherapyKinds, slug);

    public static int ConditionOrder(string slug) => IndexOf(Conditions, slug);

    private static int IndexOf(IReadOnlyList<TaxonomyEntry> list, string slug)
    {
        for (var i = 0; i < list.Count; i++) if (list[i].Slug == slug) return i;
        return int.MaxValue;
    }
}
