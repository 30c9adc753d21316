using System.Text.Json;
using KnowledgeBase.Domain;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange.Parsing;

/// <summary>
/// Reads ClinicalTrials.gov API v2 study JSON: one study, an array of studies, or a page {"studies": […]}.
/// Each study becomes a <see cref="BibRecordKind.RegisteredTrial"/> record.
/// </summary>
public static class ClinicalTrialsGovParser
{
    private static readonly Dictionary<string, string> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ACTIVE_NOT_RECRUITING"] = "Active, not recruiting",
        ["UNKNOWN"] = "Unknown status",
        ["NOT_YET_RECRUITING"] = "Not yet recruiting",
        ["ENROLLING_BY_INVITATION"] = "Enrolling by invitation",
    };

    public static BibParseResult Parse(string text)
    {
        var entries = new List<ParsedEntry>();
        var errors = new List<EntryError>();
        if (string.IsNullOrWhiteSpace(BibText.StripBom(text ?? "")))
        {
            errors.Add(new EntryError(1, null, "The file is empty: no ClinicalTrials.gov study found."));
            return Result(entries, errors);
        }

        using var document = JsonInput.TryParse(text!, "ClinicalTrials.gov", out var utf8, out var parseError);
        if (document is null)
        {
            errors.Add(parseError!);
            return Result(entries, errors);
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("studies", out var studies) && studies.ValueKind == JsonValueKind.Array)
        {
            ReadAll(studies, JsonInput.ItemLines(utf8, "studies"), entries, errors);
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            ReadAll(root, JsonInput.ItemLines(utf8, null), entries, errors);
        }
        else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("protocolSection", out _))
        {
            Read(root, 1, 1, entries, errors);
        }
        else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("FullStudiesResponse", out _))
        {
            errors.Add(new EntryError(1, null,
                "ClinicalTrials.gov's classic (v1) API response, which is not read: download the study from the current API (v2, /api/v2/studies/NCT...) and import that."));
        }
        else
        {
            errors.Add(new EntryError(1, null,
                "Not ClinicalTrials.gov API v2 JSON: expected a study with \"protocolSection\", an array of studies, or {\"studies\": […]}."));
        }

        if (entries.Count == 0 && errors.Count == 0)
            errors.Add(new EntryError(1, null, "No ClinicalTrials.gov study found: the list of studies is empty."));
        return Result(entries, errors);
    }

    private static BibParseResult Result(List<ParsedEntry> entries, List<EntryError> errors) => new(BibFormat.ClinicalTrialsGov, entries, errors);

    private static void ReadAll(JsonElement array, List<int> lines, List<ParsedEntry> entries, List<EntryError> errors)
    {
        var index = 0;
        foreach (var study in array.EnumerateArray())
        {
            var line = index < lines.Count ? lines[index] : 1;
            index++;
            if (!Read(study, index, line, entries, errors)) return;
        }
    }

    private static bool Read(JsonElement study, int index, int line, List<ParsedEntry> entries, List<EntryError> errors)
    {
        var protocol = JsonInput.Child(study, "protocolSection");
        if (protocol is not { ValueKind: JsonValueKind.Object } p)
            return BibText.AddError(errors, new EntryError(line, null, $"Study {index} has no \"protocolSection\" object."));

        var identification = JsonInput.Child(p, "identificationModule");
        var nct = Identifiers.NormalizeNct(identification is { } idm ? JsonInput.Text(idm, "nctId") : null);
        var title = identification is { } im
            ? BibText.CleanTitle(JsonInput.Text(im, "officialTitle")) ?? BibText.CleanTitle(JsonInput.Text(im, "briefTitle"))
            : null;
        if (nct is null)
            return BibText.AddError(errors, new EntryError(line, title, $"Study {index} has no valid NCT number (identificationModule.nctId)."));
        if (title is null)
            return BibText.AddError(errors, new EntryError(line, nct, $"Study {index} ({nct}) has no title (officialTitle or briefTitle)."));

        entries.Add(new ParsedEntry(ToRecord(p, nct, title) with { ResultsPosted = JsonInput.Bool(JsonInput.Child(study, "hasResults")) }, line));
        return true;
    }

    private static BibRecord ToRecord(JsonElement protocol, string nct, string title)
    {
        var status = JsonInput.Child(protocol, "statusModule");
        var design = JsonInput.Child(protocol, "designModule");
        var start = status is { } s ? DateIn(s, "startDateStruct") ?? DateIn(s, "studyFirstSubmitDate") : null;
        var (year, month, day) = BibText.ParseDate(start);
        var (phase, phaseText) = Phase(JsonInput.Array(design is { } d ? JsonInput.Child(d, "phases") : null));

        // BACKGROUND references are what the trial builds on; RESULT and DERIVED ones report it.
        var listed = JsonInput.Array(JsonInput.Child(protocol, "referencesModule", "references"))
            .Where(r => !string.Equals(JsonInput.Text(r, "type"), "BACKGROUND", StringComparison.OrdinalIgnoreCase))
            .Select(r => (Pmid: Identifiers.NormalizePmid(JsonInput.Text(r, "pmid")), Citation: BibText.Clean(JsonInput.Text(r, "citation")), Type: JsonInput.Text(r, "type") ?? "RESULT"))
            .Where(r => r.Pmid is not null)
            .DistinctBy(r => r.Pmid, StringComparer.Ordinal)
            .Select(r => new ListedPublication(r.Pmid!, r.Citation, r.Type.ToUpperInvariant()))
            .ToList();

        return new BibRecord
        {
            Kind = BibRecordKind.RegisteredTrial,
            SourceKey = nct,
            Title = title,
            Year = year,
            Month = month,
            Day = day,
            NctIds = [nct],
            Url = $"https://clinicaltrials.gov/study/{nct}",
            Abstract = Summary(JsonInput.Child(protocol, "descriptionModule")),
            Keywords = BibText.DistinctClean(JsonInput.Array(JsonInput.Child(protocol, "conditionsModule", "keywords")).Select(JsonInput.Text)),
            Phase = phase,
            PhaseText = phaseText,
            Status = status is { } st && JsonInput.Text(st, "overallStatus") is { } overall ? StatusText(overall) : null,
            Enrollment = JsonInput.Int(JsonInput.Child(protocol, "designModule", "enrollmentInfo", "count")),
            Sponsor = JsonInput.Child(protocol, "sponsorCollaboratorsModule", "leadSponsor") is { } lead ? JsonInput.Text(lead, "name") : null,
            Design = DesignText(design),
            Interventions = BibText.DistinctClean(JsonInput.Array(JsonInput.Child(protocol, "armsInterventionsModule", "interventions"))
                .Select(i => JsonInput.Text(i, "name"))),
            Conditions = BibText.DistinctClean(JsonInput.Array(JsonInput.Child(protocol, "conditionsModule", "conditions")).Select(JsonInput.Text)),
            PrimaryOutcomes = BibText.DistinctClean(JsonInput.Array(JsonInput.Child(protocol, "outcomesModule", "primaryOutcomes"))
                .Select(o => JsonInput.Text(o, "measure"))),
            ReferencedPmids = [.. listed.Select(r => r.Pmid)],
            ListedPublications = listed,
        };
    }

    /// <summary>The brief summary, then the detailed description after a blank line; either may be missing.</summary>
    private static string? Summary(JsonElement? description)
    {
        if (description is not { ValueKind: JsonValueKind.Object } d) return null;
        var parts = new[] { JsonInput.Paragraphs(d, "briefSummary"), JsonInput.Paragraphs(d, "detailedDescription") }
            .Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }

    private static string? DateIn(JsonElement status, string name) =>
        JsonInput.Child(status, name) is { } value
            ? value.ValueKind == JsonValueKind.Object ? JsonInput.Text(value, "date") : JsonInput.Text(value)
            : null;

    /// <summary>"ACTIVE_NOT_RECRUITING" → "Active, not recruiting"; "COMPLETED" → "Completed"; already readable text is kept.</summary>
    public static string StatusText(string code)
    {
        if (Statuses.TryGetValue(code, out var known)) return known;
        if (code.Any(char.IsLower)) return code;
        return Humanize(code);
    }

    private static string Humanize(string code)
    {
        var words = code.ToLowerInvariant().Replace('_', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>["PHASE1", "PHASE2"] → Phase1Phase2 "Phase 1/Phase 2"; ["EARLY_PHASE1"] → EarlyPhase1; ["NA"] → NotApplicable.</summary>
    private static (TrialPhase?, string?) Phase(IEnumerable<JsonElement> phases)
    {
        var codes = phases.Select(JsonInput.Text).Where(c => c is not null)
            .Select(c => new string(c!.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);
        if (codes.Count == 0) return (null, null);
        if (codes.Contains("EARLYPHASE1")) return (TrialPhase.EarlyPhase1, "Early Phase 1");
        if (codes.Contains("NA") || codes.Contains("NOTAPPLICABLE")) return (TrialPhase.NotApplicable, "Not Applicable");
        var numbers = codes.Where(c => c.StartsWith("PHASE", StringComparison.Ordinal) && c.Length == 6 && char.IsAsciiDigit(c[5]))
            .Select(c => c[5] - '0').Order().ToList();
        if (numbers.Count == 0) return (null, string.Join("/", codes));
        var phase = TrialPhases.FromRange(numbers[0], numbers[^1]);
        return (phase, string.Join("/", numbers.Select(n => $"Phase {n}")));
    }

    /// <summary>"Interventional; Allocation: Randomized; Intervention model: Parallel; Masking: Quadruple (Participant, …); Primary purpose: Treatment".</summary>
    private static string? DesignText(JsonElement? design)
    {
        if (design is not { ValueKind: JsonValueKind.Object } d) return null;
        var parts = new List<string>();
        if (JsonInput.Text(d, "studyType") is { } type) parts.Add(Humanize(type));
        if (JsonInput.Child(d, "designInfo") is { ValueKind: JsonValueKind.Object } info)
        {
            void Add(string label, string property)
            {
                if (JsonInput.Text(info, property) is { } value) parts.Add($"{label}: {Humanize(value)}");
            }
            Add("Allocation", "allocation");
            Add("Intervention model", "interventionModel");
            Add("Observational model", "observationalModel");
            Add("Time perspective", "timePerspective");
            if (JsonInput.Child(info, "maskingInfo") is { ValueKind: JsonValueKind.Object } masking && JsonInput.Text(masking, "masking") is { } level)
            {
                var who = JsonInput.Array(JsonInput.Child(masking, "whoMasked")).Select(JsonInput.Text).Where(w => w is not null).Select(w => Humanize(w!)).ToList();
                parts.Add($"Masking: {Humanize(level)}{(who.Count > 0 ? $" ({string.Join(", ", who)})" : "")}");
            }
            Add("Primary purpose", "primaryPurpose");
        }
        return parts.Count == 0 ? null : string.Join("; ", parts).Replace("Non randomized", "Non-randomized", StringComparison.Ordinal);
    }
}
