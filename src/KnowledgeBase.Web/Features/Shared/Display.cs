using System.Globalization;
using System.Text;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Web.Features.Shared;

/// <summary>Human labels, URL slugs and CSS modifiers for the domain's enums, and culture-invariant formatting.</summary>
public static class Display
{
    public static string Label(ClaimStatus status) => status switch
    {
        ClaimStatus.Candidate => "Candidate",
        ClaimStatus.Confirmed => "Confirmed",
        ClaimStatus.Rejected => "Rejected",
        _ => status.ToString(),
    };

    public static string Label(EvidenceRelation relation) => relation switch
    {
        EvidenceRelation.CitesExplicitly => "Cites explicitly",
        EvidenceRelation.AlludesTo => "Alludes to",
        EvidenceRelation.NoCitationGiven => "No citation given",
        _ => relation.ToString(),
    };

    public static string Label(EvidenceAssessment? assessment) => assessment switch
    {
        null => "Not assessed yet",
        EvidenceAssessment.Supported => "Supported",
        EvidenceAssessment.Overstated => "Overstated",
        EvidenceAssessment.Unsupported => "Unsupported",
        EvidenceAssessment.Contradicted => "Contradicted",
        EvidenceAssessment.NotCheckable => "Not checkable",
        _ => assessment.Value.ToString(),
    };

    public static string Label(StudyKind kind) => kind switch
    {
        StudyKind.TrialReport => "Trial report",
        StudyKind.TrialProtocol => "Trial protocol",
        StudyKind.ObservationalStudy => "Observational study",
        StudyKind.SystematicReview => "Systematic review",
        StudyKind.NarrativeReview => "Narrative review",
        StudyKind.Survey => "Survey",
        StudyKind.PressRelease => "Press release",
        StudyKind.RegulatoryDecision => "Regulatory decision",
        StudyKind.RegistryRecord => "Registry record",
        StudyKind.Other => "Other",
        _ => kind.ToString(),
    };

    public static string Label(TrialPhase? phase) => phase switch
    {
        null => "Phase not stated",
        TrialPhase.EarlyPhase1 => "Early phase 1",
        TrialPhase.Phase1 => "Phase 1",
        TrialPhase.Phase1Phase2 => "Phase 1/2",
        TrialPhase.Phase2 => "Phase 2",
        TrialPhase.Phase2Phase3 => "Phase 2/3",
        TrialPhase.Phase3 => "Phase 3",
        TrialPhase.Phase4 => "Phase 4",
        TrialPhase.NotApplicable => "Not applicable",
        _ => phase.Value.ToString(),
    };

    /// <summary>The URL form of an enum value: kebab-case ("SystematicReview" → "systematic-review").</summary>
    public static string Slug<TEnum>(TEnum value) where TEnum : struct, Enum => value is TrialPhase phase
        ? phase switch
        {
            TrialPhase.EarlyPhase1 => "early-phase-1",
            TrialPhase.Phase1 => "phase-1",
            TrialPhase.Phase1Phase2 => "phase-1-2",
            TrialPhase.Phase2 => "phase-2",
            TrialPhase.Phase2Phase3 => "phase-2-3",
            TrialPhase.Phase3 => "phase-3",
            TrialPhase.Phase4 => "phase-4",
            _ => Kebab(phase.ToString()),
        }
        : Kebab(value.ToString());

    /// <summary>The enum value whose <see cref="Slug{TEnum}"/> is <paramref name="slug"/> (case-insensitive), or null.</summary>
    public static TEnum? ParseSlug<TEnum>(string? slug) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(slug)) return null;
        var wanted = slug.Trim();
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Slug(value), wanted, StringComparison.OrdinalIgnoreCase)) return value;
        }
        return null;
    }

    /// <summary>CSS modifier for an assessment badge ("not-assessed" when there is none yet).</summary>
    public static string Slug(EvidenceAssessment? assessment) => assessment is { } a ? Slug(a) : "not-assessed";

    /// <summary>A detector confidence (0..1) as a percentage: "87%".</summary>
    public static string Confidence(double value) => (value * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    public static string Date(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Machine-readable form for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string IsoDateTime(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(int? value) => value is { } v ? Number(v) : "";

    /// <summary>A count with its noun: "1 study", "7 studies", "1,204 matches" (<see cref="Noun"/>).</summary>
    public static string Count(int count, string singular, string? plural = null) => Number(count) + " " + Noun(count, singular, plural);

    /// <summary>
    /// The noun's form for a count: the singular for exactly 1, else <paramref name="plural"/> or the regular English
    /// plural ("study" → "studies", "match" → "matches", "claim" → "claims"). The one place pages form plurals.
    /// </summary>
    public static string Noun(int count, string singular, string? plural = null)
    {
        ArgumentNullException.ThrowIfNull(singular);
        if (count == 1) return singular;
        if (plural is not null) return plural;
        if (singular.Length > 1 && singular[^1] == 'y' && !"aeiou".Contains(singular[^2], StringComparison.Ordinal)) return singular[..^1] + "ies";
        return singular.EndsWith('s') || singular.EndsWith('x') || singular.EndsWith("ch", StringComparison.Ordinal) || singular.EndsWith("sh", StringComparison.Ordinal)
            ? singular + "es"
            : singular + "s";
    }

    /// <summary>The first characters of a SHA-256 hex digest: enough to tell versions apart by eye.</summary>
    public static string ShortHash(string hash) => hash.Length <= 12 ? hash : hash[..12];

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="max"/> characters, at a word boundary, with an ellipsis.</summary>
    public static string Truncate(string? text, int max)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var collapsed = CollapseWhitespace(text);
        if (collapsed.Length <= max) return collapsed;
        var cut = collapsed[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        if (space > max / 2) cut = cut[..space];
        return cut.TrimEnd(' ', ',', ';', ':', '.') + "…";
    }

    /// <summary>
    /// "Petrou P et al." from a Vancouver-style author list; lists that are not personal names
    /// (an agency, a sponsor) are shown whole, without their parenthesised remarks, and shortened.
    /// </summary>
    public static string ShortAuthors(string? authors)
    {
        if (string.IsNullOrWhiteSpace(authors)) return "";
        var plain = CollapseWhitespace(WithoutParentheses(authors)).Replace(" ;", ";", StringComparison.Ordinal).Replace(" ,", ",", StringComparison.Ordinal).Trim(' ', ',', ';');
        if (plain.Length == 0) return Truncate(authors.Trim().Trim('(', ')'), 60);
        var names = plain.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var first = names[0];
        if (!LooksLikePersonalName(first)) return Truncate(plain, 60);
        var more = names.Length > 1 || plain.Contains("et al", StringComparison.OrdinalIgnoreCase);
        return more ? first + " et al." : first;
    }

    /// <summary>The citation part of a library short label ("Petrou 2016 JAMA Neurol — MSC-NTF ..." → "Petrou 2016 JAMA Neurol").</summary>
    public static string LabelHead(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var dash = label.IndexOf(" — ", StringComparison.Ordinal);
        return dash > 0 ? label[..dash].Trim() : label.Trim();
    }

    /// <summary>"Surname AB" or "Van der Berg JD": words followed by up to three capital initials.</summary>
    private static bool LooksLikePersonalName(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts.Length > 4) return false;
        var initials = parts[^1];
        return initials.Length <= 3 && initials.All(char.IsUpper) && char.IsUpper(parts[0][0]);
    }

    private static string WithoutParentheses(string text)
    {
        var sb = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '(') depth++;
            else if (c == ')' && depth > 0) depth--;
            else if (depth == 0) sb.Append(c);
        }
        return sb.ToString();
    }

    private static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
