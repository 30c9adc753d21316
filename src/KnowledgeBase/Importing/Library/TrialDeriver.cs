using System.Globalization;
using System.Text.RegularExpressions;
using KnowledgeBase.Classification;
using KnowledgeBase.Domain;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing.Library;

/// <summary>
/// Builds the registered trials from the library records that name their NCT ids (the library has no
/// trial records of its own). Conservative: a fact is filled only when a record states it, and every
/// filled fact says in <see cref="DerivedTrial.Provenance"/> which record and field it came from.
/// </summary>
public static partial class TrialDeriver
{
    private const string LibraryStatusNote = "(registry status as summarised by the library)";

    public static IReadOnlyList<DerivedTrial> Derive(IReadOnlyList<LibraryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records
            .SelectMany(NctIdsOf)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(nct => DeriveTrial(nct, records))
            .ToList();
    }

    /// <summary>
    /// The ClinicalTrials.gov phase in a phrase such as "Phase 1/2", "Phase IIa", "Phase 3b" or
    /// "Early Phase 1"; null when there is none or it does not map ("Phase 1/3").
    /// </summary>
    public static TrialPhase? ParsePhase(string? text) => PhaseText.Parse(text);

    private static DerivedTrial DeriveTrial(string nct, IReadOnlyList<LibraryRecord> records)
    {
        var reporting = records.Where(r => NctIdsOf(r).Contains(nct, StringComparer.Ordinal)).ToList();
        var trialish = reporting.Where(IsTrialish).ToList();
        var onlyThis = reporting.Where(r => NctIdsOf(r).Count == 1).ToList();
        var registry = onlyThis.FirstOrDefault(r => r.Kind == StudyKind.RegistryRecord);
        var provenance = new List<string>();

        var (phase, phaseText) = DerivePhase(nct, trialish, provenance);

        if (registry is not null)
        {
            provenance.Add($"Title: {registry.Id} citation title (registry record)");
            if (registry.Design is not null) provenance.Add($"Design: {registry.Id} design field (registry record)");
            if (registry.Participants is not null) provenance.Add($"Enrollment: {registry.Id} n_enrolled (registry record)");
        }

        // Without the registry's record, what the publications reporting this trial alone say about it.
        var reports = onlyThis.Where(IsTrialish).Where(r => r != registry)
            .OrderBy(r => r.Kind == StudyKind.TrialProtocol ? 0 : 1).ThenBy(r => r.Year ?? int.MaxValue).ToList();
        var title = registry?.Title;
        if (title is null && reports.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r.Title) && !TitleUnverified(r)) is { } titled)
        {
            title = titled.Title;
            provenance.Add($"Title: {titled.Id} citation title (the publication reporting this trial; the registry's own title was not retrieved)");
        }

        var enrollment = registry?.Participants;
        if (registry is null) enrollment = DeriveEnrollment(reports, provenance);

        var status = DeriveStatus(onlyThis, provenance);
        var sponsor = DeriveSponsor(onlyThis, provenance);
        var intervention = DeriveIntervention(trialish, provenance);

        var typeSources = trialish.Count > 0 ? trialish : reporting;
        var therapyTypes = TherapyType.Taxonomy
            .Select(t => t.Slug)
            .Where(slug => typeSources.Any(r => r.TherapyTypes.Contains(slug, StringComparer.Ordinal)))
            .ToList();
        if (therapyTypes.Count > 0)
            provenance.Add($"Therapy types: cell_type/cell_source of {string.Join(", ", typeSources.Select(r => r.Id))}");

        return new DerivedTrial
        {
            NctId = nct,
            Title = title,
            TitleFromPublication = registry is null && title is not null,
            Phase = phase,
            PhaseText = phaseText,
            Design = registry?.Design,
            Enrollment = enrollment,
            EnrollmentFromPublication = registry is null && enrollment is not null,
            Status = status,
            Sponsor = sponsor,
            Intervention = intervention,
            TherapyTypes = therapyTypes,
            ReportedBy = reporting.Select(r => r.Id).ToList(),
            Provenance = provenance,
            Unverified = reporting.SelectMany(r => r.Unverified.Select(note => $"{r.Id}: {note}")).ToList(),
        };
    }

    /// <summary>Records that describe the trial itself; reviews, press releases and regulatory events do not.</summary>
    private static bool IsTrialish(LibraryRecord record) =>
        record.Kind is StudyKind.TrialReport or StudyKind.TrialProtocol or StudyKind.RegistryRecord;

    private static List<string> NctIdsOf(LibraryRecord record) =>
        record.NctIds.Select(Identifiers.NormalizeNct).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    // ---- Phase ----------------------------------------------------------------------------------

    private static (TrialPhase? Phase, string? Text) DerivePhase(string nct, List<LibraryRecord> trialish, List<string> provenance)
    {
        var statements = new List<(LibraryRecord Record, string Text, TrialPhase? Phase, bool NextToId)>();
        foreach (var record in trialish.Where(r => !string.IsNullOrWhiteSpace(r.Phase)))
        {
            var phaseField = record.Phase!.Trim();
            var ids = NctIdsOf(record);
            if (ids.Count == 1)
            {
                statements.Add((record, phaseField, ParsePhase(phaseField), false));
            }
            else if (PhaseNextTo(phaseField, nct, ids) is { } match)
            {
                statements.Add((record, match.Value.Trim(), PhaseText.FromMatch(match), true));
            }
        }

        if (statements.Count == 0) return (null, null);

        var text = string.Join("; ", statements.Select(s => $"{s.Text} ({s.Record.Id})"));
        var stated = statements.Where(s => s.Phase is not null).ToList();
        if (stated.Count == 0) return (null, text);

        var phase = Combine(stated.Select(s => s.Phase!.Value));
        string Source((LibraryRecord Record, string Text, TrialPhase? Phase, bool NextToId) s) =>
            $"{s.Record.Id} phase field" + (s.NextToId ? $" (the phase stated next to {nct})" : "");

        if (phase is null)
        {
            provenance.Add($"Phase: not set: {string.Join(" and ", stated.Select(s => $"{Source(s)} says \"{s.Text}\""))}, which do not combine into one phase");
        }
        else if (stated.Select(s => s.Phase).Distinct().Count() == 1)
        {
            provenance.Add($"Phase: {string.Join(", ", stated.Select(Source))}");
        }
        else
        {
            provenance.Add($"Phase: combined from {string.Join(" and ", stated.Select(s => $"{Source(s)} ({s.Text})"))}");
        }

        return (phase, text);
    }

    /// <summary>
    /// In a phase field naming several trials ("Phase 1/2 (NCT01051882) and Phase 2a (NCT01777646)"), the
    /// phase stated next to <paramref name="nct"/>: the last one between the previous id and this one,
    /// else the first one between this id and the next.
    /// </summary>
    private static Match? PhaseNextTo(string text, string nct, List<string> ids)
    {
        var at = text.IndexOf(nct, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;

        var others = ids.Where(id => !string.Equals(id, nct, StringComparison.Ordinal))
            .Select(id => text.IndexOf(id, StringComparison.OrdinalIgnoreCase))
            .Where(i => i >= 0)
            .ToList();
        var before = others.Where(i => i < at).Select(i => i + nct.Length).DefaultIfEmpty(0).Max();
        var after = others.Where(i => i > at).DefaultIfEmpty(text.Length).Min();

        var preceding = PhaseText.Pattern().Matches(text[..at], before).LastOrDefault();
        if (preceding is not null) return preceding;

        var end = at + nct.Length;
        var following = PhaseText.Pattern().Match(text[..after], end);
        return following.Success ? following : null;
    }

    /// <summary>
    /// One phase for a trial that records describe at different phases: adjacent phases combine
    /// (a two-stage Phase 1 then Phase 2 trial is Phase1Phase2); anything else stays unset.
    /// </summary>
    private static TrialPhase? Combine(IEnumerable<TrialPhase> phases)
    {
        var distinct = phases.Distinct().ToList();
        if (distinct.Count == 1) return distinct[0];
        if (distinct.Any(p => p is TrialPhase.EarlyPhase1 or TrialPhase.NotApplicable)) return null;

        var levels = distinct.SelectMany(Levels).Distinct().Order().ToList();
        return TrialPhases.FromRange(levels[0], levels[^1]);
    }

    private static int[] Levels(TrialPhase phase) => phase switch
    {
        TrialPhase.Phase1 => [1],
        TrialPhase.Phase1Phase2 => [1, 2],
        TrialPhase.Phase2 => [2],
        TrialPhase.Phase2Phase3 => [2, 3],
        TrialPhase.Phase3 => [3],
        TrialPhase.Phase4 => [4],
        _ => [],
    };

    /// <summary>The record's curators could not confirm its title ("authors, title, journal, year, PMID").</summary>
    private static bool TitleUnverified(LibraryRecord record) =>
        record.Unverified.Any(note => TitleWordPattern().IsMatch(note));

    [GeneratedRegex(@"\btitle\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TitleWordPattern();

    // ---- Enrolment -----------------------------------------------------------------------------

    /// <summary>The participants the publications reporting only this trial state, when they agree; otherwise none, saying why.</summary>
    private static int? DeriveEnrollment(List<LibraryRecord> reports, List<string> provenance)
    {
        var stated = reports.Where(r => r.Participants is not null).ToList();
        if (stated.Count == 0) return null;
        if (stated.Select(r => r.Participants).Distinct().Count() > 1)
        {
            provenance.Add($"Enrollment: not set: {string.Join(" and ", stated.Select(r => $"{r.Id} n_enrolled says {r.Participants}"))}");
            return null;
        }

        provenance.Add($"Enrollment: {string.Join(", ", stated.Select(r => r.Id))} n_enrolled (participants of the publication reporting this trial; the registry's figure was not retrieved)");
        return stated[0].Participants;
    }

    // ---- Status and sponsor (stated facts only) -------------------------------------------------

    private static string? DeriveStatus(List<LibraryRecord> onlyThis, List<string> provenance)
    {
        var found = new List<(LibraryRecord Record, string Field, string Status)>();
        foreach (var record in onlyThis.OrderBy(r => r.Kind == StudyKind.RegistryRecord ? 0 : 1))
        {
            foreach (var (field, text) in StatusFields(record))
            {
                var match = StatusPattern().Match(text ?? "");
                if (match.Success && CanonicalStatus(match.Groups["status"].Value) is { } status)
                {
                    found.Add((record, field, status));
                    break;
                }
            }
        }

        if (found.Count == 0) return null;
        var chosen = found[0];
        var disagreeing = found.Where(f => !string.Equals(f.Status, chosen.Status, StringComparison.Ordinal)).ToList();
        if (disagreeing.Count > 0 && chosen.Record.Kind != StudyKind.RegistryRecord)
        {
            provenance.Add($"Status: not set: {string.Join(" and ", found.Select(f => $"{f.Record.Id} {f.Field} says \"{f.Status}\""))}");
            return null;
        }

        provenance.Add($"Status: {chosen.Record.Id} {chosen.Field} {LibraryStatusNote}");
        foreach (var other in disagreeing)
            provenance.Add($"Status: {other.Record.Id} {other.Field} says \"{other.Status}\" instead (the registry record is preferred)");
        return chosen.Status;
    }

    private static IEnumerable<(string Field, string? Text)> StatusFields(LibraryRecord record) =>
    [
        ("n_detail", record.ParticipantsDetail),
        ("main_results", record.MainResults),
        ("design", record.Design),
        ("dosing", record.Dosing),
        ("phase", record.Phase),
    ];

    /// <summary>ClinicalTrials.gov's overall-status vocabulary, spelt as the registry spells it.</summary>
    private static string? CanonicalStatus(string matched)
    {
        var words = string.Join(' ', matched.Split((char[])[' ', '\t', '\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries));
        return words.ToUpperInvariant() switch
        {
            "NOT YET RECRUITING" => "Not yet recruiting",
            "RECRUITING" => "Recruiting",
            "ENROLLING BY INVITATION" => "Enrolling by invitation",
            "ACTIVE NOT RECRUITING" => "Active, not recruiting",
            "SUSPENDED" => "Suspended",
            "TERMINATED" => "Terminated",
            "COMPLETED" => "Completed",
            "WITHDRAWN" => "Withdrawn",
            "UNKNOWN" or "UNKNOWN STATUS" => "Unknown status",
            _ => null,
        };
    }

    private static string? DeriveSponsor(List<LibraryRecord> onlyThis, List<string> provenance)
    {
        foreach (var record in onlyThis.OrderBy(r => r.Kind == StudyKind.RegistryRecord ? 0 : 1))
        {
            var fields = new (string Field, string? Text)[]
            {
                ("citation authors", record.Authors),
                ("design", record.Design),
                ("n_detail", record.ParticipantsDetail),
                ("main_results", record.MainResults),
            };
            foreach (var (field, text) in fields)
            {
                if (string.IsNullOrWhiteSpace(text)) continue;
                var match = SponsorMarkedPattern().Match(text);
                if (!match.Success) match = SponsorLabelPattern().Match(text);
                if (!match.Success) continue;

                var name = match.Groups["name"].Value.Trim().TrimEnd('.', ',', ':');
                if (name.Length == 0) continue;
                provenance.Add($"Sponsor: {record.Id} {field} (stated as sponsor)");
                return name;
            }
        }

        return null;
    }

    // ---- Intervention ---------------------------------------------------------------------------

    private static string? DeriveIntervention(List<LibraryRecord> trialish, List<string> provenance)
    {
        var candidates = trialish
            .Select((record, position) => (record, position))
            .OrderBy(c => NctIdsOf(c.record).Count == 1 ? 0 : 1)
            .ThenBy(c => c.record.Kind == StudyKind.RegistryRecord ? 0 : 1)
            .ThenBy(c => c.record.Year ?? int.MaxValue)
            .ThenBy(c => c.position)
            .Select(c => c.record);

        foreach (var record in candidates)
        {
            var parts = new[] { record.CellType, record.Route }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
            if (parts.Count == 0) continue;

            var fields = string.Join(" and ", new[] { record.CellType is null ? null : "cell_type", record.Route is null ? null : "route" }.OfType<string>());
            provenance.Add($"Intervention: {record.Id} {fields}");
            return string.Join(", ", parts);
        }

        return null;
    }

    [GeneratedRegex(@"\b(?:registry|clinicaltrials\.gov)(?:\s+status)?\s*:\s*(?<status>not\s+yet\s+recruiting|active,?\s+not\s+recruiting|enrolling\s+by\s+invitation|recruiting|completed|terminated|suspended|withdrawn|unknown(?:\s+status)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"(?<name>[^;()]+?)\s*\(sponsor\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SponsorMarkedPattern();

    [GeneratedRegex(@"\bsponsor\s*:\s*(?<name>[^;()\r\n]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SponsorLabelPattern();
}
