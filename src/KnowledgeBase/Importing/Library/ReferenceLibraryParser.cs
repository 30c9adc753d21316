using System.Globalization;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange.Parsing;

using KnowledgeBase.Primitives;
using KnowledgeBase.Classification;
namespace KnowledgeBase.Importing.Library;

/// <summary>
/// Parses the curated reference library (seeds/reference-library.json): a JSON array of records.
/// Pure and strict: the first problem rejects the whole file with an <see cref="ImportFormatException"/>
/// naming the line, the record (its id, or "#n" by position) and the field.
/// </summary>
public static class ReferenceLibraryParser
{
    private static readonly string[] RecordFields =
    [
        "id", "short_label", "record_type", "citation", "pmid", "pmcid", "doi", "nct_ids", "phase", "design",
        "n_enrolled", "n_detail", "cell_type", "cell_source", "route", "dosing", "main_results", "abstract",
        "unverified", "verified_from",
    ];

    private static readonly string[] CitationFields = ["authors", "title", "journal", "year", "volume", "issue", "pages"];

    private static readonly Dictionary<string, StudyKind> KindsByRecordType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["clinical_trial_publication"] = StudyKind.TrialReport,
        ["clinical_study_publication"] = StudyKind.TrialReport,
        ["clinical_trial_protocol_and_topline"] = StudyKind.TrialProtocol,
        ["observational_case_control_publication"] = StudyKind.ObservationalStudy,
        ["systematic_review"] = StudyKind.SystematicReview,
        ["narrative_review"] = StudyKind.NarrativeReview,
        ["survey_publication"] = StudyKind.Survey,
        ["company_press_release"] = StudyKind.PressRelease,
        ["regulatory_event"] = StudyKind.RegulatoryDecision,
    };

    private const string RegistryRecordPrefix = "registered_trial_";

    public static IReadOnlyList<LibraryRecord> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (string.IsNullOrWhiteSpace(json.TrimStart('\uFEFF')))
            throw new ImportFormatException("The reference library is empty: expected a JSON array of records.", 1);

        var utf8 = Encoding.UTF8.GetBytes(json.StartsWith('\uFEFF') ? json[1..] : json);

        var locations = LibraryJsonLocations.Scan(utf8);
        using var document = ParseDocument(utf8);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new ImportFormatException(
                $"The reference library must be a JSON array of records, but line {locations.RootLine} starts {RecordFieldReader.Describe(root)}.",
                locations.RootLine);
        }

        var records = new List<LibraryRecord>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var record = ParseRecord(element, index, locations);
            if (seen.TryGetValue(record.Id, out var first))
            {
                var firstLine = locations.RecordLine(first);
                var at = firstLine is null ? "" : $", line {firstLine}";
                throw new RecordFieldReader(element, index, record.Id, locations).Error(
                    "id", $"duplicate id '{record.Id}': already used by record #{(first + 1).ToString(CultureInfo.InvariantCulture)}{at}");
            }

            seen.Add(record.Id, index);
            records.Add(record);
            index++;
        }

        return records;
    }

    /// <summary>Maps a library record_type to a <see cref="StudyKind"/>; unknown types are <see cref="StudyKind.Other"/>.</summary>
    public static StudyKind KindOf(string? recordType)
    {
        if (string.IsNullOrWhiteSpace(recordType)) return StudyKind.Other;
        var type = recordType.Trim();
        if (KindsByRecordType.TryGetValue(type, out var kind)) return kind;
        return type.StartsWith(RegistryRecordPrefix, StringComparison.OrdinalIgnoreCase) ? StudyKind.RegistryRecord : StudyKind.Other;
    }

    private static JsonDocument ParseDocument(byte[] utf8)
    {
        try
        {
            return JsonDocument.Parse(utf8, new JsonDocumentOptions
            {
                AllowTrailingCommas = false,
                CommentHandling = JsonCommentHandling.Disallow,
            });
        }
        catch (JsonException ex)
        {
            // The scan above already validated the syntax; this is a safety net.
            var line = (ex.LineNumber ?? 0) + 1;
            throw new ImportFormatException($"Not valid JSON at line {line}.", line, null, ex);
        }
    }

    private static LibraryRecord ParseRecord(JsonElement element, int index, LibraryJsonLocations locations)
    {
        var position = "#" + (index + 1).ToString(CultureInfo.InvariantCulture);
        if (element.ValueKind != JsonValueKind.Object)
        {
            var line = locations.RecordLine(index);
            throw new ImportFormatException(
                $"Record {position} (line {line}): each record must be a JSON object, but this one is {RecordFieldReader.Describe(element)}",
                line, position);
        }

        var unnamed = new RecordFieldReader(element, index, position, locations);
        var id = unnamed.OptionalText("id") ?? throw unnamed.Error("id", unnamed.Get("id") is null ? "'id' is missing" : "'id' is empty");
        var fields = new RecordFieldReader(element, index, id, locations);

        if (locations.DuplicateField(index) is { } duplicate)
        {
            throw new ImportFormatException(
                $"Record {id} (line {duplicate.Line}): field '{duplicate.Path}' appears twice", duplicate.Line, id);
        }

        CheckKnownFields(fields, element, RecordFields, "");
        var recordType = fields.RequiredText("record_type");

        if (fields.Get("citation") is not { } citation)
            throw fields.Error("citation", "'citation' is missing (it must be an object holding at least the title)");
        if (citation.ValueKind != JsonValueKind.Object)
            throw fields.WrongType("citation", "an object", citation);
        CheckKnownFields(fields, citation, CitationFields, "citation.");

        var cellType = fields.OptionalText("cell_type");
        var cellSource = fields.OptionalText("cell_source");

        return new LibraryRecord
        {
            Id = id,
            RecordType = recordType,
            Kind = KindOf(recordType),
            ShortLabel = fields.OptionalText("short_label"),
            Title = fields.RequiredText("citation.title"),
            Authors = fields.OptionalText("citation.authors"),
            Journal = fields.OptionalText("citation.journal"),
            Year = fields.OptionalInt("citation.year", 1800, 2200),
            Volume = fields.OptionalText("citation.volume", allowNumber: true),
            Issue = fields.OptionalText("citation.issue", allowNumber: true),
            Pages = fields.OptionalText("citation.pages", allowNumber: true),
            Pmid = Pmid(fields),
            Pmcid = Pmcid(fields),
            Doi = Doi(fields),
            NctIds = NctIds(fields),
            Phase = fields.OptionalText("phase"),
            Design = fields.OptionalText("design"),
            Participants = fields.OptionalInt("n_enrolled", 0, int.MaxValue),
            ParticipantsDetail = fields.OptionalText("n_detail"),
            CellType = cellType,
            CellSource = cellSource,
            Route = fields.OptionalText("route"),
            Dosing = fields.OptionalText("dosing"),
            MainResults = fields.OptionalText("main_results"),
            Abstract = BibText.CleanParagraphs(fields.OptionalText("abstract")),
            Unverified = fields.TextList("unverified"),
            VerifiedFrom = fields.TextList("verified_from"),
            TherapyTypes = TherapyClassifier.Classify(cellType, cellSource),
        };
    }

    /// <summary>
    /// Rejects fields the library format does not define: a misspelt "unverified" would otherwise
    /// silently turn unconfirmed facts into confirmed ones.
    /// </summary>
    private static void CheckKnownFields(RecordFieldReader fields, JsonElement obj, string[] known, string prefix)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw fields.Error(prefix + property.Name,
                    $"unknown field '{prefix}{property.Name}' (expected: {string.Join(", ", known)})");
            }
        }
    }

    private static string? Pmid(RecordFieldReader fields)
    {
        var raw = fields.OptionalText("pmid", allowNumber: true);
        if (raw is null) return null;
        return Identifiers.NormalizePmid(raw)
            ?? throw fields.Error("pmid", $"'pmid' must be a PubMed id (digits only), but is \"{RecordFieldReader.Shorten(raw)}\"");
    }

    private static string? Pmcid(RecordFieldReader fields)
    {
        var raw = fields.OptionalText("pmcid");
        if (raw is null) return null;
        var normalized = Identifiers.NormalizePmcid(raw);
        if (normalized is null || !string.Equals(Compact(raw), normalized, StringComparison.OrdinalIgnoreCase))
            throw fields.Error("pmcid", $"'pmcid' must be \"PMC\" followed by digits, but is \"{RecordFieldReader.Shorten(raw)}\"");
        return normalized;
    }

    private static string? Doi(RecordFieldReader fields)
    {
        var raw = fields.OptionalText("doi");
        if (raw is null) return null;
        var normalized = raw.StartsWith("10.", StringComparison.Ordinal) && !raw.Any(char.IsWhiteSpace)
            ? Identifiers.NormalizeDoi(raw)
            : null;
        return normalized
            ?? throw fields.Error("doi", $"'doi' must be a bare DOI starting with \"10.\" (e.g. 10.1001/jamaneurol.2015.4321), but is \"{RecordFieldReader.Shorten(raw)}\"");
    }

    private static List<string> NctIds(RecordFieldReader fields)
    {
        var ids = new List<string>();
        var raw = fields.TextList("nct_ids");
        for (var i = 0; i < raw.Count; i++)
        {
            var normalized = Identifiers.NormalizeNct(raw[i]);
            if (normalized is null || !string.Equals(Compact(raw[i]), normalized, StringComparison.OrdinalIgnoreCase))
            {
                throw fields.Error("nct_ids",
                    $"'nct_ids[{i.ToString(CultureInfo.InvariantCulture)}]' must be \"NCT\" followed by 8 digits, but is \"{RecordFieldReader.Shorten(raw[i])}\"");
            }

            if (!ids.Contains(normalized, StringComparer.Ordinal)) ids.Add(normalized);
        }

        return ids;
    }

    private static string Compact(string value) => string.Concat(value.Where(c => !char.IsWhiteSpace(c)));
}
