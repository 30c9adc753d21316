using System.Text.RegularExpressions;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Classification;

/// <summary>
/// Derives the normalised browsing facets of a study or trial from its free-text fields (cell source,
/// route, kind and design, phase, status). Pure: text in, values out. The originals stay untouched and
/// are what detail pages show; these values only drive filters, counts and the evidence map.
/// <para>Bump <see cref="Version"/> whenever a rule changes: start-up re-derives every row stored with an
/// older version, so the stored columns never disagree with the rules.</para>
/// </summary>
public static partial class FacetClassifier
{
    /// <summary>The rules' version, stored with each row's facets.</summary>
    public const int Version = 1;

    private static readonly (Func<Regex> Pattern, CellSourceFacets Value)[] CellSourceRules =
    [
        (BoneMarrowPattern, CellSourceFacets.BoneMarrow),
        (AdiposePattern, CellSourceFacets.Adipose),
        (UmbilicalCordPattern, CellSourceFacets.UmbilicalCord),
        (PlacentaPattern, CellSourceFacets.Placenta),
        (PeripheralBloodPattern, CellSourceFacets.PeripheralBlood),
        (VariousPattern, CellSourceFacets.Various),
    ];

    private static readonly (Func<Regex> Pattern, RouteFacets Value)[] RouteRules =
    [
        (IntrathecalPattern, RouteFacets.Intrathecal),
        (IntravenousPattern, RouteFacets.Intravenous),
        (IntramuscularPattern, RouteFacets.Intramuscular),
        (IntraspinalPattern, RouteFacets.Intraspinal),
        (IntracerebralPattern, RouteFacets.Intracerebral),
        (VariousPattern, RouteFacets.Various),
    ];

    /// <summary>Sets a study's facet columns from its text fields.</summary>
    public static void Apply(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        study.CellSourceFacet = CellSources(study.CellSource);
        study.RouteFacet = Routes(study.Route);
        study.EvidenceLevel = EvidenceLevelOf(study.Kind, study.Design);
        study.PhaseFacet = StudyPhase(study.Kind, study.PhaseText);
        study.FacetsVersion = Version;
    }

    /// <summary>Sets a trial's facet columns; cell source and route come from its intervention text.</summary>
    public static void Apply(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.CellSourceFacet = CellSources(trial.Intervention, unmatched: CellSourceFacets.NotStated);
        trial.RouteFacet = Routes(trial.Intervention, unmatched: RouteFacets.NotStated);
        trial.EvidenceLevel = TrialDesign(trial.Design);
        trial.StatusFacet = TrialStatus(trial.Status);
        trial.FacetsVersion = Version;
    }

    /// <summary>
    /// Every cell source named in <paramref name="text"/>; <see cref="CellSourceFacets.NotStated"/> when empty,
    /// <paramref name="unmatched"/> (by default <see cref="CellSourceFacets.Other"/>) when it names none we know.
    /// </summary>
    public static CellSourceFacets CellSources(string? text, CellSourceFacets unmatched = CellSourceFacets.Other)
    {
        if (string.IsNullOrWhiteSpace(text)) return CellSourceFacets.NotStated;
        var found = CellSourceRules.Where(r => r.Pattern().IsMatch(text)).Aggregate(CellSourceFacets.None, (all, r) => all | r.Value);
        return found == CellSourceFacets.None ? unmatched : found;
    }

    /// <summary>Every route named in <paramref name="text"/>, with the same fallbacks as <see cref="CellSources"/>.</summary>
    public static RouteFacets Routes(string? text, RouteFacets unmatched = RouteFacets.Other)
    {
        if (string.IsNullOrWhiteSpace(text)) return RouteFacets.NotStated;
        var found = RouteRules.Where(r => r.Pattern().IsMatch(text)).Aggregate(RouteFacets.None, (all, r) => all | r.Value);
        return found == RouteFacets.None ? unmatched : found;
    }

    /// <summary>
    /// The evidence level of a publication: registry records, reviews and press releases/regulatory
    /// decisions/surveys by kind; a trial report, protocol or observational study by its design
    /// (case report or series; randomised unless the design says "non-randomised"/"not randomized";
    /// otherwise non-randomised); not stated when such a study has no design.
    /// </summary>
    public static EvidenceLevel EvidenceLevelOf(StudyKind kind, string? design) => kind switch
    {
        StudyKind.RegistryRecord => EvidenceLevel.RegistryRecord,
        StudyKind.SystematicReview or StudyKind.NarrativeReview => EvidenceLevel.Review,
        StudyKind.TrialReport or StudyKind.TrialProtocol or StudyKind.ObservationalStudy => FromDesign(design),
        _ => EvidenceLevel.PressReleaseOrOther,
    };

    /// <summary>A registered trial's design: randomised, non-randomised, or not stated.</summary>
    public static EvidenceLevel TrialDesign(string? design) =>
        FromDesign(design) is EvidenceLevel.CaseReportOrSeries ? EvidenceLevel.NonRandomised : FromDesign(design);

    /// <summary>The phase of a trial publication (report, protocol, registry record); null for other kinds or no phase.</summary>
    public static TrialPhase? StudyPhase(StudyKind kind, string? phaseText) =>
        kind is StudyKind.TrialReport or StudyKind.TrialProtocol or StudyKind.RegistryRecord ? PhaseText.Parse(phaseText) : null;

    /// <summary>A trial's status in ClinicalTrials.gov's words ("Active, not recruiting", "ACTIVE_NOT_RECRUITING").</summary>
    public static TrialStatusFacet TrialStatus(string? status)
    {
        if (string.IsNullOrWhiteSpace(status)) return TrialStatusFacet.NotStated;
        var words = NonLetters().Replace(status.ToLowerInvariant(), " ").Trim();
        return words switch
        {
            "not yet recruiting" => TrialStatusFacet.NotYetRecruiting,
            "recruiting" => TrialStatusFacet.Recruiting,
            "enrolling by invitation" => TrialStatusFacet.EnrollingByInvitation,
            "active not recruiting" => TrialStatusFacet.ActiveNotRecruiting,
            "suspended" => TrialStatusFacet.Suspended,
            "terminated" => TrialStatusFacet.Terminated,
            "completed" => TrialStatusFacet.Completed,
            "withdrawn" => TrialStatusFacet.Withdrawn,
            _ => TrialStatusFacet.Unknown,
        };
    }

    private static EvidenceLevel FromDesign(string? design)
    {
        if (string.IsNullOrWhiteSpace(design)) return EvidenceLevel.NotStated;
        if (CaseSeriesPattern().IsMatch(design)) return EvidenceLevel.CaseReportOrSeries;
        var randomised = RandomisedPattern().IsMatch(NotRandomisedPattern().Replace(design, " "));
        return randomised ? EvidenceLevel.RandomisedControlled : EvidenceLevel.NonRandomised;
    }

    [GeneratedRegex(@"bone[\s-]*marrow|\bBM-?MSCs?\b|\bBMSCs?\b|iliac\s+crest", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BoneMarrowPattern();

    [GeneratedRegex(@"adipose|\bfat\b|lipoaspirate|\bAD-?MSCs?\b|\bADSCs?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdiposePattern();

    [GeneratedRegex(@"umbilical|wharton|cord\s+blood|\bUC-?MSCs?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UmbilicalCordPattern();

    [GeneratedRegex(@"placent|amnio|chorion", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlacentaPattern();

    [GeneratedRegex(@"peripheral\s+blood|\bPB-?MSCs?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeripheralBloodPattern();

    // Only a value that starts so: "bone marrow (mixed with CSF)" is bone marrow.
    [GeneratedRegex(@"^\W*(?:various|mixed|multiple|several)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VariousPattern();

    // "IT", "IV" and "IM" only in capitals: "it" is a pronoun.
    [GeneratedRegex(@"(?i:intrathecal|lumbar\s+puncture)|\bIT\b", RegexOptions.CultureInvariant)]
    private static partial Regex IntrathecalPattern();

    [GeneratedRegex(@"(?i:intravenous)|\bIV\b", RegexOptions.CultureInvariant)]
    private static partial Regex IntravenousPattern();

    [GeneratedRegex(@"(?i:intramuscular)|\bIM\b", RegexOptions.CultureInvariant)]
    private static partial Regex IntramuscularPattern();

    [GeneratedRegex(@"intraspinal|intramedullary|spinal\s+cord\s+(?:implant|inject)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntraspinalPattern();

    [GeneratedRegex(@"intracerebral|intraventricular|intracerebroventricular|\bICV\b|stereotactic", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntracerebralPattern();

    [GeneratedRegex(@"case\s+(?:report|series)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseSeriesPattern();

    [GeneratedRegex(@"randomi[sz]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RandomisedPattern();

    [GeneratedRegex(@"\b(?:non|not|un)[\s-]*randomi[sz]\w*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotRandomisedPattern();

    [GeneratedRegex(@"[^a-z]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonLetters();
}
