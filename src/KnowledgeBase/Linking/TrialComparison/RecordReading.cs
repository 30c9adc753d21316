using System.Globalization;
using System.Text.RegularExpressions;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Linking.TrialComparison;

/// <summary>A statement of the record and where it is from ("REC-03 main results").</summary>
public sealed record RecordStatement(string Text, string From);

/// <summary>A count of people in the record, and what it counts ("enrolled", "screened", "planned").</summary>
public sealed record RecordCount(int Value, string What, string From);

/// <summary>What a record states, read from its fields and its reports' main results. Pure.</summary>
public sealed partial record RecordReading
{
    public PhaseMention? Phase { get; init; }
    public IReadOnlyList<RecordCount> Counts { get; init; } = [];
    public ResultsState Results { get; init; }
    public string ResultsWhy { get; init; } = "";
    public IReadOnlyList<(Figure Figure, string From)> Figures { get; init; } = [];
    public IReadOnlyList<RecordStatement> NotMet { get; init; } = [];
    public IReadOnlyList<RecordStatement> Approvals { get; init; } = [];
    public IReadOnlyList<RecordStatement> Setbacks { get; init; } = [];
    public IReadOnlyList<RecordStatement> Plans { get; init; } = [];
    public IReadOnlyList<RecordStatement> TrialClearances { get; init; } = [];
    public IReadOnlyList<(RecordStatement Statement, IReadOnlyList<string> Jurisdictions)> Designations { get; init; } = [];

    public static RecordReading Read(ComparedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var texts = record.Reports
            .Where(r => !string.IsNullOrWhiteSpace(r.MainResults))
            .Select(r => (Text: r.MainResults!, From: $"{r.Label} (main results)", Report: r))
            .ToList();

        return new RecordReading
        {
            Phase = PhaseOf(record),
            Counts = CountsOf(record),
            Results = ResultsOf(record, out var why),
            ResultsWhy = why,
            Figures = [.. texts.SelectMany(t => TextClauses.Figures(t.Text).Select(f => (f, t.From)))],
            // A review has no primary endpoint of its own: "other studies found no significant difference" is not one missed.
            NotMet = record.Kind == ComparedRecordKind.Study && record.Reports.Any(r => r.Kind is StudyKind.SystematicReview or StudyKind.NarrativeReview)
                ? []
                : Find(texts, NotMetPattern()),
            Approvals = Find(texts, ApprovalPattern()).Where(s => !PlanPattern().IsMatch(s.Text) || ApprovedByPattern().IsMatch(s.Text)).ToList(),
            Setbacks = Find(texts, SetbackPattern()),
            Plans = Find(texts, PlanPattern()),
            TrialClearances = Find(texts, TrialClearancePattern()),
            Designations = [.. Find(texts, DesignationPattern()).Select(s => (s, Jurisdictions.In(s.Text)))],
        };
    }

    private static PhaseMention? PhaseOf(ComparedRecord record)
    {
        if (record.Phase is { } phase) return PhaseMention.From(phase);
        // A study's phase text ("Expanded access (post phase 3), not a trial") is no phase of its own.
        return record.Kind == ComparedRecordKind.Trial ? PhaseMention.FindAll(record.PhaseText) is { Count: > 0 } found ? found[0] : null : null;
    }

    private static List<RecordCount> CountsOf(ComparedRecord record)
    {
        var counts = new List<RecordCount>();
        if (record.Enrollment is { } enrolled) counts.Add(new RecordCount(enrolled, "enrolled", record.Kind == ComparedRecordKind.Trial ? $"{record.Label} enrolment" : "participants"));
        foreach (var report in record.Reports)
        {
            if (report.Participants is { } n && n != record.Enrollment) counts.Add(new RecordCount(n, "participants", report.Label));
            if (string.IsNullOrWhiteSpace(report.ParticipantsDetail)) continue;
            foreach (Match m in DetailNumberPattern().Matches(report.ParticipantsDetail))
            {
                var value = int.Parse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                if (value is >= 1900 and <= 2099) continue;
                var words = (m.Groups["before"].Value + " " + m.Groups["after"].Value).ToLowerInvariant();
                var what = ScreenedPattern().IsMatch(words) ? "screened" : PlannedPattern().IsMatch(words) ? "planned" : "participants";
                counts.Add(new RecordCount(value, what, report.Label));
            }
        }
        return counts;
    }

    private static ResultsState ResultsOf(ComparedRecord record, out string why)
    {
        // The registry's own word on its results is newer than any library note that it had none.
        if (record.ResultsPosted == true)
        {
            why = "results posted on the registry";
            return ResultsState.Reported;
        }
        foreach (var r in record.Reports)
        {
            if (r.RecordType?.Contains("no_results", StringComparison.OrdinalIgnoreCase) == true || NoResultsPattern().IsMatch(r.MainResults ?? ""))
            {
                why = $"{r.Label}: {TextClauses.Around(r.MainResults ?? r.RecordType!, 0)}";
                return ResultsState.None;
            }
        }
        if (record.Status is "Not yet recruiting" or "Withdrawn")
        {
            why = $"registry status: {record.Status}";
            return ResultsState.None;
        }
        var reporting = record.Reports.FirstOrDefault(r =>
            r.Kind is StudyKind.TrialReport or StudyKind.TrialProtocol or StudyKind.RegistryRecord or StudyKind.ObservationalStudy or StudyKind.PressRelease
            && !string.IsNullOrWhiteSpace(r.MainResults) && !NotRetrievedPattern().IsMatch(r.MainResults));
        if (reporting is not null)
        {
            why = $"reported in {reporting.Label}";
            return ResultsState.Reported;
        }
        why = "the record does not say";
        return ResultsState.Unknown;
    }

    private static List<RecordStatement> Find(IEnumerable<(string Text, string From, ReportFacts Report)> texts, Regex pattern) =>
        texts.SelectMany(t => pattern.Matches(t.Text).Select(m => new RecordStatement(TextClauses.Around(t.Text, m.Index), t.From)))
            .DistinctBy(s => s.Text, StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"(?<before>[A-Za-z]+\s*~?\s*)?(?<![\d.,/\-\p{L}])(?<n>\d{1,5})(?![\d.,%\-]|\s*(?:%|x|mg|days?|weeks?|months?|years?|points?|sites?|hospitals?))(?<after>\s+[A-Za-z-]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex DetailNumberPattern();

    [GeneratedRegex(@"\b(?:screened|consented|failed|screening)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ScreenedPattern();

    [GeneratedRegex(@"\b(?:planned|plan|estimated|target|anticipated)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PlannedPattern();

    [GeneratedRegex(@"^\s*no\s+results\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoResultsPattern();

    [GeneratedRegex(@"^\s*results\s+not\s+retrieved\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotRetrievedPattern();

    [GeneratedRegex(@"primary\s+endpoint\s+not\s+met|did\s+not\s+meet\s+(?:its\s+|the\s+)?(?:\w+\s+)?(?:primary|endpoints?)|not\s+meet\s+(?:the\s+)?primary|failed\s+to\s+meet|similar\s+in\s+treated\s+and\s+placebo|did\s+not\s+demonstrate\s+substantial\s+evidence\s+of\s+effectiveness|continued\s+disease\s+progression\s+in\s+all|no\s+significant\s+difference\s+(?:vs\.?|versus|compared\s+with|from)\s+(?:control|placebo)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotMetPattern();

    [GeneratedRegex(@"\bapproved\s+by\b|\b(?:conditional|marketing|full)\s+approval\b|\bmarketing\s+authori[sz]ation\b|\bcommercial\s+use\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApprovalPattern();

    [GeneratedRegex(@"\bapproved\s+by\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApprovedByPattern();

    [GeneratedRegex(@"\brefus\w*\s+to\s+file|\bvoted\b|\bdid\s+not\s+demonstrate\b|\bwithdr[ae]w\w*\s+(?:the\s+)?BLA|\bBLA\s+withdrawn|\bdid\s+not\s+grant\b|\breimbursement\s+refused|\bcomplete\s+response\s+letter|\bgrossly\s+deficient|\binsufficient\s+for\s+a\s+BLA", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SetbackPattern();

    [GeneratedRegex(@"\b(?:planned|plans?|possible|seeking|hopes?|intends?)\b[^.;]*\b(?:approval|BLA|FDA\s+meeting|funding)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlanPattern();

    [GeneratedRegex(@"\bcleared\s+the\s+IND\b|\bIND\s+(?:amendment|clearance)|\bSpecial\s+Protocol\s+Assessment\b|\bcleared\b[^.;]*\btrial\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrialClearancePattern();

    [GeneratedRegex(@"\borphan[- ]drug\b|\borphan\s+(?:status|designation)\b|\bbreakthrough\s+therapy\b|\bfast[- ]track\b|\bRMAT\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DesignationPattern();
}
