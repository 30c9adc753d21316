using System.Globalization;
using System.Text.RegularExpressions;
using KnowledgeBase.Domain;
using KnowledgeBase.Linking;

namespace KnowledgeBase.Retrieval;

/// <summary>What kind of evidence a claim speaks of, read from its wording (several may hold).</summary>
[Flags]
public enum ClaimCue
{
    None = 0,

    /// <summary>Approval, clearance or a regulator: "not yet FDA-approved", "close to receiving approval".</summary>
    Approval = 1,

    /// <summary>Work still going on: "ongoing studies", "trials are in progress", "currently recruiting".</summary>
    Ongoing = 2,

    /// <summary>The research as a whole: "many studies have found", "research has demonstrated", "clinical studies have been conducted".</summary>
    ResearchInGeneral = 4,
}

/// <summary>
/// The wording of a claim that says which kind of record an expert would look for, and the records of that kind
/// (decision 0024). An expert reading "not yet FDA-approved" reaches for the regulator's decision, "ongoing studies"
/// for registered trials still running, "many studies have found" for a review, and "in 2003" for the work of that
/// year. These re-order the records already relevant to the claim; they select nothing by themselves.
/// </summary>
public static partial class RecordTypeCues
{
    /// <summary>The cues in <paramref name="text"/>.</summary>
    public static ClaimCue Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return ClaimCue.None;
        var cues = ClaimCue.None;
        if (ApprovalPattern().IsMatch(text)) cues |= ClaimCue.Approval;
        if (OngoingPattern().IsMatch(text)) cues |= ClaimCue.Ongoing;
        if (ResearchPattern().IsMatch(text)) cues |= ClaimCue.ResearchInGeneral;
        return cues;
    }

    /// <summary>
    /// Years from 1950 to 2049 written in <paramref name="text"/> as a date ("in 2003", "since 2003"), when the text
    /// speaks of a study, trial or publication: "since 2003, clinical studies..." dates the research, while "incidence
    /// rose since 1979" or "from 2009 to 2014" dates what the research measured. Never a count or part of an identifier.
    /// </summary>
    public static IReadOnlyList<int> Years(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !ResearchNounPattern().IsMatch(text)) return [];
        return [.. YearPattern().Matches(text)
            .Where(m => !RangePattern().IsMatch(text[(m.Index + m.Length)..]))
            .Select(m => int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture))
            .Distinct()];
    }

    /// <summary>The cue among <paramref name="cues"/> that <paramref name="record"/> answers, if any (the first in flag order).</summary>
    public static ClaimCue Answered(ClaimCue cues, EvidenceCandidate record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (cues.HasFlag(ClaimCue.Approval) && record.Publication == StudyKind.RegulatoryDecision) return ClaimCue.Approval;
        if (cues.HasFlag(ClaimCue.Ongoing) && record.Ongoing) return ClaimCue.Ongoing;
        if (cues.HasFlag(ClaimCue.ResearchInGeneral) && record.Publication is StudyKind.SystematicReview or StudyKind.NarrativeReview) return ClaimCue.ResearchInGeneral;
        return ClaimCue.None;
    }

    /// <summary>The reason shown for a record that answers <paramref name="cue"/>.</summary>
    public static string Reason(ClaimCue cue) => cue switch
    {
        ClaimCue.Approval => "a regulatory decision, and the claim speaks of approval",
        ClaimCue.Ongoing => "a trial still under way, and the claim speaks of ongoing studies",
        ClaimCue.ResearchInGeneral => "a review, and the claim speaks of the research as a whole",
        _ => throw new ArgumentOutOfRangeException(nameof(cue), cue, "one cue"),
    };

    [GeneratedRegex(@"\b(?:approv(?:al|als|ed|e)|FDA|EMA|MHRA|regulatory\s+(?:approval|authorit(?:y|ies)|agenc(?:y|ies)|review|decision|submission)|(?:FDA|510\(k\))\s+clearance|cleared\s+by\s+the|market(?:ing)?\s+authori[sz]ation|licen[sc]ed\s+(?:for|in|by)|orphan(?:\s+drug)?\s+designation|breakthrough\s+therapy|BLA)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApprovalPattern();

    [GeneratedRegex(@"\b(?:ongoing|underway|under\s+way|in\s+progress|(?:currently|now|still)\s+(?:recruiting|enrolling|being\s+(?:tested|studied|evaluated|investigated))|are\s+(?:now\s+)?(?:recruiting|enrolling)|not\s+yet\s+(?:complete|completed|finished|published))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OngoingPattern();

    [GeneratedRegex(@"\b(?:(?:many|several|numerous|multiple|various|most|some|other|recent|previous|clinical|preclinical)\s+(?:\w+\s+)?(?:studies|trials|reports)|(?:studies|trials|research|evidence|the\s+literature)\s+(?:has|have)\s+(?:\w+\s+)?(?:shown|found|demonstrated|reported|suggested|been)|(?:research|evidence|studies)\s+(?:shows?|suggests?|indicates?|demonstrates?)|a\s+(?:growing\s+)?body\s+of\s+(?:research|evidence))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResearchPattern();

    [GeneratedRegex(@"\b(?:stud(?:y|ies)|trials?|research|paper|publication|published|report(?:ed)?|review|investigat\w*|experiment\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResearchNounPattern();

    // What follows the first year of a range: "2009 to 2014", "2009-2014", "2009 through 2014".
    [GeneratedRegex(@"^\s*(?:to|through|until|and|[-–])\s*(?:19|20)\d\d\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();

    // A year as a date: after "in", "since", "from", "by", "until", "of", "year", or a month; never before "patients" or a unit.
    [GeneratedRegex(@"\b(?:in|since|from|by|until|of|year|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)\s+(?:the\s+year\s+)?(?<year>19[5-9]\d|20[0-4]\d)\b(?!\s*(?:patients|participants|people|subjects|cases|cells|mg|ml|kg))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();
}
