using System.Globalization;

namespace KnowledgeBase.Domain;

/// <summary>
/// What an evidence link points at, written "study:5" or "trial:12" (the value of the evidence forms' choice, the
/// export's selection and a flag dismissal's record): a study, a trial, or none (a "no citation given" link).
/// </summary>
public readonly record struct EvidenceTarget(int? StudyId, int? TrialId)
{
    public bool IsNone => StudyId is null && TrialId is null;

    /// <summary>An empty value is "none" and parses; "study:5" and "trial:12" parse; anything else does not.</summary>
    public static bool TryParse(string? value, out EvidenceTarget target)
    {
        target = default;
        if (string.IsNullOrWhiteSpace(value)) return true;
        var parts = value.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        target = parts[0] switch
        {
            "study" => new EvidenceTarget(id, null),
            "trial" => new EvidenceTarget(null, id),
            _ => default,
        };
        return !target.IsNone;
    }

    public static string Of(int? studyId, int? trialId) =>
        studyId is { } s ? $"study:{s.ToString(CultureInfo.InvariantCulture)}" : trialId is { } t ? $"trial:{t.ToString(CultureInfo.InvariantCulture)}" : "";

    public override string ToString() => Of(StudyId, TrialId);
}
