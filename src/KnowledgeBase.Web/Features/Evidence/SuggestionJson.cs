using System.Text.Json;
using KnowledgeBase.Linking;

namespace KnowledgeBase.Web.Features.Evidence;

/// <summary>
/// One suggestion as JSON, the same shape in <c>/claims/export.json</c> and <c>/evidence/suggest?format=json</c>:
/// <c>score</c>, <c>reasons</c>, and <c>study</c> or <c>trial</c> (docs/claims-export.md).
/// </summary>
public static class SuggestionJson
{
    public static void Write(Utf8JsonWriter json, EvidenceSuggestion suggestion)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(suggestion);
        var c = suggestion.Candidate;
        json.WriteStartObject();
        json.WriteNumber("score", Math.Round(suggestion.Score, 2));
        json.WriteStartArray("reasons");
        foreach (var reason in suggestion.Reasons) json.WriteStringValue(reason.Text);
        json.WriteEndArray();
        WriteEvidence(json, c.Kind == EvidenceKind.Study ? "study" : "trial", c.Id, c.Title, c.Doi, c.Pmid, c.NctIds);
        json.WriteEndObject();
    }

    /// <summary>An evidence object: <c>id</c>, <c>title</c>, <c>doi</c>, <c>pmid</c>, <c>nctIds</c> (sorted).</summary>
    public static void WriteEvidence(Utf8JsonWriter json, string kind, int id, string title, string? doi, string? pmid, IEnumerable<string> nctIds)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject(kind);
        json.WriteNumber("id", id);
        json.WriteString("title", title);
        json.WriteString("doi", doi);
        json.WriteString("pmid", pmid);
        json.WriteStartArray("nctIds");
        foreach (var nct in nctIds.Order(StringComparer.Ordinal)) json.WriteStringValue(nct);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
