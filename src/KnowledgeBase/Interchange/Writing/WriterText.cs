using KnowledgeBase.Domain;
using System.Globalization;
using System.Text;

namespace KnowledgeBase.Interchange.Writing;

/// <summary>Helpers shared by the writers: record classification, names, pages, dates. Culture-invariant throughout.</summary>
internal static partial class WriterText
{
    /// <summary>The report genre written for registry entries; the wording Zotero uses for ClinicalTrials.gov records.</summary>
    public const string TrialGenre = "Clinical trial registration";

    public const string PressReleaseGenre = "Press release";

    /// <summary>The registry every NCT id belongs to.</summary>
    public const string TrialRegistry = "ClinicalTrials.gov";

    private static readonly string[] ShortMonths =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static RecordShape ShapeOf(BibRecord record)
    {
        var type = record.PublicationType ?? "";
        // "Registered clinical trial" as BibRecordMapping writes it, "Registry Record" or "Clinical trial
        // registration" as other tools do; not a journal's "Registered Report".
        if (record.Kind == BibRecordKind.RegisteredTrial
            || Has(type, "registry record") || Has(type, "registered clinical trial") || Has(type, "registered trial")
            || Has(type, "trial registration"))
        {
            return RecordShape.TrialRegistration;
        }

        if (Has(type, "press release") || Has(type, "press-release") || Has(type, "news release")) return RecordShape.PressRelease;
        if (Has(type, "regulat")) return RecordShape.RegulatoryDocument;
        if (!string.IsNullOrWhiteSpace(record.Journal)) return RecordShape.JournalArticle;
        return string.IsNullOrWhiteSpace(record.Url) ? RecordShape.Generic : RecordShape.Webpage;
    }

    /// <summary>
    /// The stored form of a book, chapter, report, thesis or conference paper, which every format writes as such (RIS
    /// type, BibTeX entry type, CSL type) and the styles print as their CSL files print that type; null for the rest
    /// (journal articles, web pages, documents, registry entries and press releases keep their shapes).
    /// </summary>
    public static PublicationForm? BookLike(BibRecord record, RecordShape shape) =>
        shape is RecordShape.TrialRegistration or RecordShape.PressRelease || record.Form is null or PublicationForm.JournalArticle or PublicationForm.WebPage or PublicationForm.Document
            ? null
            : record.Form;

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Prose in paragraphs (an abstract): each paragraph cleaned as by <see cref="Clean"/>, paragraphs apart where
    /// the text has a blank line; empty when blank.
    /// </summary>
    public static IReadOnlyList<string> Paragraphs(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        // One paragraph (most abstracts): no line break, so no blank line to split at.
        if (!value.Contains('\n', StringComparison.Ordinal)) return [Clean(value)!];
        return BlankLine().Split(value).Select(Clean).OfType<string>().ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\r?\n[ \t]*(?:\r?\n[ \t]*)+", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex BlankLine();

    /// <summary>Trimmed text with every run of white space (line breaks included) made one space; null when blank.</summary>
    public static string? Clean(string? value)
    {
        if (value is not null && IsClean(value)) return value;
        if (string.IsNullOrWhiteSpace(value)) return null;
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Already what <see cref="Clean"/> makes of it (most values are): not empty, single spaces between words, no other white space.</summary>
    private static bool IsClean(string value)
    {
        var afterSpace = true; // a leading space is not clean
        foreach (var c in value)
        {
            if (c == ' ')
            {
                if (afterSpace) return false;
                afterSpace = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                return false;
            }
            else
            {
                afterSpace = false;
            }
        }

        return !afterSpace; // neither empty nor ending in a space
    }

    /// <summary>
    /// The given name as exported: initials written together without dots ("JWM", as Vancouver lists print
    /// them) become "J. W. M.", which every reader (citeproc, biber, Zotero) takes for three initials; a
    /// real given name ("Nathan P.", "Ammar") is kept as it is.
    /// </summary>
    public static string? ExportGiven(string? given)
    {
        var text = Clean(given);
        if (text is null) return null;
        return IsRunOfInitials(text) || (text.Length == 1 && char.IsUpper(text[0])) ? Dotted(text) : text;
    }

    /// <summary>"JWM" → "J. W. M.": each letter with a period, spaced (one string, no string per letter: every author of every export goes through it).</summary>
    private static string Dotted(string initials) =>
        string.Create(initials.Length * 3 - 1, initials, static (span, letters) =>
        {
            for (var i = 0; i < letters.Length; i++)
            {
                span[3 * i] = letters[i];
                span[(3 * i) + 1] = '.';
                if (i < letters.Length - 1) span[(3 * i) + 2] = ' ';
            }
        });

    /// <summary>Initials without dots or spaces ("JWM" for "J. W. M.", "JWM" or "Jeff W. M."; "JP" for "Jean-Pierre").</summary>
    public static string Initials(PersonName name)
    {
        var given = Clean(name.Given);
        if (given is null) return "";
        return IsRunOfInitials(given) ? given : name.Initials;
    }

    /// <summary>"JWM", "NP": two to four capitals and nothing else.</summary>
    private static bool IsRunOfInitials(string text)
    {
        if (text.Length is < 2 or > 4) return false;
        foreach (var c in text)
        {
            if (!char.IsUpper(c)) return false;
        }

        return true;
    }

    /// <summary>
    /// Family name and initials as the Vancouver and AMA files print them: "Bulte JWM", "Barata C" for "Catarina";
    /// just the family name when there is no given name. The given name is the one the CSL-JSON export writes, initialised
    /// as citeproc-js does (<see cref="CslText.Initialize"/>), so a full given name kept from the import prints as its initials.
    /// </summary>
    public static string VancouverName(PersonName name)
    {
        var family = Clean(name.Family) ?? "";
        var initials = ExportGiven(name.Given) is { } given ? CslText.Initialize(given) : "";
        return initials.Length == 0 ? family : family + " " + initials;
    }

    /// <summary>The personal authors with a family name, in order.</summary>
    public static IEnumerable<PersonName> People(BibRecord record) =>
        record.Authors.Where(a => !string.IsNullOrWhiteSpace(a.Family));

    /// <summary>
    /// The group (and other whole-name) authors to cite, each as one name, in order. A trial registration is published by
    /// its sponsor and has no author of its own, so a group that merely repeats the sponsor is not cited as an author.
    /// </summary>
    public static IReadOnlyList<string> CitedGroups(BibRecord record, RecordShape shape)
    {
        var groups = record.Groups.Select(Clean).OfType<string>().ToList();
        if (shape == RecordShape.TrialRegistration)
            groups.RemoveAll(g => string.Equals(g, Clean(record.Sponsor), StringComparison.OrdinalIgnoreCase));
        return groups;
    }

    /// <summary>The sponsor of a registry entry (its corporate author when no sponsor is given).</summary>
    public static string? TrialSponsor(BibRecord record) => Clean(record.Sponsor) ?? Clean(record.CorporateAuthor);

    /// <summary>The first and last page of a range ("337-344", "337–344", "337 - 344"); the whole text as first page otherwise.</summary>
    public static (string First, string? Last) SplitPages(string pages)
    {
        var text = Clean(pages) ?? "";
        var dash = text.IndexOfAny(['-', '–', '—']);
        if (dash > 0 && dash < text.Length - 1)
        {
            var first = text[..dash].Trim();
            var last = text[(dash + 1)..].Trim().TrimStart('-', '–', '—').Trim();
            if (first.Length > 0 && last.Length > 0 && !first.Contains(' ', StringComparison.Ordinal) && !last.Contains(' ', StringComparison.Ordinal))
                return (first, last);
        }

        return (text, null);
    }

    /// <summary>
    /// A page range with the second number shortened to the digits that change and joined by an en dash,
    /// as Citing Medicine prints it and citeproc-js renders it ("337–44", "1187–94", "590–7"). Ranges that
    /// are not two plain numbers keep their parts ("e2294", "CD011742").
    /// </summary>
    public static string MinimalPageRange(string pages)
    {
        var (first, last) = SplitPages(pages);
        if (last is null) return first;
        if (first.All(char.IsAsciiDigit) && last.All(char.IsAsciiDigit) && first.Length == last.Length)
        {
            var i = 0;
            while (i < last.Length - 1 && first[i] == last[i]) i++;
            return first + "–" + last[i..];
        }

        return first + "–" + last;
    }

    /// <summary>A range written in full with the given dash ("337-344"); other page text unchanged.</summary>
    public static string FullPageRange(string pages, string dash)
    {
        var (first, last) = SplitPages(pages);
        return last is null ? first : first + dash + last;
    }

    /// <summary>
    /// "1-2" as citeproc prints a numeric range in a volume or issue: "1–2"; citeproc-js reads a Roman numeral as a number
    /// too ("X-12": "X–12"), but not other letters ("B-12", "ABC-5" keep their hyphen).
    /// </summary>
    public static string NumberRange(string value)
    {
        var text = Clean(value) ?? "";
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && dash < text.Length - 1 && (text[..dash].All(char.IsAsciiDigit) || text[..dash].All(c => "ivxlcmIVXLCM".Contains(c, StringComparison.Ordinal))) && text[(dash + 1)..].All(char.IsAsciiDigit)
            ? text[..dash] + "–" + text[(dash + 1)..]
            : text;
    }

    /// <summary>"Mar" for 3; null outside 1-12.</summary>
    public static string? ShortMonth(int? month) => month is >= 1 and <= 12 ? ShortMonths[month.Value - 1] : null;

    /// <summary>"2016 Mar 3", "2016 Mar" or "2016", as Vancouver dates read; null without a year.</summary>
    public static string? VancouverDate(BibRecord record, bool withDay = true)
    {
        if (record.Year is not { } year) return null;
        var text = CslText.Year(year);
        if (ShortMonth(record.Month) is not { } month) return text;
        text += " " + month;
        return withDay && record.Day is >= 1 and <= 31 ? text + " " + record.Day.Value.ToString(CultureInfo.InvariantCulture) : text;
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The ending punctuation that makes a following period redundant.</summary>
    public static bool EndsWithStop(string text) =>
        text.Length > 0 && text[^1] is '.' or '?' or '!';

    /// <summary>Appends <paramref name="delimiter"/> unless the text already ends with its punctuation ("?" then ". " gives "? ").</summary>
    public static void AppendDelimited(StringBuilder builder, string part, string delimiter)
    {
        if (builder.Length > 0)
        {
            if (delimiter.StartsWith('.') && EndsWithStop(builder.ToString()))
                builder.Append(delimiter[1..]);
            else
                builder.Append(delimiter);
        }

        builder.Append(part);
    }

    /// <summary>
    /// Lower-case ASCII letters and digits only: accented Latin letters lose their accents ("Zdolińska" gives
    /// "zdolinska"), everything else is dropped. Used for BibTeX citation keys.
    /// </summary>
    public static string AsciiKey(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c < 128)
            {
                // What Fold gives an ASCII character, without a string per character.
                if (char.IsAsciiLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
                continue;
            }

            foreach (var f in Fold(c))
            {
                if (char.IsAsciiLetterOrDigit(f)) builder.Append(char.ToLowerInvariant(f));
            }
        }

        return builder.ToString();
    }

    private const string FoldFrom = "ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎĐďđÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĦĥħÌÍÎÏĨĪĬĮİìíîïĩīĭįıĴĵĶķĹĻĽĿŁĺļľŀłÑŃŅŇñńņňÒÓÔÕÖØŌŎŐòóôõöøōŏőŔŖŘŕŗřŚŜŞŠśŝşšȘșŢŤŦţťŧȚțÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŸŶýÿŷŹŻŽźżž";
    private const string FoldTo = "AAAAAAAAAaaaaaaaaaCCCCCcccccDDddEEEEEEEEEeeeeeeeeeGGGGggggHHhhIIIIIIIIIiiiiiiiiiJjKkLLLLLlllllNNNNnnnnOOOOOOOOOoooooooooRRRrrrSSSSssssSsTTTtttTtUUUUUUUUUUuuuuuuuuuuWwYYYyyyZZZzzz";

    private static string Fold(char c)
    {
        if (c < 128) return c.ToString();
        var i = FoldFrom.IndexOf(c, StringComparison.Ordinal);
        if (i >= 0) return FoldTo[i].ToString();
        return c switch
        {
            'ß' => "ss",
            'Æ' or 'æ' => "ae",
            'Œ' or 'œ' => "oe",
            'Þ' or 'þ' => "th",
            _ => "",
        };
    }
}
