using System.Globalization;
using System.Text;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;

namespace KnowledgeBase.Web.Features.Admin;

/// <summary>One recorded field change as a reader sees it: a label and formatted values.</summary>
public sealed record FieldChangeView(string Label, string? Before, string? After);

/// <summary>
/// Turns the change auditor's records (property names and raw values) into the history's human language: columns
/// that only the database needs are hidden (keys, normalised copies, concurrency stamps), a quote's start and end
/// become one "characters 1,182–1,572", enum values get their labels, true/false read yes/no, and names are spaced
/// ("CreatedBy" → "Created by").
/// </summary>
public static class FieldChangeDisplay
{
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "Id", "NormalizedName", "NormalizedEmail", "Version", "RowVersion", "ConcurrencyStamp", "SecurityStamp", "PasswordHash", "QuoteHash",
        "SourceId", "ClaimId", "StudyId", "TrialId", "TagId", "AccountId", "ReplacedByClaimId",
    };

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["CreatedBy"] = "Created by",
        ["IsOrphaned"] = "Quote no longer found in the source",
        ["DetectionSignals"] = "Detection signals",
        ["Confidence"] = "Detector's confidence",
        ["Tags"] = "Tag",
        ["NctId"] = "NCT number",
        ["Doi"] = "DOI",
        ["Pmid"] = "PMID",
        ["LibraryId"] = "Library record",
    };

    public static IReadOnlyList<FieldChangeView> Present(IReadOnlyList<FieldChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var views = new List<FieldChangeView>();
        var start = changes.FirstOrDefault(c => c.Field == "Start");
        var end = changes.FirstOrDefault(c => c.Field == "End");
        if (start is not null || end is not null)
        {
            views.Add(new FieldChangeView("Position in the source",
                Span(start?.Before, end?.Before, start is null || end is null),
                Span(start?.After, end?.After, start is null || end is null)));
        }

        foreach (var change in changes)
        {
            if (change.Field is "Start" or "End" || IsHidden(change.Field)) continue;
            views.Add(new FieldChangeView(Label(change.Field), Value(change.Field, change.Before), Value(change.Field, change.After)));
        }

        return views;
    }

    private static bool IsHidden(string field) => Hidden.Contains(field);

    private static string Label(string field)
    {
        if (Labels.TryGetValue(field, out var label)) return label;
        var sb = new StringBuilder(field.Length + 4);
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(field[i - 1])) sb.Append(' ').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }

        return sb.ToString();
    }

    private static string? Value(string field, string? value)
    {
        if (value is null) return null;
        if (value is "True") return "yes";
        if (value is "False") return "no";
        return field switch
        {
            "Relation" when Enum.TryParse<EvidenceRelation>(value, out var relation) => Display.Label(relation),
            "Assessment" when Enum.TryParse<EvidenceAssessment>(value, out var assessment) => Display.Label(assessment),
            "Status" when Enum.TryParse<ClaimStatus>(value, out var status) => Display.Label(status),
            "CreatedBy" when value == Claim.Detector => "the claim detector",
            _ => value,
        };
    }

    /// <summary>"characters 1,182–1,572"; only one end changed: "from character 1,182" or "to character 1,572".</summary>
    private static string? Span(string? start, string? end, bool partial)
    {
        if (start is null && end is null) return null;
        if (!partial) return $"characters {Number(start)}–{Number(end)}";
        return start is not null ? $"from character {Number(start)}" : $"to character {Number(end)}";
    }

    private static string? Number(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Display.Number(n) : value;
}
