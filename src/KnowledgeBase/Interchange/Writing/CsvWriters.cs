using System.Globalization;
using System.Text;

namespace KnowledgeBase.Interchange.Writing;

/// <summary>
/// Spreadsheet exports: the reference list and the claim–evidence links, as CSV.
/// </summary>
/// <remarks>
/// <para>RFC 4180: a header row, fields separated by commas, records ended by CRLF, a field quoted when it
/// holds a comma, a quote, a line break or leading/trailing spaces, quotes inside doubled. Line breaks
/// inside a value are kept (quoted), as RFC 4180 allows.</para>
/// <para><b>Formula injection.</b> A cell that starts with =, +, -, @, a tab or a carriage return is
/// prefixed with a single quote (') so that Excel, LibreOffice and Google Sheets show it as text instead
/// of running it as a formula (OWASP's advice). This also applies to text that merely looks like a
/// negative number; the header row is constant and safe.</para>
/// <para><b>Encoding.</b> The writers write characters; the caller chooses the encoding. Use UTF-8; Excel
/// only detects UTF-8 when the file starts with a byte-order mark, so a download meant for Excel should be
/// written through <c>new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)</c> (or have
/// <see cref="Utf8Bom"/> written first). The writers never write the mark themselves, so their output can be
/// appended to or compared as text.</para>
/// <para>Rows are written one at a time; nothing is collected in memory.</para>
/// </remarks>
public static class CsvWriters
{
    /// <summary>The UTF-8 byte-order mark a caller may write before the CSV so that Excel reads it as UTF-8.</summary>
    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static readonly IReadOnlyList<string> ReferenceColumns =
    [
        "kind", "type", "title", "authors", "journal", "year", "volume", "issue", "pages",
        "doi", "pmid", "pmcid", "nct_ids", "url", "note", "abstract",
    ];

    public static readonly IReadOnlyList<string> ClaimLinkColumns =
    [
        "claim_id", "source_title", "quote", "relation", "assessment", "note",
        "evidence_title", "doi", "pmid", "nct_ids", "created_by", "created_at",
    ];

    /// <summary>
    /// One row per reference. <c>authors</c> is written as the library writes it: "Family Initials" separated
    /// by commas, the corporate author after the people, ", et al." when the list is incomplete.
    /// <c>kind</c> is "Publication" or "RegisteredTrial"; <c>type</c> the record's publication type.
    /// </summary>
    public static void WriteReferences(IEnumerable<BibRecord> records, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writer);
        WriteRow(writer, ReferenceColumns);
        foreach (var r in records)
        {
            ArgumentNullException.ThrowIfNull(r, nameof(records));
            WriteRow(writer,
            [
                r.Kind.ToString(),
                r.PublicationType,
                r.Title,
                Authors(r),
                r.Journal,
                r.Year?.ToString(CultureInfo.InvariantCulture),
                r.Volume,
                r.Issue,
                r.Pages,
                r.Doi,
                r.Pmid,
                r.Pmcid,
                string.Join(", ", r.NctIds),
                r.Url,
                r.Note,
                r.Abstract,
            ]);
        }

        writer.Flush();
    }

    /// <summary>One row per claim–evidence link; <c>created_at</c> is ISO 8601 UTC ("2026-11-21T18:00:00Z").</summary>
    public static void WriteClaimLinks(IEnumerable<ClaimEvidenceRow> rows, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        WriteRow(writer, ClaimLinkColumns);
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            var createdAt = row.CreatedAt.Kind == DateTimeKind.Local ? row.CreatedAt.ToUniversalTime() : row.CreatedAt;
            WriteRow(writer,
            [
                row.ClaimId.ToString(CultureInfo.InvariantCulture),
                row.SourceTitle,
                row.Quote,
                row.Relation,
                row.Assessment,
                row.Note,
                row.EvidenceTitle,
                row.Doi,
                row.Pmid,
                row.NctIds,
                row.CreatedBy,
                createdAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ]);
        }

        writer.Flush();
    }

    private static string Authors(BibRecord record)
    {
        var names = WriterText.People(record).Select(WriterText.VancouverName).ToList();
        names.AddRange(record.Groups.Select(WriterText.Clean).OfType<string>());
        if (record.AuthorsTruncated && names.Count > 0) names.Add("et al.");
        return string.Join(", ", names);
    }

    private static void WriteRow(TextWriter writer, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) writer.Write(',');
            WriteField(writer, cells[i]);
        }

        writer.Write("\r\n");
    }

    /// <summary>What <see cref="Field"/> gives, written straight to the writer: a quoted abstract is not copied twice first.</summary>
    private static void WriteField(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        var guarded = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (!guarded && value[0] == ' ') || value[^1] == ' ';
        if (quote) writer.Write('"');
        if (guarded) writer.Write('\'');
        var rest = value.AsSpan();
        for (var at = rest.IndexOf('"'); at >= 0; at = rest.IndexOf('"'))
        {
            writer.Write(rest[..(at + 1)]);
            writer.Write('"');
            rest = rest[(at + 1)..];
        }

        writer.Write(rest);
        if (quote) writer.Write('"');
    }

    /// <summary>A cell as written: neutralised against formula injection, then quoted if RFC 4180 needs it.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        var quote = text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || text[0] == ' ' || text[^1] == ' ';
        if (!quote) return text;
        var builder = new StringBuilder(text.Length + 8);
        builder.Append('"');
        builder.Append(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        builder.Append('"');
        return builder.ToString();
    }
}
