using KnowledgeBase.Domain;
using KnowledgeBase.Interchange.Parsing;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange.Writing;

/// <summary>
/// Writes records as RIS, the tagged format Zotero, EndNote, Mendeley and Rayyan import: one
/// "TAG  - value" line per field, CRLF line endings (as the RIS specification has it), each record closed by
/// "ER  - " and a blank line. Written record by record; nothing is buffered beyond the writer's own buffer.
/// </summary>
/// <remarks>
/// <para>Types: journal articles are JOUR; registry entries RPRT with M3 "Clinical trial registration",
/// the NCT id as report number (SN) and accession number (AN), the sponsor as publisher (PB) and DB
/// "ClinicalTrials.gov": Zotero reads these back as a Report with its report type, number and institution,
/// EndNote as a Report with the NCT id as accession number. Press releases are GEN with M3 "Press release",
/// regulators' documents GOVDOC, pages known only by address ELEC, anything else GEN.</para>
/// <para>Identifiers: PMID as AN (EndNote's accession number, where EndNote puts it for PubMed records;
/// Zotero keeps it as "Loc. in Archive") with DB "PubMed"; PMCID as C2 (where EndNote's PubMed import puts
/// it); DOI as DO. NCT ids of a publication go in an N1 note "Trial registration: ClinicalTrials.gov
/// NCT…", after the record's own note.</para>
/// <para>Authors: one AU line each, "Family, Given" (the given name as imported, in full when the source had it;
/// initials-only given names "JWM" written "J. W. M."); each group or whole-name author as written, without a comma added. An incomplete list gets the note
/// "N1  - Author list incomplete (et al.)": RIS cannot mark it, and an "AU  - et al." would become an author.</para>
/// <para>Values are single lines: line breaks inside a value become spaces.</para>
/// </remarks>
public static class RisWriter
{
    private const string NewLine = "\r\n";

    public static void Write(IEnumerable<BibRecord> records, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            WriteRecord(record, writer);
        }

        writer.Flush();
    }

    /// <summary>The RIS of one record, as <see cref="Write"/> writes it.</summary>
    public static string ToRis(BibRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var writer = new StringWriter();
        WriteRecord(record, writer);
        return writer.ToString();
    }

    private static void WriteRecord(BibRecord record, TextWriter writer)
    {
        var shape = WriterText.ShapeOf(record);
        Tag(writer, "TY", WriterText.BookLike(record, shape) is { } form ? PublicationForms.Ris(form) : TypeOf(shape));
        if (WriterText.Clean(record.SourceKey) is { } key) Tag(writer, "ID", key);

        foreach (var person in WriterText.People(record))
        {
            var family = WriterText.Clean(person.Family)!;
            var given = WriterText.ExportGiven(person.Given);
            // "Family, Given" without a string for it: both parts are clean, so the line is what Tag would write.
            writer.Write("AU  - ");
            writer.Write(family);
            if (given is not null)
            {
                writer.Write(", ");
                writer.Write(given);
            }

            writer.Write(NewLine);
        }

        foreach (var group in WriterText.CitedGroups(record, shape)) Tag(writer, "AU", group);

        Tag(writer, "TI", record.Title);
        if (shape == RecordShape.JournalArticle)
        {
            Tag(writer, "T2", record.Journal);
            Tag(writer, "J2", record.JournalAbbreviation);
        }
        else if (shape == RecordShape.TrialRegistration)
        {
            Tag(writer, "M3", WriterText.TrialGenre);
            Tag(writer, "PB", WriterText.TrialSponsor(record));
            Tag(writer, "DB", WriterText.TrialRegistry);
            foreach (var nct in record.NctIds) Tag(writer, "SN", nct);
            foreach (var nct in record.NctIds) Tag(writer, "AN", nct);
        }
        else if (shape == RecordShape.PressRelease)
        {
            Tag(writer, "M3", WriterText.PressReleaseGenre);
        }

        if (shape != RecordShape.TrialRegistration)
        {
            Tag(writer, "PB", record.Publisher);
            Tag(writer, "CY", record.PublisherPlace);
        }

        if (record.Year is { } year)
        {
            Tag(writer, "PY", WriterText.Number(year));
            if (record.Month is >= 1 and <= 12 && year is >= 1000 and <= 9999)
            {
                var day = record.Day is >= 1 and <= 31 ? record.Day.Value.ToString("00", System.Globalization.CultureInfo.InvariantCulture) : "";
                Tag(writer, "DA", $"{WriterText.Number(year)}/{record.Month.Value.ToString("00", System.Globalization.CultureInfo.InvariantCulture)}/{day}/");
            }
        }

        Tag(writer, "VL", record.Volume);
        Tag(writer, "IS", record.Issue);
        if (WriterText.Clean(record.Pages) is { } pages)
        {
            var (first, last) = WriterText.SplitPages(pages);
            Tag(writer, "SP", first);
            Tag(writer, "EP", last);
        }

        Tag(writer, "DO", record.Doi);
        if (shape != RecordShape.TrialRegistration && WriterText.Clean(record.Pmid) is { } pmid)
        {
            Tag(writer, "AN", pmid);
            Tag(writer, "DB", "PubMed");
        }

        Tag(writer, "C2", record.Pmcid);
        Tag(writer, "UR", record.Url);
        Tag(writer, "AB", record.Abstract);
        foreach (var keyword in record.Keywords) Tag(writer, "KW", keyword);
        Tag(writer, "N1", record.Note);
        if (record.AuthorsTruncated && (record.Authors.Count > 0 || record.CorporateAuthor is not null)) Tag(writer, "N1", AuthorListNote.Text);
        if (shape != RecordShape.TrialRegistration && record.NctIds.Count > 0)
            Tag(writer, "N1", $"Trial registration: {WriterText.TrialRegistry} {string.Join(", ", record.NctIds)}");

        writer.Write("ER  - ");
        writer.Write(NewLine);
        writer.Write(NewLine);
    }

    private static string TypeOf(RecordShape shape) => shape switch
    {
        RecordShape.JournalArticle => "JOUR",
        RecordShape.TrialRegistration => "RPRT",
        RecordShape.RegulatoryDocument => "GOVDOC",
        RecordShape.Webpage => "ELEC",
        _ => "GEN",
    };

    private static void Tag(TextWriter writer, string tag, string? value)
    {
        var text = WriterText.Clean(value);
        if (text is null) return;
        writer.Write(tag);
        writer.Write("  - ");
        writer.Write(text);
        writer.Write(NewLine);
    }
}
