using System.Text.Json;
using KnowledgeBase.Interchange.Parsing;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing;

/// <summary>
/// Tells what a file holds from its content (articles, the curated library, a reference file, or something unreadable),
/// with no database: the importer, the upload page and the preview all judge a file by these rules.
/// </summary>
public static class ImportContentSniffer
{
    /// <summary>What a file holds, judged by its content (the name only breaks ties between reference formats).</summary>
    public static ImportContent ContentOf(string text, string fileName)
    {
        if (LooksLikeJson(text))
        {
            if (IsCuratedLibrary(text)) return ImportContent.CuratedLibrary;
            return BibFormatDetector.Detect(text, fileName) is not null ? ImportContent.References : ImportContent.Unknown;
        }
        return BibFormatDetector.Detect(text, fileName) is not null ? ImportContent.References : ImportContent.Articles;
    }

    /// <summary>
    /// The curated library (seeds/reference-library.json) is a JSON array whose records carry a "citation" object.
    /// Judged by that structure, not by the key appearing anywhere: a ClinicalTrials.gov study lists its publications
    /// as references with a "citation" too. JSON that does not parse is taken for the library when it has the key and
    /// no registry's "protocolSection", so its parser names the line where it breaks.
    /// </summary>
    private static bool IsCuratedLibrary(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text.TrimStart('\uFEFF'), new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0
                && root[0].ValueKind == JsonValueKind.Object
                && root[0].TryGetProperty("citation", out var citation) && citation.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return text.Contains("\"citation\"", StringComparison.Ordinal) && !text.Contains("\"protocolSection\"", StringComparison.Ordinal);
        }
    }

    /// <summary>Why a file that is neither articles nor a format this knowledge base reads is refused (for <see cref="ImportContent.Unknown"/>).</summary>
    public static ImportFormatException UnknownContent(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text.TrimStart('\uFEFF'), new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("FullStudiesResponse", out _))
                return new ImportFormatException("ClinicalTrials.gov's classic (v1) API response, which is not read: download the study from the current API (v2, /api/v2/studies/NCT...) and import that", 1);
            return new ImportFormatException("JSON, but neither the curated reference library nor CSL-JSON nor ClinicalTrials.gov study JSON", 1);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            return new ImportFormatException(
                $"not a file this knowledge base reads: it is not JSON (line {line} breaks it) although it starts with '{text.TrimStart('\uFEFF').TrimStart()[0]}', and not RIS, BibTeX, PubMed MEDLINE or Web of Science either; articles are plain text that does not start with '[' or '{{'",
                line);
        }
    }

    public static bool IsJsonName(string path) => Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikeJson(string text)
    {
        var first = text.AsSpan().TrimStart();
        return first.Length > 0 && (first[0] == '[' || first[0] == '{');
    }
}

/// <summary>The kinds of file the importer reads.</summary>
public enum ImportContent
{
    Unknown,
    Articles,
    CuratedLibrary,
    References,
}
