using System.Globalization;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Linking.TrialComparison;

/// <summary>
/// Holds a claim's words against one record (a trial with the publications reporting it, or a study) and
/// returns the side-by-side rows and the flags with their reasons. Rules (docs/claim-vs-record.md): a claim
/// silent on an aspect gets no flag on it; a figure of another measure than the record's is "not comparable",
/// never a mismatch; "approved for a Phase 3 trial" is a trial authorisation, not a marketing approval; a flag
/// resting on a fact the record lists as unverified says so.
/// </summary>
public static class ClaimRecordComparer
{
    private const string Silent = "—";

    public static ClaimComparison Compare(string claim, ComparedRecord record)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(record);
        var said = ClaimReading.Read(claim);
        var facts = RecordReading.Read(record);
        var context = new Context(record, facts, [], []);

        ComparePhase(said, context);
        CompareEnrolment(said, context);
        CompareStatus(said, context);
        CompareResults(said, context);
        ComparePrimaryOutcome(said, context);
        CompareApproval(said, context);
        CompareProducts(said, context);
        CompareNumbers(said, context);
        FlagRegistryChanges(context);
        return new ClaimComparison(record, context.Rows, context.Flags);
    }

    /// <summary>
    /// A trial whose registry record changed status or enrolment on a re-import after the claim was linked: whatever the
    /// claim says, the evidence it was linked to is no longer what the editor saw. One flag a record, naming each change.
    /// </summary>
    private static string FieldWords(string field) => field switch
    {
        nameof(Trial.Enrollment) => "enrolment",
        nameof(Trial.ResultsPosted) => "results posted on the registry",
        _ => field.ToLowerInvariant(),
    };

    private static string ValueWords(string? value) => value switch
    {
        null or "" => "not stated",
        "True" => "yes",
        "False" => "no",
        _ => value,
    };

    private static void FlagRegistryChanges(Context c)
    {
        if (c.Record.RegistryChanges.Count == 0) return;
        var changes = c.Record.RegistryChanges.Select(ch => string.Create(CultureInfo.InvariantCulture,
            $"{FieldWords(ch.Field)} changed from {ValueWords(ch.Before)} to {ValueWords(ch.After)} on re-import ({ch.At:d MMMM yyyy})"));
        c.Flags.Add(new ComparisonFlag(FlagKinds.RecordChanged,
            $"The registry record ({c.Record.Label}) changed since the claim was linked: {string.Join("; ", changes)}.", c.Record.Kind, c.Record.Id, c.Record.Label));
    }

    private sealed record Context(ComparedRecord Record, RecordReading Facts, List<ComparisonRow> Rows, List<ComparisonFlag> Flags)
    {
        public string Says => Record.Kind == ComparedRecordKind.Trial ? $"the trial record ({Record.Label}) says" : $"the study ({Record.Label}) says";

        public void Row(ComparedAspect aspect, string claim, string record, RowVerdict verdict) => Rows.Add(new ComparisonRow(aspect, claim, record, verdict));

        public void Flag(string kind, string reason, params string[] unverifiedKeywords)
        {
            var note = Record.Unverified.FirstOrDefault(u => unverifiedKeywords.Any(k => u.Contains(k, StringComparison.OrdinalIgnoreCase)));
            Flags.Add(new ComparisonFlag(kind, note is null ? reason : $"{reason} (the record lists as unverified: “{note}”)", Record.Kind, Record.Id, Record.Label)
            {
                RestsOnUnverified = note is not null,
            });
        }
    }

    private static void ComparePhase(ClaimReading said, Context c)
    {
        var recordSays = c.Facts.Phase is { } p ? p.Canonical + (c.Record.PhaseText is { } t && !string.Equals(t, p.Canonical, StringComparison.OrdinalIgnoreCase) ? $" ({t})" : "") : c.Record.PhaseText ?? "not stated";
        if (said.Phases.Count == 0)
        {
            c.Row(ComparedAspect.Phase, Silent, recordSays, RowVerdict.ClaimSilent);
            return;
        }
        var claimSays = string.Join("; ", said.PhaseWords.Distinct(StringComparer.OrdinalIgnoreCase));
        if (c.Facts.Phase is not { } recordPhase)
        {
            c.Row(ComparedAspect.Phase, claimSays, recordSays, RowVerdict.RecordSilent);
            return;
        }
        if (said.Phases.Any(p => p.Overlaps(recordPhase)))
        {
            c.Row(ComparedAspect.Phase, claimSays, recordSays, RowVerdict.Agrees);
            return;
        }
        c.Row(ComparedAspect.Phase, claimSays, recordSays, RowVerdict.Differs);
        c.Flag(FlagKinds.Phase, $"The claim says {string.Join(" and ", said.Phases.Select(p => p.Canonical).Distinct(StringComparer.Ordinal))}; {c.Says} {recordPhase.Canonical}.", "phase");
    }

    private static void CompareEnrolment(ClaimReading said, Context c)
    {
        var counts = c.Facts.Counts;
        var enrolled = counts.FirstOrDefault(n => n.What == "enrolled") ?? counts.FirstOrDefault(n => n.What == "participants");
        var recordSays = counts.Count == 0
            ? "not stated"
            : string.Join("; ", new[] { c.Record.Enrollment is { } e ? $"{e.ToString(CultureInfo.InvariantCulture)} enrolled" : null }
                .Concat(c.Record.Reports.Select(r => r.ParticipantsDetail is { } d ? $"{r.Label}: {d}" : r.Participants is { } n ? $"{r.Label}: {n.ToString(CultureInfo.InvariantCulture)} participants" : null))
                .OfType<string>().Distinct(StringComparer.Ordinal));
        if (said.Counts.Count == 0)
        {
            c.Row(ComparedAspect.Enrolment, Silent, recordSays, RowVerdict.ClaimSilent);
            return;
        }
        var claimSays = string.Join("; ", said.Counts.Select(n => n.Text));
        if (counts.Count == 0)
        {
            c.Row(ComparedAspect.Enrolment, claimSays, recordSays, RowVerdict.RecordSilent);
            return;
        }

        var verdict = RowVerdict.Agrees;
        foreach (var stated in said.Counts)
        {
            var same = counts.Where(n => n.Value == stated.Value).ToList();
            if (same.Any(n => n.What is "enrolled" or "participants" or "planned")) continue;
            verdict = RowVerdict.Differs;
            var truth = enrolled is null ? "" : $"{enrolled.Value.ToString(CultureInfo.InvariantCulture)} took part";
            if (same.Any(n => n.What == "screened"))
            {
                c.Flag(FlagKinds.Enrolment, $"The claim says “{stated.Text}”; {c.Says} {stated.Value.ToString(CultureInfo.InvariantCulture)} were screened{(truth.Length > 0 ? $" and {truth}" : "")}.", "enrol", "randomi", "screened", "participants", " N ");
            }
            else if (enrolled is not null)
            {
                c.Flag(FlagKinds.Enrolment, $"The claim says “{stated.Text}”; {c.Says} {enrolled.Value.ToString(CultureInfo.InvariantCulture)} {(enrolled.What == "enrolled" ? "enrolled" : "participants")} and states no group of {stated.Value.ToString(CultureInfo.InvariantCulture)}.", "enrol", "randomi", "participants", " N ", "count");
            }
        }
        c.Row(ComparedAspect.Enrolment, claimSays, recordSays, verdict);
    }

    private static void CompareStatus(ClaimReading said, Context c)
    {
        var recordSays = c.Record.Status ?? "not stated";
        if (said.Status is not { } stated)
        {
            c.Row(ComparedAspect.Status, Silent, recordSays, RowVerdict.ClaimSilent);
            return;
        }
        if (c.Record.Status is not { } status)
        {
            c.Row(ComparedAspect.Status, stated.Words, recordSays, RowVerdict.RecordSilent);
            return;
        }
        var differs = stated.Status switch
        {
            StatedStatus.Ongoing => status is "Completed" or "Terminated" or "Withdrawn" or "Suspended" or "Not yet recruiting",
            StatedStatus.Completed => status is not "Completed",
            StatedStatus.Stopped => status is "Completed" or "Recruiting" or "Not yet recruiting" or "Active, not recruiting" or "Enrolling by invitation",
            _ => false,
        };
        c.Row(ComparedAspect.Status, stated.Words, recordSays, differs ? RowVerdict.Differs : RowVerdict.Agrees);
        if (differs) c.Flag(FlagKinds.Status, $"The claim says “{stated.Words}”; {c.Says} {status.ToLowerInvariant()}.", "status");
    }

    private static void CompareResults(ClaimReading said, Context c)
    {
        var recordSays = c.Facts.Results switch
        {
            ResultsState.Reported => $"results reported ({c.Facts.ResultsWhy})",
            ResultsState.None => $"no results ({c.Facts.ResultsWhy})",
            _ => "unknown: the record does not say whether results are posted",
        };
        if (said.ResultStatement is not { } statement)
        {
            c.Row(ComparedAspect.Results, Silent, recordSays, RowVerdict.ClaimSilent);
            return;
        }
        switch (c.Facts.Results)
        {
            case ResultsState.None:
                c.Row(ComparedAspect.Results, statement, recordSays, RowVerdict.Differs);
                c.Flag(FlagKinds.NoResults, $"The claim reports a result (“{statement}”); {c.Says} the trial has no results ({c.Facts.ResultsWhy}).", "result");
                break;
            case ResultsState.Reported:
                c.Row(ComparedAspect.Results, statement, recordSays, RowVerdict.Agrees);
                break;
            default:
                c.Row(ComparedAspect.Results, statement, recordSays, RowVerdict.RecordSilent);
                break;
        }
    }

    private static void ComparePrimaryOutcome(ClaimReading said, Context c)
    {
        var outcomes = c.Record.PrimaryOutcomes.Count > 0 ? "registered: " + string.Join("; ", c.Record.PrimaryOutcomes) : null;
        var notMet = c.Facts.NotMet.Count > 0 ? string.Join(" ", c.Facts.NotMet.Select(s => $"{s.From}: “{s.Text}”")) : null;
        var recordSays = string.Join(" ", new[] { outcomes, notMet }.OfType<string>()) is { Length: > 0 } joined ? joined : "not stated";
        if (said.EfficacyAssertion is not { } assertion)
        {
            c.Row(ComparedAspect.PrimaryOutcome, Silent, recordSays, RowVerdict.ClaimSilent);
            return;
        }
        if (c.Facts.NotMet.Count == 0)
        {
            c.Row(ComparedAspect.PrimaryOutcome, assertion, recordSays, notMet is null && outcomes is null ? RowVerdict.RecordSilent : RowVerdict.Agrees);
            return;
        }
        c.Row(ComparedAspect.PrimaryOutcome, assertion, recordSays, RowVerdict.Differs);
        var first = c.Facts.NotMet[0];
        c.Flag(FlagKinds.PrimaryOutcome, $"The claim says “{assertion}”; {first.From} says “{first.Text}”.", "primary", "endpoint");
    }

    private static void CompareApproval(ClaimReading said, Context c)
    {
        var f = c.Facts;
        var recordParts = f.Approvals.Select(s => s.Text)
            .Concat(f.Designations.Select(d => d.Statement.Text))
            .Concat(f.Setbacks.Select(s => s.Text))
            .Concat(f.TrialClearances.Select(s => s.Text))
            .Concat(f.Plans.Select(s => s.Text))
            .Distinct(StringComparer.Ordinal).ToList();
        var recordSays = recordParts.Count == 0 ? "no approval, designation or regulatory decision recorded" : string.Join(" · ", recordParts);
        if (said.Approvals.Count == 0 && said.Designation is null)
        {
            c.Row(ComparedAspect.Approval, Silent, recordSays, RowVerdict.ClaimSilent);
            return;
        }

        var verdict = RowVerdict.Agrees;
        var claimParts = new List<string>();
        foreach (var (kind, words) in said.Approvals.DistinctBy(a => a.Kind))
        {
            switch (kind)
            {
                case ApprovalStatement.TrialAuthorised:
                    claimParts.Add($"“{words}” (permission to run a trial, not a marketing approval)");
                    break;
                case ApprovalStatement.NotApproved:
                    claimParts.Add($"“{words}”");
                    break;
                case ApprovalStatement.Approved:
                    claimParts.Add($"“{words}” (a marketing approval)");
                    if (f.Approvals.Count == 0)
                    {
                        verdict = RowVerdict.Differs;
                        var against = Against(c);
                        c.Flag(FlagKinds.Approval, $"The claim says “{words}”; no approval is recorded{(against.Length > 0 ? $", and {c.Says}: {against}" : "")}.", "approv", "clearance", "BLA");
                    }
                    break;
                case ApprovalStatement.Expected:
                    claimParts.Add($"“{words}” (approval expected)");
                    var reasons = Against(c);
                    if (reasons.Length > 0)
                    {
                        verdict = RowVerdict.Differs;
                        c.Flag(FlagKinds.ApprovalOutlook, $"The claim expects approval (“{words}”); {c.Says}: {reasons}.", "approv", "clearance", "BLA");
                    }
                    else if (verdict == RowVerdict.Agrees && f.Approvals.Count == 0 && f.Plans.Count == 0)
                    {
                        verdict = RowVerdict.RecordSilent;
                    }
                    break;
            }
        }

        if (said.Designation is { } designation)
        {
            claimParts.Add($"“{designation.Words}”");
            CompareDesignation(designation.Jurisdictions, c, ref verdict);
        }
        c.Row(ComparedAspect.Approval, string.Join(" ", claimParts), recordSays, verdict);
    }

    /// <summary>What in the record speaks against an approval: regulators' refusals, missed endpoints, a stopped trial.</summary>
    private static string Against(Context c)
    {
        // The regulators' word first, then the missed endpoint; three statements say enough, the table shows the rest.
        var parts = c.Facts.Setbacks.Where(s => !RefusedDesignation.IsMatch(s.Text)).Take(2).Concat(c.Facts.NotMet.Take(1))
            .Select(s => $"“{s.Text}”").Distinct(StringComparer.Ordinal).ToList();
        if (c.Record.Status is "Terminated" or "Withdrawn" or "Suspended") parts.Add($"the trial was {c.Record.Status.ToLowerInvariant()}");
        return string.Join("; ", parts);
    }

    private static void CompareDesignation(IReadOnlyList<string> claimed, Context c, ref RowVerdict verdict)
    {
        var granted = c.Facts.Designations
            .Where(d => !RefusedPattern.IsMatch(d.Statement.Text))
            .ToList();
        var unverified = c.Record.Unverified.Where(u => u.Contains("orphan", StringComparison.OrdinalIgnoreCase) || u.Contains("designation", StringComparison.OrdinalIgnoreCase)).ToList();
        var unverifiedPlaces = unverified.SelectMany(Jurisdictions.In).ToHashSet(StringComparer.Ordinal);

        if (claimed.Count == 0)
        {
            if (granted.Count > 0) return;
            verdict = RowVerdict.Differs;
            c.Flag(FlagKinds.Designation, $"The claim states a designation; {c.Says} none.", "orphan", "designation");
            return;
        }

        var confirmed = claimed.Where(j => granted.Any(g => g.Jurisdictions.Contains(j, StringComparer.Ordinal) && !unverifiedPlaces.Contains(j))).ToList();
        var notConfirmed = claimed.Except(confirmed, StringComparer.Ordinal).ToList();
        if (notConfirmed.Count == 0) return;

        verdict = RowVerdict.Differs;
        var onUnverified = notConfirmed.Where(unverifiedPlaces.Contains).ToList();
        var absent = notConfirmed.Except(onUnverified, StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        if (confirmed.Count > 0) parts.Add($"the record confirms {Join(confirmed)} ({string.Join("; ", granted.Where(g => g.Jurisdictions.Intersect(confirmed).Any()).Select(g => g.Statement.Text))})");
        if (onUnverified.Count > 0) parts.Add($"{Join(onUnverified)} {(onUnverified.Count == 1 ? "is" : "are")} not confirmed: the record lists {(onUnverified.Count == 1 ? "it" : "them")} as unverified (“{string.Join("; ", unverified)}”)");
        if (absent.Count > 0) parts.Add($"no designation is recorded for {Join(absent)}");
        c.Flags.Add(new ComparisonFlag(FlagKinds.Designation,
            $"The claim says {Join(claimed)} designated it; {string.Join("; ", parts)}.", c.Record.Kind, c.Record.Id, c.Record.Label)
        {
            RestsOnUnverified = onUnverified.Count > 0,
        });
    }

    // A refused designation (RMAT) or reimbursement says nothing about the approval itself.
    private static readonly System.Text.RegularExpressions.Regex RefusedDesignation = new(@"\bRMAT\b|\bbreakthrough\b|\bfast[- ]track\b|\breimbursement\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex RefusedPattern = new(@"\b(?:did\s+not\s+grant|not\s+granted|refused|denied|rejected)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static void CompareProducts(ClaimReading said, Context c)
    {
        var recordNames = ProductAliases.Find(c.Record.AllTexts()).Concat(ProductAliases.FromOrganisation(c.Record.Sponsor)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var recordText = ProductAliases.Compact(string.Join(" ", c.Record.AllTexts().OfType<string>()));
        var recordSays = string.Join("; ", new[] { c.Record.Sponsor is { } s ? "sponsor: " + s : null, c.Record.Intervention is { } i ? "intervention: " + i : null, c.Record.Interventions.Count > 0 ? "interventions: " + string.Join(", ", c.Record.Interventions) : null, recordNames.Count > 0 ? "names: " + string.Join(", ", recordNames) : null }.OfType<string>());
        if (recordSays.Length == 0) recordSays = "not stated";
        if (said.Names.Count == 0)
        {
            c.Row(ComparedAspect.ProductAndSponsor, Silent, recordSays, RowVerdict.ClaimSilent);
            return;
        }
        var missing = said.Names.Where(n => !recordText.Contains(ProductAliases.Compact(n), StringComparison.Ordinal)).ToList();
        // Only a brand or known product/company name the record lacks while naming others is a difference; a
        // misspelt code ("MSC-NTS") or a generic abbreviation is not worth an editor's time.
        var flagged = recordNames.Count == 0 ? [] : missing.Where(IsBrand).ToList();
        c.Row(ComparedAspect.ProductAndSponsor, string.Join(", ", said.Names), recordSays, flagged.Count > 0 ? RowVerdict.Differs : missing.Count == said.Names.Count ? RowVerdict.RecordSilent : RowVerdict.Agrees);
        if (flagged.Count > 0)
            c.Flag(FlagKinds.Product, $"The claim names {Join(flagged)}; {c.Says} {string.Join(", ", recordNames)} and never {Join(flagged)}.");
    }

    private static bool IsBrand(string name) =>
        ProductAliases.KnownProducts.Concat(ProductAliases.KnownSponsors).Any(k => ProductAliases.Compact(k) == ProductAliases.Compact(name))
        || name.Skip(1).Any(char.IsUpper) && name.Any(char.IsLower);

    private static void CompareNumbers(ClaimReading said, Context c)
    {
        var recordFigures = c.Facts.Figures;
        var recordSays = recordFigures.Count == 0
            ? "no figures stated"
            : string.Join("; ", recordFigures.GroupBy(f => f.From).Select(g => $"{g.Key}: {string.Join(", ", g.Select(f => $"{f.Figure.Text} ({Short(f.Figure.Measure)})"))}"));
        var claimFigures = said.Figures;
        if (claimFigures.Count == 0 && said.SurvivalDurations.Count == 0)
        {
            c.Row(ComparedAspect.Numbers, Silent, recordSays, RowVerdict.ClaimSilent);
            return;
        }
        var claimSays = string.Join("; ", claimFigures.Select(f => $"{f.Text} ({Short(f.Measure)})").Concat(said.SurvivalDurations.Select(d => $"surviving {d}")));
        if (recordFigures.Count == 0)
        {
            c.Row(ComparedAspect.Numbers, claimSays, recordSays, RowVerdict.RecordSilent);
            return;
        }

        var verdict = RowVerdict.Agrees;
        var notes = new List<string>();
        foreach (var figure in claimFigures)
        {
            if (recordFigures.Any(r => Math.Abs(r.Figure.Value - figure.Value) < 0.5)) continue;
            var sameMeasure = recordFigures.Where(r => r.Figure.Measure == figure.Measure && figure.Measure != FigureMeasure.Unknown).ToList();
            if (sameMeasure.Count == 0)
            {
                if (verdict == RowVerdict.Agrees) verdict = RowVerdict.NotComparable;
                var measures = recordFigures.Select(r => TextClauses.Describe(r.Figure.Measure)).Distinct(StringComparer.Ordinal);
                notes.Add($"not comparable: the claim's {figure.Text} is {TextClauses.Describe(figure.Measure)}; the record's figures are {string.Join(" and ", measures)}");
                continue;
            }
            verdict = RowVerdict.Differs;
            c.Flag(FlagKinds.Figure, $"The claim says {figure.Text} ({Short(figure.Measure)}); {c.Says} {string.Join(", ", sameMeasure.Select(r => r.Figure.Text))} ({sameMeasure[0].From}).", figure.Text, "%");
        }
        c.Row(ComparedAspect.Numbers, claimSays + (notes.Count > 0 ? " — " + string.Join("; ", notes) : ""), recordSays, verdict);
    }

    private static string Short(FigureMeasure measure) => measure switch
    {
        FigureMeasure.Survival => "survival",
        FigureMeasure.Response => "responders",
        FigureMeasure.Progression => "progression",
        FigureMeasure.Safety => "safety",
        _ => "measure not stated",
    };
}
