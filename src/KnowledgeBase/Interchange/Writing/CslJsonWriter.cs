using KnowledgeBase.Domain;
using System.Text.Encodings.Web;
using System.Text.Json;
using KnowledgeBase.Interchange.Parsing;

namespace KnowledgeBase.Interchange.Writing;

/// <summary>
/// Writes records as CSL-JSON, the item format of citeproc-js, Zotero, Pandoc and citation.js: a JSON array
/// of items, UTF-8 without a byte-order mark, each item flushed to the stream as soon as it is written.
/// </summary>
/// <remarks>
/// <para>Types: journal articles are <c>article-journal</c>; registry entries <c>report</c> with genre
/// "Clinical trial registration", the NCT id as <c>number</c> and the sponsor as <c>publisher</c> (the
/// shape Zotero gives ClinicalTrials.gov records, so Zotero imports them as Reports); press releases
/// <c>report</c> with genre "Press release"; regulators' documents and anything else <c>document</c>;
/// records known only by address <c>webpage</c>.</para>
/// <para>Authors: people as <c>{family, given}</c> (initials-only given names "JWM" written "J. W. M.",
/// which citeproc reads as three initials); each group or whole-name author as its own <c>{literal}</c>. CSL-JSON has no way
/// to say an author list is incomplete, and a name <c>{"literal": "et al."}</c> would be an author called
/// "et al." to every tool that reads the file: a truncated list is said in the note instead
/// ("Author list incomplete (et al.)", which this knowledge base's reader takes back as the flag).</para>
/// <para>NCT ids of a publication, having no CSL variable, are written in the note
/// ("ClinicalTrials.gov identifier: NCT…"), after the record's own note.</para>
/// </remarks>
public static class CslJsonWriter
{
    /// <summary>The name that closes an incomplete author list.</summary>
    public const string EtAl = "et al.";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // The file is data for reference managers, never embedded in HTML: keep "ń", "®", "–" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(IEnumerable<BibRecord> records, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, Options);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        json.WriteStartArray();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            position++;
            WriteItem(json, record, UniqueId(record, position, ids));
            json.Flush();
        }

        json.WriteEndArray();
        json.Flush();
    }

    /// <summary>The CSL type a record is written with.</summary>
    public static string TypeOf(BibRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var shape = WriterText.ShapeOf(record);
        return WriterText.BookLike(record, shape) is { } form ? CslType(form) : TypeOf(shape);
    }

    private static string CslType(PublicationForm form) => form switch
    {
        PublicationForm.Book => "book",
        PublicationForm.Chapter => "chapter",
        PublicationForm.Report => "report",
        PublicationForm.Thesis => "thesis",
        PublicationForm.ConferencePaper => "paper-conference",
        _ => "document",
    };

    private static string TypeOf(RecordShape shape) => shape switch
    {
        RecordShape.JournalArticle => "article-journal",
        RecordShape.TrialRegistration or RecordShape.PressRelease => "report",
        RecordShape.Webpage => "webpage",
        _ => "document",
    };

    // The record's own key when it has one, else its strongest identifier; "-2", "-3" when already taken.
    private static string UniqueId(BibRecord record, int position, HashSet<string> ids)
    {
        var id = WriterText.Clean(record.SourceKey)
            ?? (WriterText.Clean(record.Doi) is { } doi ? "doi:" + doi : null)
            ?? (WriterText.Clean(record.Pmid) is { } pmid ? "pmid:" + pmid : null)
            ?? (record.NctIds.Count > 0 ? record.NctIds[0] : null)
            ?? "item-" + WriterText.Number(position);
        if (ids.Add(id)) return id;
        for (var n = 2; ; n++)
        {
            var candidate = id + "-" + WriterText.Number(n);
            if (ids.Add(candidate)) return candidate;
        }
    }

    private static void WriteItem(Utf8JsonWriter json, BibRecord record, string id)
    {
        var shape = WriterText.ShapeOf(record);
        json.WriteStartObject();
        json.WriteString("id", id);
        var form = WriterText.BookLike(record, shape);
        json.WriteString("type", form is { } f ? CslType(f) : TypeOf(shape));
        Text(json, "title", record.Title);

        var people = WriterText.People(record).ToList();
        var groups = WriterText.CitedGroups(record, shape);
        if (people.Count > 0 || groups.Count > 0)
        {
            json.WriteStartArray("author");
            foreach (var person in people)
            {
                json.WriteStartObject();
                json.WriteString("family", WriterText.Clean(person.Family));
                if (WriterText.ExportGiven(person.Given) is { } given) json.WriteString("given", given);
                json.WriteEndObject();
            }

            foreach (var group in groups) Literal(json, group);
            json.WriteEndArray();
        }

        if (form is not null)
        {
            if (form is PublicationForm.Chapter or PublicationForm.ConferencePaper) Text(json, "container-title", record.Journal);
            Text(json, "publisher", record.Publisher);
            Text(json, "publisher-place", record.PublisherPlace);
        }
        else switch (shape)
        {
            case RecordShape.JournalArticle:
                Text(json, "container-title", record.Journal);
                Text(json, "container-title-short", record.JournalAbbreviation);
                break;
            case RecordShape.TrialRegistration:
                json.WriteString("genre", WriterText.TrialGenre);
                if (record.NctIds.Count > 0) json.WriteString("number", string.Join(", ", record.NctIds));
                Text(json, "publisher", WriterText.TrialSponsor(record));
                break;
            case RecordShape.PressRelease:
                json.WriteString("genre", WriterText.PressReleaseGenre);
                break;
        }

        if (record.Year is { } year)
        {
            json.WriteStartObject("issued");
            json.WriteStartArray("date-parts");
            json.WriteStartArray();
            json.WriteNumberValue(year);
            if (record.Month is >= 1 and <= 12)
            {
                json.WriteNumberValue(record.Month.Value);
                if (record.Day is >= 1 and <= 31) json.WriteNumberValue(record.Day.Value);
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        Text(json, "volume", record.Volume);
        Text(json, "issue", record.Issue);
        Text(json, "page", record.Pages);
        Text(json, "DOI", record.Doi);
        Text(json, "PMID", record.Pmid);
        Text(json, "PMCID", record.Pmcid);
        Text(json, "URL", record.Url);

        var note = WriterText.Clean(record.Note);
        if (record.AuthorsTruncated && (people.Count > 0 || groups.Count > 0))
            note = note is null ? AuthorListNote.Text : note + "\n" + AuthorListNote.Text;
        if (shape != RecordShape.TrialRegistration && record.NctIds.Count > 0)
        {
            var registration = $"{WriterText.TrialRegistry} identifier: {string.Join(", ", record.NctIds)}";
            note = note is null ? registration : note + "\n" + registration;
        }

        Text(json, "note", note);
        if (record.Keywords.Count > 0)
            Text(json, "keyword", string.Join(", ", record.Keywords.Select(WriterText.Clean).OfType<string>()));
        var paragraphs = WriterText.Paragraphs(record.Abstract);
        if (paragraphs.Count > 0) json.WriteString("abstract", string.Join("\n\n", paragraphs));
        json.WriteEndObject();
    }

    private static void Literal(Utf8JsonWriter json, string name)
    {
        json.WriteStartObject();
        json.WriteString("literal", name);
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        // Notes keep their line breaks (citeproc reads "key: value" lines in notes); other values are single lines.
        var text = name == "note" ? value?.Trim() : WriterText.Clean(value);
        if (!string.IsNullOrEmpty(text)) json.WriteString(name, text);
    }
}
