using System.Text.RegularExpressions;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange.Parsing;

/// <summary>
/// Takes trial-registration statements out of a free note ("ClinicalTrials.gov identifier: NCT01051882, NCT01777646",
/// "Trial registration: ClinicalTrials.gov NCT01363401"): their ids become the record's NCT ids and the rest of the note
/// stays the note, so a note that only listed registrations does not come back twice on the next export.
/// </summary>
internal static partial class RegistrationNote
{
    public static (string? Note, List<string> NctIds) Split(string? note)
    {
        var ids = new List<string>();
        if (string.IsNullOrWhiteSpace(note)) return (null, ids);
        var text = note;
        for (var guard = 0; guard < 16; guard++)
        {
            var m = Statement().Match(text);
            if (!m.Success) break;
            ids.AddRange(Identifiers.FindNctIds(m.Value));
            var before = text[..m.Index].TrimEnd(' ', '\t', ';', ',', '\r', '\n');
            var after = text[(m.Index + m.Length)..].TrimStart('.', ' ', '\t', ';', ',', '\r', '\n');
            var gap = text[before.Length..m.Index];
            text = before.Length > 0 && after.Length > 0
                ? before + (gap.Contains('\n', StringComparison.Ordinal) ? "\n" : " ") + after
                : before + after;
        }
        return (BibText.CleanMultiline(text), ids.Distinct(StringComparer.Ordinal).ToList());
    }

    [GeneratedRegex(@"(?:Trial registration:[ \t]*)?ClinicalTrials\.gov(?:[ \t]+identifier)?[ \t]*:?[ \t]*NCT[0-9]{8}(?:[ \t]*(?:,|;|and)[ \t]*NCT[0-9]{8})*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Statement();
}
