using System.Globalization;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Linking.TrialComparison;

/// <summary>What a claim's words say about a trial's status.</summary>
public enum StatedStatus
{
    Ongoing,
    Completed,
    Stopped,
}

/// <summary>What a claim says about approval.</summary>
public enum ApprovalStatement
{
    /// <summary>"FDA approved", "has been approved": a marketing approval.</summary>
    Approved,

    /// <summary>"not yet FDA-approved".</summary>
    NotApproved,

    /// <summary>"approved for a Phase 3 trial", "cleared to start": permission to run a trial, not a marketing approval.</summary>
    TrialAuthorised,

    /// <summary>"will soon be approved", "clearance is anticipated", "close to receiving approval".</summary>
    Expected,
}

/// <summary>A number of people the claim says took part ("263 patients", "enrolled 48", "5 out of 9 patients": 9).</summary>
public sealed record StatedCount(int Value, string Text);

/// <summary>
/// What one claim states, read from its words: phases, counts of people, status words, approval and
/// designation wording, efficacy assertions and percentages with what they measure. Pure; a claim that says
/// nothing on an aspect leaves it empty.
/// </summary>
public sealed partial record ClaimReading
{
    public IReadOnlyList<PhaseMention> Phases { get; init; } = [];

    /// <summary>The words that gave the phase, as written ("Phase 3b", "last phase of testing").</summary>
    public IReadOnlyList<string> PhaseWords { get; init; } = [];

    public IReadOnlyList<StatedCount> Counts { get; init; } = [];
    public (StatedStatus Status, string Words)? Status { get; init; }
    public IReadOnlyList<(ApprovalStatement Kind, string Words)> Approvals { get; init; } = [];

    /// <summary>The designation words ("designated it as an orphan drug") and the jurisdictions named with them.</summary>
    public (string Words, IReadOnlyList<string> Jurisdictions)? Designation { get; init; }

    /// <summary>An unhedged statement that the treatment worked ("has shown significant delay in rate of disease progression").</summary>
    public string? EfficacyAssertion { get; init; }

    /// <summary>An unhedged statement of any result (efficacy, safety, a figure): what "no results" contradicts.</summary>
    public string? ResultStatement { get; init; }

    public IReadOnlyList<Figure> Figures { get; init; } = [];

    /// <summary>Durations stated with survival ("surviving for five to seven years").</summary>
    public IReadOnlyList<string> SurvivalDurations { get; init; } = [];

    /// <summary>Product, code and sponsor names the claim gives.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    public static ClaimReading Read(string claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var text = claim.Replace('\u00a0', ' ');
        var hedged = HedgePattern().IsMatch(text);

        var phases = PhaseMention.FindAll(text).ToList();
        var phaseWords = phases.Select(p => p.Text).ToList();
        if (LateStagePattern().Match(text) is { Success: true } late)
        {
            phases.Add(new PhaseMention(3, 3, null, false, "phase 3"));
            phaseWords.Add(late.Value);
        }

        var efficacy = EfficacyPattern().Match(text);
        var efficacyWords = efficacy.Success && !hedged ? TextClauses.Around(text, efficacy.Index) : null;
        var figures = TextClauses.Figures(text);
        var reported = ReportedPattern().Match(text);
        var resultStatement = efficacyWords
            ?? (hedged ? null : figures.FirstOrDefault(f => f.Measure != FigureMeasure.Unknown) is { } f ? TextClauses.Around(text, text.IndexOf(f.Text, StringComparison.Ordinal)) : null)
            ?? (reported.Success && !hedged ? TextClauses.Around(text, reported.Index) : null);

        return new ClaimReading
        {
            Phases = phases,
            PhaseWords = phaseWords,
            Counts = ReadCounts(text),
            Status = ReadStatus(text),
            Approvals = ReadApprovals(text),
            Designation = DesignationPattern().Match(text) is { Success: true } d ? (TextClauses.Around(text, d.Index), Jurisdictions.In(text)) : null,
            EfficacyAssertion = efficacyWords,
            ResultStatement = resultStatement,
            Figures = figures,
            SurvivalDurations = [.. SurvivalDurationPattern().Matches(text).Select(m => m.Groups["d"].Value.Trim())],
            Names = ProductAliases.Find(text),
        };
    }

    private static List<StatedCount> ReadCounts(string text)
    {
        var counts = new List<StatedCount>();
        // "5 out of 9 patients" counts 9 took part; "13 of the patients" is a subset of an unstated number.
        var rest = SubsetPattern().Replace(text, m =>
        {
            if (m.Groups["total"].Success) counts.Add(new StatedCount(Number(m.Groups["total"].Value), m.Value.Trim()));
            return new string(' ', m.Length);
        });
        foreach (Match m in CountPattern().Matches(rest))
        {
            var group = m.Groups["n"].Success ? m.Groups["n"] : m.Groups["m"];
            var value = Number(group.Value);
            if (value is >= 1900 and <= 2099) continue;
            counts.Add(new StatedCount(value, m.Value.Trim()));
        }
        return counts;
    }

    private static int Number(string digits) => int.Parse(digits.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture);

    private static (StatedStatus, string)? ReadStatus(string text)
    {
        if (StoppedPattern().Match(text) is { Success: true } s) return (StatedStatus.Stopped, s.Value);
        if (CompletedPattern().Match(text) is { Success: true } c) return (StatedStatus.Completed, c.Value);
        if (OngoingPattern().Match(text) is { Success: true } o) return (StatedStatus.Ongoing, o.Value);
        return null;
    }

    private static List<(ApprovalStatement, string)> ReadApprovals(string text)
    {
        var found = new List<(ApprovalStatement, string)>();
        var taken = new bool[text.Length];
        void Take(Regex pattern, ApprovalStatement kind)
        {
            foreach (Match m in pattern.Matches(text))
            {
                if (Enumerable.Range(m.Index, m.Length).Any(i => taken[i])) continue;
                for (var i = m.Index; i < m.Index + m.Length; i++) taken[i] = true;
                found.Add((kind, m.Value.Trim()));
            }
        }
        // Most specific first: "not yet approved" and "approved for Phase 3b" must not read as "approved".
        Take(NotApprovedPattern(), ApprovalStatement.NotApproved);
        Take(TrialAuthorisedPattern(), ApprovalStatement.TrialAuthorised);
        Take(ExpectedPattern(), ApprovalStatement.Expected);
        Take(ApprovedPattern(), ApprovalStatement.Approved);
        return found;
    }

    [GeneratedRegex(@"\b(?:potential(?:ly)?|may|might|could|suggests?|possibl[ey]|hopes?|hoped|promis\w*|animals?|mice|preclinical|models?|whether)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HedgePattern();

    [GeneratedRegex(@"\blate[- ]stage\s+(?:trials?|testing|clinical|studies|study|development)\b|\b(?:last|final)\s+phase\s+of\s+(?:testing|trials?|clinical\s+\w+|development)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LateStagePattern();

    [GeneratedRegex(@"\b(?:significant(?:ly)?\s+(?:delay\w*|slow\w*|improv\w*|reduc\w*|benefit\w*|decreas\w*|extend\w*|prolong\w*)|(?:shown|proven|proved)\s+(?:to\s+be\s+)?effective|\bis\s+effective|(?:slows?|slowed|halts?|halted|stops?|stopped|reverses?|reversed)\s+(?:the\s+)?(?:disease|ALS|progression)|delay\w*\s+(?:in\s+)?(?:the\s+)?(?:rate\s+of\s+)?(?:disease\s+)?progression|improvements?\s+in\s+(?:the\s+)?(?:functional|ALSFRS|motor|function))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EfficacyPattern();

    [GeneratedRegex(@"\b(?:has|have)\s+shown\b|\b(?:found|demonstrated|proven|showed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReportedPattern();

    [GeneratedRegex(@"\b(?<part>\d+)\s+(?:\(\s*or\s+\d+%\s*\)\s+)?(?:out\s+)?of\s+(?:the\s+)?(?:(?<total>\d[\d,]*)\s+)?(?:\w+\s+)?(?:patients|participants|subjects|people|individuals|persons)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubsetPattern();

    [GeneratedRegex(@"(?<![\w.%])(?<n>\d[\d,]*)(?:\s*-\s*|\s+)(?:(?!\d)[\w'’]+\s+){0,2}?(?:patients|participants|subjects|people|volunteers|individuals|persons|patient\s+study|participant\s+study)\b(?!\s*%)|\b(?:enrolled|enrolling|recruited|randomi[sz]ed|included|treated)\s+(?<m>\d[\d,]*)\b(?!\s*(?:%|days?|weeks?|months?|years?))(?:\s+(?:(?!\d)[\w'’]+\s+){0,2}?(?:patients|participants|subjects|people|volunteers|individuals|persons)\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"\b(?:terminated|halted|discontinued|withdrawn|suspended)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StoppedPattern();

    [GeneratedRegex(@"\b(?:trials?|study|studies)\s+(?:was|were|has\s+been|have\s+been)\s+(?:completed|finished|concluded)\b|\bcompleted\s+(?:trials?|study|studies)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CompletedPattern();

    [GeneratedRegex(@"\b(?:ongoing|underway|under\s+way|in\s+progress|currently\s+(?:recruiting|enrolling|running)|still\s+recruiting|now\s+recruiting|(?:are|is)\s+now\s+in\s+phase)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OngoingPattern();

    [GeneratedRegex(@"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:(?:FDA|EMA|MFDS)[- ])?approved\b|\bunapproved\b|\bno\s+(?:\w+\s+)?approval\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotApprovedPattern();

    [GeneratedRegex(@"\b(?:approved|cleared|authori[sz]ed)\s+(?:for|to\s+(?:start|begin|enter|initiate|proceed\s+(?:to|with)))\s+(?:a\s+|the\s+)?(?:phase[\s-]*\w+|(?:pivotal\s+|clinical\s+)?trials?|stud(?:y|ies)|testing)(?:\s+of\s+the\s+clinical\s+trial|\s+trial)?|\bclearance\s+(?:to|for)\s+(?:start|begin|initiate|a\s+phase|the\s+phase|phase)\b|\bIND\s+(?:clearance|cleared|approved)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrialAuthorisedPattern();

    [GeneratedRegex(@"\b(?:will|would|should|could|may|to)\s+(?:soon\s+|shortly\s+|likely\s+)?(?:be\s+)?(?:approved|cleared|included\s+in\s+(?:the\s+)?mainstream\s+treatment)|\bclose\s+to\s+(?:receiving\s+|getting\s+|gaining\s+|winning\s+)?(?:\w+\s+)?(?:approval|clearance)|\b(?:approval|clearance)\s+(?:is\s+|was\s+)?(?:anticipated|expected|imminent|likely|on\s+the\s+horizon)|\b(?:anticipated|expected|imminent)\s+(?:\w+\s+)?(?:approval|clearance)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExpectedPattern();

    [GeneratedRegex(@"\b(?:FDA|EMA|MFDS|KFDA)[- ]approved\b|\b(?:has|have|had|was|were|is|are)\s+(?:been\s+|now\s+)?(?:fully\s+|officially\s+)?approved\b|\breceived\s+(?:\w+\s+)?(?:approval|clearance)\b|\bapproved\s+(?:treatment|therapy|drug|product|by\s+the)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApprovedPattern();

    [GeneratedRegex(@"\borphan[- ]drug\b|\borphan\s+(?:status|designation)\b|\bbreakthrough\s+therapy\b|\bfast[- ]track\b|\bRMAT\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DesignationPattern();

    [GeneratedRegex(@"\bsurviv\w*\s+(?:for\s+)?(?<d>(?:\w+|\d+(?:\.\d+)?)(?:\s+(?:to|-|–)\s+(?:\w+|\d+(?:\.\d+)?))?\s+years)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SurvivalDurationPattern();
}

/// <summary>Regulators' jurisdictions named in a text ("the USA", "FDA", "Europe", "South Korea").</summary>
internal static partial class Jurisdictions
{
    public const string UnitedStates = "the USA";
    public const string Europe = "Europe";
    public const string Korea = "South Korea";
    public const string Japan = "Japan";

    public static IReadOnlyList<string> In(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var found = new List<string>();
        if (UsPattern().IsMatch(text)) found.Add(UnitedStates);
        if (EuPattern().IsMatch(text)) found.Add(Europe);
        if (KoreaPattern().IsMatch(text)) found.Add(Korea);
        if (JapanPattern().IsMatch(text)) found.Add(Japan);
        return found;
    }

    [GeneratedRegex(@"\b(?:USA|U\.S\.A?\.?|US|United\s+States|America|American|FDA)\b", RegexOptions.CultureInvariant)]
    private static partial Regex UsPattern();

    [GeneratedRegex(@"\b(?:Europe|European|EU|EMA)\b", RegexOptions.CultureInvariant)]
    private static partial Regex EuPattern();

    [GeneratedRegex(@"\b(?:Korea|Korean|MFDS|KFDA|KFDS)\b", RegexOptions.CultureInvariant)]
    private static partial Regex KoreaPattern();

    [GeneratedRegex(@"\b(?:Japan|Japanese|PMDA)\b", RegexOptions.CultureInvariant)]
    private static partial Regex JapanPattern();
}
