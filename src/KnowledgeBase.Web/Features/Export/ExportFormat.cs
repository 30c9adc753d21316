using System.Text;
using KnowledgeBase.Interchange.Writing;
using KnowledgeBase.Interchange;

namespace KnowledgeBase.Web.Features.Export;

/// <summary>A citation-list format: its name in URLs, label, content type, file extension and writer.</summary>
public sealed record ExportFormat(string Key, string Label, string ContentType, string Extension, Action<IEnumerable<BibRecord>, Stream> Write)
{
    public static IReadOnlyList<ExportFormat> All { get; } =
    [
        Text("ris", "RIS (Zotero, EndNote, Mendeley)", "application/x-research-info-systems", "ris", RisWriter.Write),
        Text("bibtex", "BibTeX", "application/x-bibtex", "bib", BibTexWriter.Write),
        new("csl-json", "CSL-JSON", "application/vnd.citationstyles.csl+json", "json", (records, stream) => CslJsonWriter.Write(records, stream)),
        Text("csv", "CSV (spreadsheet)", "text/csv", "csv", CsvWriters.WriteReferences, Utf8WithBom),
        Lines("vancouver", "Vancouver (text)", "text/plain", "txt", CitationFormatter.Vancouver),
        Lines("vancouver-html", "Vancouver (HTML)", "text/html", "html", CitationFormatter.VancouverHtml),
        Lines("ama", "AMA (text)", "text/plain", "txt", CitationFormatter.Ama),
        Lines("ama-html", "AMA (HTML)", "text/html", "html", CitationFormatter.AmaHtml),
    ];

    public static ExportFormat? Find(string? key) => All.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Characters a text writer gathers before encoding them to the stream (the default, 1,024, means a stream write per few lines).</summary>
    private const int WriterBuffer = 32 * 1024;

    /// <summary>CSV files start with a byte-order mark: spreadsheet programs then read them as UTF-8.</summary>
    public static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private static ExportFormat Text(string key, string label, string type, string extension, Action<IEnumerable<BibRecord>, TextWriter> write, Encoding? encoding = null) =>
        new(key, label, type, extension, (records, stream) =>
        {
            using var writer = new StreamWriter(stream, encoding ?? Utf8, WriterBuffer, leaveOpen: true);
            write(records, writer);
        });

    /// <summary>A numbered reference list, as a document's bibliography: one reference a line, or an HTML ordered list.</summary>
    private static ExportFormat Lines(string key, string label, string type, string extension, Func<BibRecord, string> format) =>
        new(key, label, type, extension, (records, stream) =>
        {
            using var writer = new StreamWriter(stream, Utf8, WriterBuffer, leaveOpen: true);
            var html = type == "text/html";
            if (html) writer.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>References</title></head><body>\n<ol>\n");
            var number = 0;
            foreach (var record in records)
            {
                number++;
                writer.Write(html
                    ? $"<li>{format(record)}</li>\n"
                    : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{number}. {format(record)}\n"));
            }
            if (html) writer.Write("</ol>\n</body></html>\n");
        });
}
