using KnowledgeBase.Domain;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Interchange.Writing;

/// <summary>
/// Writes records as BibTeX for LaTeX users (biber/biblatex, or BibTeX with a UTF-8 aware setup).
/// </summary>
/// <remarks>
/// <para><b>Encoding.</b> Text stays Unicode and the file is meant to be saved as UTF-8: biber reads UTF-8
/// natively, and converting "Zdolińska" or "®" to LaTeX accent commands would be lossy for scripts that
/// have none. Only the characters LaTeX treats specially are escaped: &amp; % $ # _ { } become \&amp; \% \$
/// \# \_ \{ \}, ~ ^ \ become \textasciitilde{} \textasciicircum{} \textbackslash{}, and the ligatures "--", "``" and "''"
/// are broken with an empty group ("-{}-") so they print as typed. Words with capitals
/// after their first letter ("ALS", "NurOwn", "MSC-NTF") are wrapped in braces so styles that change case
/// keep them, as Zotero's export does. <c>doi</c> and <c>url</c> are verbatim fields in biblatex and are
/// written unescaped (braces in an address are percent-encoded).</para>
/// <para><b>Types.</b> Journal articles are <c>@article</c>; everything else (registry entries, press
/// releases, regulators' documents, web pages) is <c>@misc</c> with <c>howpublished</c> saying what it is.</para>
/// <para><b>Keys.</b> First author's family name (or the first word of a corporate author; "anon" without
/// either), year and the first significant word of the title, lower-case ASCII: "petrou2016safety".
/// A key already used in the same output gets "b", then "c" and so on: the first keeps the plain key, so a
/// key never changes because of a record that comes after it.</para>
/// <para><b>Identifiers.</b> <c>doi</c>; the PMID as <c>pmid</c> and as <c>eprint</c> with
/// <c>eprinttype = {pubmed}</c> (biblatex prints "PMID: n"); <c>pmcid</c>; NCT ids in <c>note</c>
/// ("ClinicalTrials.gov identifier: NCT…").</para>
/// </remarks>
public static class BibTexWriter
{
    private static readonly string[] MonthMacros = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly char[] WordBreaks = [' ', '-', '–', '—', '/', ':', '(', ')', '[', ']', ',', '.'];

    /// <summary>The characters <see cref="Escape"/> replaces.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create("&%$#_{}~^\\");

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "on", "in", "for", "and", "to", "with", "at", "by", "from", "is", "are", "as",
    };

    public static void Write(IEnumerable<BibRecord> records, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writer);
        var keys = new CitationKeys();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            WriteRecord(record, keys.Next(record), writer);
        }

        writer.Flush();
    }

    /// <summary>The key a record gets when nothing before it in the output has taken it.</summary>
    public static string BaseKey(BibRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var who = WriterText.People(record).Select(p => WriterText.AsciiKey(p.Family)).FirstOrDefault(k => k.Length > 0);
        if (who is null && WriterText.Clean(record.CorporateAuthor ?? record.Sponsor) is { } corporate)
        {
            who = corporate.Split([' ', '-', '–', '—', '/', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries)
                .Select(WriterText.AsciiKey).FirstOrDefault(w => w.Length > 0);
        }

        var word = (record.Title ?? "")
            .Split(WordBreaks, StringSplitOptions.RemoveEmptyEntries)
            .Select(WriterText.AsciiKey)
            .FirstOrDefault(w => w.Length > 0 && !StopWords.Contains(w)) ?? "";
        var year = record.Year is { } y ? WriterText.Number(y) : "";
        return (who ?? "anon") + year + word;
    }

    private static void WriteRecord(BibRecord record, string key, TextWriter writer)
    {
        var shape = WriterText.ShapeOf(record);
        var form = WriterText.BookLike(record, shape);
        writer.Write(form is { } f ? "@" + PublicationForms.BibTex(f) + "{" : shape == RecordShape.JournalArticle ? "@article{" : "@misc{");
        writer.Write(key);
        writer.Write(",\n");

        var authors = new List<string>();
        foreach (var person in WriterText.People(record))
        {
            // "Family, Given": the comma form keeps a family name of several words ("Abdul Wahid") whole.
            var family = Escape(WriterText.Clean(person.Family)!);
            var given = WriterText.ExportGiven(person.Given);
            authors.Add(given is null ? family : family + ", " + Escape(given));
        }

        foreach (var group in WriterText.CitedGroups(record, shape)) authors.Add("{" + Escape(group) + "}");
        if (record.AuthorsTruncated && authors.Count > 0) authors.Add("others");
        if (authors.Count > 0) Field(writer, "author", string.Join(" and ", authors));

        if (WriterText.Clean(record.Title) is { } title) Field(writer, "title", ProtectCase(Escape(title)));
        if (form is not null)
        {
            // A chapter's or a paper's container is its book or proceedings; a book, report or thesis has none.
            if (form is PublicationForm.Chapter or PublicationForm.ConferencePaper) Field(writer, "booktitle", Text(record.Journal));
            Field(writer, form switch
            {
                PublicationForm.Report => "institution",
                PublicationForm.Thesis => "school",
                _ => "publisher",
            }, Text(record.Publisher));
            Field(writer, "address", Text(record.PublisherPlace));
        }
        else if (shape == RecordShape.JournalArticle)
        {
            Field(writer, "journal", Text(record.Journal));
            Field(writer, "shortjournal", Text(record.JournalAbbreviation));
        }
        else
        {
            Field(writer, "howpublished", shape switch
            {
                RecordShape.TrialRegistration => WriterText.TrialGenre + ", " + WriterText.TrialRegistry,
                RecordShape.PressRelease => WriterText.PressReleaseGenre,
                RecordShape.RegulatoryDocument => Text(record.PublicationType) ?? "Regulatory document",
                RecordShape.Webpage => "Web page",
                _ => Text(record.PublicationType),
            });
            if (shape == RecordShape.TrialRegistration) Field(writer, "organization", Text(WriterText.TrialSponsor(record)));
        }

        if (record.Year is { } year) Field(writer, "year", WriterText.Number(year));
        if (record.Month is >= 1 and <= 12)
            writer.Write($"  month = {MonthMacros[record.Month.Value - 1]},\n");
        Field(writer, "volume", Text(record.Volume));
        Field(writer, "number", Text(record.Issue));
        if (WriterText.Clean(record.Pages) is { } pages)
        {
            var (first, last) = WriterText.SplitPages(pages);
            Field(writer, "pages", last is null ? Escape(first) : Escape(first) + "--" + Escape(last));
        }

        Field(writer, "doi", Verbatim(record.Doi));
        if (WriterText.Clean(record.Pmid) is { } pmid)
        {
            Field(writer, "pmid", Escape(pmid));
            Field(writer, "eprint", Escape(pmid));
            Field(writer, "eprinttype", "pubmed");
        }

        Field(writer, "pmcid", Text(record.Pmcid));
        Field(writer, "url", Verbatim(record.Url));

        var notes = new StringBuilder();
        if (record.NctIds.Count > 0) notes.Append($"{WriterText.TrialRegistry} identifier: {string.Join(", ", record.NctIds)}");
        if (WriterText.Clean(record.Note) is { } note) WriterText.AppendDelimited(notes, note, ". ");
        if (notes.Length > 0) Field(writer, "note", Escape(notes.ToString()));

        if (record.Keywords.Count > 0)
            Field(writer, "keywords", Escape(string.Join(", ", record.Keywords.Select(WriterText.Clean).OfType<string>())));
        // Paragraphs stay apart: a blank line inside a field is LaTeX's paragraph break, and readers keep it.
        var paragraphs = WriterText.Paragraphs(record.Abstract);
        if (paragraphs.Count > 0) Field(writer, "abstract", string.Join("\n\n", paragraphs.Select(Escape)));
        writer.Write("}\n\n");
    }

    private static string? Text(string? value) => WriterText.Clean(value) is { } text ? Escape(text) : null;

    private static string? Verbatim(string? value) =>
        WriterText.Clean(value)?.Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal);

    private static void Field(TextWriter writer, string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        writer.Write("  ");
        writer.Write(name);
        writer.Write(" = {");
        writer.Write(value);
        writer.Write("},\n");
    }

    /// <summary>Escapes the characters LaTeX treats specially; everything else, Unicode included, is kept.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Most values (abstracts included) need nothing: returned as they are rather than copied.
        if (text.AsSpan().IndexOfAny(Escaped) < 0 && !text.Contains("--", StringComparison.Ordinal)
            && !text.Contains("``", StringComparison.Ordinal) && !text.Contains("''", StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&' or '%' or '$' or '#' or '_' or '{' or '}':
                    builder.Append('\\').Append(c);
                    break;
                case '~':
                    builder.Append(@"\textasciitilde{}");
                    break;
                case '^':
                    builder.Append(@"\textasciicircum{}");
                    break;
                case '\\':
                    builder.Append(@"\textbackslash{}");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        // "--", "``" and "''" are ligatures in LaTeX (a dash, quotes): break them so the characters stay as written.
        return builder.Replace("--", "-{}-").Replace("--", "-{}-").Replace("``", "`{}`").Replace("''", "'{}'").ToString();
    }

    /// <summary>Braces words with a capital after their first letter ("{ALS}", "{NurOwn}"), so styles that lower-case titles keep them.</summary>
    /// <summary>A capital letter anywhere after the word's first letter ("mRNA", "iPSC", "McDonald"): case to protect.</summary>
    private static bool HasCapitalAfterFirstLetter(ReadOnlySpan<char> word)
    {
        var seenLetter = false;
        foreach (var c in word)
        {
            if (!char.IsLetter(c)) continue;
            if (seenLetter && char.IsUpper(c)) return true;
            seenLetter = true;
        }

        return false;
    }

    private static string ProtectCase(string escaped)
    {
        var words = escaped.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word.Contains('\\', StringComparison.Ordinal) || word.Contains('{', StringComparison.Ordinal)) continue;
            var start = 0;
            var end = word.Length;
            while (start < end && !char.IsLetterOrDigit(word[start])) start++;
            while (end > start && !char.IsLetterOrDigit(word[end - 1])) end--;
            if (HasCapitalAfterFirstLetter(word.AsSpan(start, end - start))) words[i] = word[..start] + "{" + word[start..end] + "}" + word[end..];
        }

        return string.Join(' ', words);
    }

    /// <summary>Hands out unique keys in output order.</summary>
    private sealed class CitationKeys
    {
        private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Per base key, the first suffix number not yet known to be taken: every smaller one is in <see cref="_used"/>,
        /// which only grows, so the search resumes there. Without it the n-th record of a common key ("smith2019stem")
        /// tried n suffixes, quadratic in a large library.
        /// </summary>
        private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.OrdinalIgnoreCase);

        public string Next(BibRecord record)
        {
            var key = BaseKey(record);
            if (_used.Add(key)) return key;
            ref var next = ref CollectionsMarshal.GetValueRefOrAddDefault(_nextSuffix, key, out _);
            for (var n = Math.Max(next, 1); ; n++)
            {
                var candidate = key + Suffix(n);
                if (_used.Add(candidate))
                {
                    next = n + 1;
                    return candidate;
                }
            }
        }

        // 1 → "b", 2 → "c", ..., 24 → "z", 25 → "ba"...: letters like the year suffixes of author–date styles.
        private static string Suffix(int n)
        {
            var builder = new StringBuilder();
            do
            {
                builder.Insert(0, (char)('a' + (n % 26)));
                n /= 26;
            }
            while (n > 0);
            return builder.ToString();
        }
    }
}
