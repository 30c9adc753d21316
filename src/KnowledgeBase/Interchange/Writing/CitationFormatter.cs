using KnowledgeBase.Domain;
using System.Text;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Interchange.Writing;

/// <summary>
/// Formats one record as a reference in the two styles medical readers expect: Vancouver (NLM Citing
/// Medicine / ICMJE) and AMA (11th edition). Plain text, or HTML with every value encoded. Missing parts are
/// left out together with their punctuation.
/// </summary>
/// <remarks>
/// <para><b>Vancouver</b> follows what citeproc-js renders with the CSL style "NLM/Vancouver: Citing Medicine
/// 2nd edition" for the item <see cref="CslJsonWriter"/> writes (checked by a test that runs citeproc-js):
/// "Family Initials" for up to six authors, then "et al."; the journal's NLM abbreviation when known (periods
/// stripped), else its full name; "Year Mon Day;Vol(Issue):Pages" with page ranges shortened to the digits
/// that change and joined by an en dash ("337–44"); "doi:…"; then "PubMed PMID: …; PubMed Central PMCID: …."
/// as Citing Medicine's notes. A journal article without DOI, PMID or PMCID but with an address is marked
/// "[Internet]" and ends "Available from: …". Registry entries read "Title [Clinical trial registration]
/// [Internet]. Sponsor; Year. Clinical trial registration no.: NCT…. Available from: …"; press releases
/// carry "[Press release]". Straight quotes and apostrophes in titles become typographic ones, as citeproc
/// prints them.</para>
/// <para>Both styles print what citeproc-js renders from the style's CSL file for the item <see cref="CslJsonWriter"/>
/// writes (the <c>check-styles</c> command measures it on the interchange samples): page ranges, years ("250 BC",
/// "42 AD"), numeric volumes and inline markup in titles as <see cref="CslText"/> describes; a volume of anything but
/// a journal article is "Vol. 18" (Vancouver), pages "-" print nothing.</para>
/// <para><b>AMA</b> (american-medical-association.csl, 11th edition): up to six authors, more than six gives the
/// first three and "et al"; see <see cref="BuildAma"/>.</para>
/// </remarks>
public static partial class CitationFormatter
{
    public static string Vancouver(BibRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return BuildVancouver(record);
    }

    /// <summary>The Vancouver reference as HTML: the plain text, encoded (the style has no italics).</summary>
    public static string VancouverHtml(BibRecord record) => HtmlEncode(Vancouver(record));

    public static string Ama(BibRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return BuildAma(record, html: false);
    }

    /// <summary>The AMA reference as HTML: values encoded, the journal in &lt;i&gt;.</summary>
    public static string AmaHtml(BibRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return BuildAma(record, html: true);
    }

    // ---------------------------------------------------------------- Vancouver

    private static string BuildVancouver(BibRecord record)
    {
        var shape = WriterText.ShapeOf(record);
        if (WriterText.BookLike(record, shape) is { } form) return BuildVancouverBook(record, form);
        var identified = record.Doi is not null || record.Pmid is not null || record.Pmcid is not null;
        var url = WriterText.Clean(record.Url);
        var main = new VancouverText();

        // Authors
        var names = WriterText.People(record).Select(WriterText.VancouverName).ToList();
        names.AddRange(WriterText.CitedGroups(record, shape));
        if (record.AuthorsTruncated && names.Count > 0) names.Add(CslJsonWriter.EtAl);
        if (names.Count > 6) names = [.. names.Take(6), CslJsonWriter.EtAl];
        if (names.Count > 0) main.Add(Typographic(string.Join(", ", names)));

        // Title [genre] [Internet]
        var genre = shape switch
        {
            RecordShape.TrialRegistration => WriterText.TrialGenre,
            RecordShape.PressRelease => WriterText.PressReleaseGenre,
            _ => null,
        };
        var medium = shape != RecordShape.JournalArticle && url is not null ? "[Internet]" : null;
        var (title, closingQuotes) = WriterText.Clean(record.Title) is { } t ? Quoted(CslText.StripMarkup(t)) : (null, 0);
        var titleGroup = JoinNonEmpty(" ", title, genre is null ? null : "[" + genre + "]", medium);
        if (titleGroup is not null)
            main.Add(titleGroup, genre is null && medium is null ? closingQuotes : 0);

        // Journal [Internet]
        if (shape == RecordShape.JournalArticle)
        {
            var journal = StripPeriods(CslText.StripMarkup(WriterText.Clean(record.JournalAbbreviation) ?? WriterText.Clean(record.Journal)!));
            if (!identified && url is not null) journal += " [Internet]";
            main.Add(Typographic(journal));
        }

        // The volume of anything but a journal article or a web page: "Vol. 18" when numeric, else as written ("I").
        if (shape is not (RecordShape.JournalArticle or RecordShape.Webpage) && WriterText.Clean(record.Volume) is { } ownVolume)
            main.Add(Typographic(CslText.IsNumeric(ownVolume) ? "Vol. " + WriterText.NumberRange(ownVolume) : ownVolume));

        // Publisher; Date;Volume(Issue):Pages
        var publication = shape switch
        {
            RecordShape.JournalArticle => JoinNonEmpty(";", WriterText.VancouverDate(record), Serial(record)),
            RecordShape.TrialRegistration => JoinNonEmpty("; ", Typographic(WriterText.TrialSponsor(record)), WriterText.VancouverDate(record, withDay: false)),
            RecordShape.PressRelease => WriterText.VancouverDate(record, withDay: false),
            _ => record.Year is { } year ? CslText.Year(year) : null,
        };
        if (publication is not null) main.Add(publication);

        // Pages of a non-serial item; the report number of a registry entry.
        if (shape != RecordShape.JournalArticle && CslText.PageRange(record.Pages, minimal: true, "–") is { } pages)
            main.Add("p. " + pages);
        if (shape == RecordShape.TrialRegistration && record.NctIds.Count > 0)
            main.Add($"{WriterText.TrialGenre} {(record.NctIds.Count == 1 ? "no." : "nos.")}: {string.Join(", ", record.NctIds)}");
        main.Stop();

        // Availability: address (not for identified journal articles) and DOI.
        var availability = JoinNonEmpty(" ",
            url is not null && !(shape == RecordShape.JournalArticle && identified) ? "Available from: " + url : null,
            WriterText.Clean(record.Doi) is { } doi ? "doi:" + doi : null);

        // Citing Medicine's notes.
        var notes = JoinNonEmpty("; ",
            WriterText.Clean(record.Pmid) is { } pmid ? "PubMed PMID: " + pmid : null,
            WriterText.Clean(record.Pmcid) is { } pmcid ? "PubMed Central PMCID: " + pmcid : null);
        if (notes is not null) notes += ".";

        return JoinNonEmpty(" ", main.Length > 0 ? main.ToString() : null, availability, notes) ?? "";
    }

    /// <summary>
    /// A book, chapter, report, thesis or conference paper as the Vancouver file prints its CSL type: "Title [Internet].
    /// In: Book. Vol. 3. Place: Publisher; Year. p. 15–9." (the volume for a book only, pages for anything but a book,
    /// a thesis's place in brackets, a report's month after its year), then the address, DOI and PubMed notes.
    /// </summary>
    private static string BuildVancouverBook(BibRecord record, PublicationForm form)
    {
        var url = WriterText.Clean(record.Url);
        var main = new VancouverText();
        var names = WriterText.People(record).Select(WriterText.VancouverName).ToList();
        names.AddRange(WriterText.CitedGroups(record, RecordShape.Generic));
        if (record.AuthorsTruncated && names.Count > 0) names.Add(CslJsonWriter.EtAl);
        if (names.Count > 6) names = [.. names.Take(6), CslJsonWriter.EtAl];
        if (names.Count > 0) main.Add(Typographic(string.Join(", ", names)));

        var inBook = form is PublicationForm.Chapter or PublicationForm.ConferencePaper;
        var container = inBook ? WriterText.Clean(record.Journal) : null;
        var medium = url is not null ? "[Internet]" : null;
        var (title, closingQuotes) = WriterText.Clean(record.Title) is { } t ? Quoted(CslText.StripMarkup(t)) : (null, 0);
        var titleGroup = JoinNonEmpty(" ", title, inBook ? null : medium);
        if (titleGroup is not null) main.Add(titleGroup, !inBook && medium is not null ? 0 : closingQuotes);
        var volume = WriterText.Clean(record.Volume) is { } v ? Typographic(CslText.IsNumeric(v) ? "Vol. " + WriterText.NumberRange(v) : v) : null;
        if (inBook)
        {
            // "In: Book [Internet]." The file prints "In" even when the book's title is missing, then the volume ("In: Vol. 1.").
            if (container is not null) main.Add("In: " + JoinNonEmpty(" ", Typographic(CslText.StripMarkup(container)), medium));
            else main.Add(volume is null ? "In" : "In: " + volume);
        }
        else if (volume is not null)
        {
            main.Add(volume);
        }

        var place = WriterText.Clean(record.PublisherPlace) is { } p ? form == PublicationForm.Thesis ? "[" + p + "]" : p : null;
        var date = form == PublicationForm.Report ? WriterText.VancouverDate(record, withDay: false) : record.Year is { } year ? CslText.Year(year) : null;
        if (JoinNonEmpty("; ", JoinNonEmpty(": ", place, WriterText.Clean(record.Publisher)), date) is { } publication) main.Add(Typographic(publication));
        if (form != PublicationForm.Book && CslText.PageRange(record.Pages, minimal: true, "–") is { } pages) main.Add("p. " + pages);
        main.Stop();

        var availability = JoinNonEmpty(" ",
            url is not null ? "Available from: " + url : null,
            WriterText.Clean(record.Doi) is { } doi ? "doi:" + doi : null);
        var notes = JoinNonEmpty("; ",
            WriterText.Clean(record.Pmid) is { } pmid ? "PubMed PMID: " + pmid : null,
            WriterText.Clean(record.Pmcid) is { } pmcid ? "PubMed Central PMCID: " + pmcid : null);
        if (notes is not null) notes += ".";
        return JoinNonEmpty(" ", main.Length > 0 ? main.ToString() : null, availability, notes) ?? "";
    }

    /// <summary>
    /// The first part of a Vancouver reference: parts joined by ". ", ended by a period. A period that
    /// follows closing quotation marks goes inside them ("… “view.”"), as American English (and
    /// citeproc-js with the en-US locale) has it; a part ending in ".", "?" or "!" gets no second stop.
    /// </summary>
    private sealed class VancouverText
    {
        private readonly StringBuilder _text = new();
        private int _closingQuotes;

        public int Length => _text.Length;

        public void Add(string part, int closingQuotes = 0)
        {
            if (_text.Length > 0)
            {
                Stop();
                _text.Append(' ');
            }

            _text.Append(part);
            _closingQuotes = closingQuotes;
        }

        public void Stop()
        {
            if (_text.Length == 0) return;
            var end = _text.Length - _closingQuotes;
            _closingQuotes = 0;
            if (end > 0 && _text[end - 1] is '.' or '?' or '!') return;
            _text.Insert(end, '.');
        }

        public override string ToString() => _text.ToString();
    }

    /// <summary>"73(3):337–44", "(12):CD011742", "23:415", or the pages alone.</summary>
    private static string? Serial(BibRecord record)
    {
        var volume = WriterText.Clean(record.Volume) is { } v ? WriterText.NumberRange(v) : "";
        var issue = WriterText.Clean(record.Issue) is { } i ? "(" + WriterText.NumberRange(i) + ")" : "";
        return JoinNonEmpty(":", volume + issue, CslText.PageRange(record.Pages, minimal: true, "–"));
    }

    // ---------------------------------------------------------------- AMA

    /// <summary>
    /// AMA as the style's CSL file has it (american-medical-association.csl): "Authors. Title. Journal. Year;Vol(Issue):pages.
    /// doi:…". The journal is its abbreviation, else its name, its periods stripped as CSL does; without volume and issue the
    /// date reads "Published online March 3, 2016" (and the pages follow it: "Published online 2007:15-19"); page
    /// ranges are printed in full with a hyphen ("2345-2349"). Reports (registry entries, press releases) read "Title
    /// In Title Case. Vol 2. Publisher; Year:pages." Anything else ("document") follows the journal article's pattern
    /// without a journal. Ends with the DOI, else the address, with no final period.
    /// </summary>
    private static string BuildAma(BibRecord record, bool html)
    {
        string E(string text) => html ? HtmlEncode(text) : text;
        string I(string text) => html ? "<i>" + E(text) + "</i>" : text;
        var shape = WriterText.ShapeOf(record);
        var form = WriterText.BookLike(record, shape);
        // A book, report or thesis prints as the file prints a report: "Title In Title Case. Vol 3. Publisher; Year:pages."
        var report = shape is RecordShape.TrialRegistration or RecordShape.PressRelease || form is PublicationForm.Book or PublicationForm.Report or PublicationForm.Thesis;
        var main = new VancouverText();

        var names = WriterText.People(record).Select(WriterText.VancouverName).ToList();
        names.AddRange(WriterText.CitedGroups(record, shape));
        var etAl = record.AuthorsTruncated && names.Count > 0;
        if (names.Count > 6)
        {
            names = names.Take(3).ToList();
            etAl = true;
        }

        if (etAl) names.Add("et al");
        if (names.Count > 0) main.Add(E(Typographic(string.Join(", ", names))));

        if (WriterText.Clean(record.Title) is { } rawTitle)
        {
            var (title, closingQuotes) = Quoted(CslText.StripMarkup(rawTitle));
            // Title case leaves a nocase span as it is, so it is applied before the markup is dropped.
            var shown = report ? Quoted(CslText.TitleCaseMarkup(rawTitle)).Text : title;
            main.Add(report ? I(shown) : E(title), html && report ? 0 : closingQuotes);
        }

        var pages = CslText.PageRange(record.Pages, minimal: false, "-");
        var volume = WriterText.Clean(record.Volume);
        if (form is PublicationForm.Chapter or PublicationForm.ConferencePaper)
        {
            // "In: Book Title In Title Case. Vol 2. Publisher; Year:pages." (a proceedings title as it is).
            // "In: Book. Vol 2. Publisher; Year:pages." The pages follow the "In:" group, or stand alone when it is empty.
            var book = WriterText.Clean(record.Journal) is { } container ? I(CslText.TitleCase(Typographic(CslText.StripMarkup(container)))) : null;
            var label = volume is null ? null : CslText.IsNumeric(volume) ? (IsRange(volume) ? "Vols " : "Vol ") + volume : volume;
            var publication = JoinNonEmpty("; ", WriterText.Clean(record.Publisher), record.Year is { } year ? CslText.Year(year) : null);
            var group = JoinNonEmpty(". ", book, JoinNonEmpty(". ", label, publication) is { } text ? E(Typographic(text)) : null);
            if (group is not null) main.Add("In: " + JoinNonEmpty(":", group, pages is null ? null : E(pages)));
            else if (pages is not null) main.Add(E(pages));
        }
        else switch (form is null ? shape : RecordShape.TrialRegistration)
        {
            case RecordShape.TrialRegistration or RecordShape.PressRelease:
            {
                // A thesis prints neither volume nor pages.
                if (form == PublicationForm.Thesis) (volume, pages) = (null, null);
                var label = volume is null ? null : CslText.IsNumeric(volume) ? "Vol " + volume : volume;
                var publisher = form is not null ? WriterText.Clean(record.Publisher) : shape == RecordShape.TrialRegistration ? WriterText.TrialSponsor(record) : null;
                var publication = JoinNonEmpty("; ", publisher, record.Year is { } year ? CslText.Year(year) : null);
                if (JoinNonEmpty(":", JoinNonEmpty(". ", label, publication), pages) is { } part) main.Add(E(Typographic(part)));
                break;
            }

            case RecordShape.Webpage:
                if (CslText.TextDate(record) is { } issued) main.Add(E(issued));
                break;

            default:
            {
                if (shape == RecordShape.JournalArticle)
                {
                    var journal = WriterText.Clean(record.JournalAbbreviation) ?? WriterText.Clean(record.Journal)!;
                    main.Add(I(Typographic(StripPeriods(CslText.StripMarkup(journal)))));
                }

                var issue = WriterText.Clean(record.Issue);
                var date = volume is not null || issue is not null
                    ? record.Year is { } year ? CslText.Year(year) : null
                    : CslText.TextDate(record) is { } text ? "Published online " + text : null;
                var serial = (volume ?? "") + (issue is null ? "" : "(" + issue + ")");
                if (JoinNonEmpty(":", JoinNonEmpty(";", date, serial), pages) is { } part) main.Add(E(part));
                break;
            }
        }

        main.Stop();

        // AMA ends with the DOI, or the address when there is no DOI; no period after either.
        var link = WriterText.Clean(record.Doi) is { } doi ? "doi:" + doi : WriterText.Clean(record.Url);
        if (link is null) return main.ToString();
        return main.Length == 0 ? E(link) : main + " " + E(link);
    }

    // ---------------------------------------------------------------- text helpers

    /// <summary>A volume that names several ("457–460", "1-2", "3 & 4"): CSL's label is then plural ("Vols").</summary>
    private static bool IsRange(string volume) => volume.IndexOfAny(['-', '–', '&', ',']) > 0;

    private static string? JoinNonEmpty(string delimiter, params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return present.Count == 0 ? null : string.Join(delimiter, present);
    }

    /// <summary>
    /// CSL's <c>strip-periods</c> as citeproc-js applies it: "J. Neurol." becomes "J Neurol", but a period followed by a
    /// lower-case letter stays ("Merriam-Webster.com").
    /// </summary>
    private static string StripPeriods(string text) =>
        text.Contains('.', StringComparison.Ordinal) ? PeriodToStrip().Replace(text, "$1") : text;

    [GeneratedRegex(@"\.([^a-z]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodToStrip();

    /// <summary>Straight quotes made typographic, as citeproc-js prints them (see <see cref="Quoted"/>).</summary>
    internal static string Typographic(string? text) => string.IsNullOrEmpty(text) ? text ?? "" : Quoted(text).Text;

    /// <summary>
    /// Straight quotes made typographic as citeproc-js prints them with the en-US locale: quotation marks
    /// pair up and alternate by depth, double outside (“ ”) and single inside (‘ ’), whichever straight mark
    /// the text used; an apostrophe (a ' that neither opens nor closes a quotation) becomes ’. Also returns
    /// how many closing marks end the text, so that a following period can go inside them.
    /// </summary>
    private static (string Text, int ClosingQuotes) Quoted(string text)
    {
        // A title already ending in a typographic closing mark ("… “x”", "… ‘x’") takes the period inside it too.
        if (!text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal))
            return (text, text.Length - text.TrimEnd('”', '’').Length);
        var builder = new StringBuilder(text.Length);
        var open = new Stack<char>();
        var trailingClosers = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var previous = i > 0 ? text[i - 1] : ' ';
            var next = i + 1 < text.Length ? text[i + 1] : ' ';
            var opening = char.IsWhiteSpace(previous) || previous is '(' or '[' or '{' or '“' or '‘' or '"' or '\'' or '—' or '–' or '-' or '/';
            if (c is not ('"' or '\''))
            {
                builder.Append(c);
                trailingClosers = c is '”' or '’' ? trailingClosers + 1 : 0;
                continue;
            }

            // A ' between letters ("quote's") is an apostrophe even while a single quotation is open.
            var closes = open.Count > 0 && open.Peek() == c
                && (c == '"' ? !(opening && char.IsLetterOrDigit(next)) : !opening && !char.IsLetterOrDigit(next));
            if (closes)
            {
                open.Pop();
                builder.Append(open.Count % 2 == 0 ? '”' : '’');
                trailingClosers++;
            }
            else if (opening && (c == '"' || char.IsLetter(next) || next is '"' or '\''))
            {
                open.Push(c);
                builder.Append(open.Count % 2 == 1 ? '“' : '‘');
                trailingClosers = 0;
            }
            else
            {
                builder.Append(c == '"' ? '”' : '’');
                trailingClosers = 0;
            }
        }

        return (builder.ToString(), trailingClosers);
    }

    /// <summary>Encodes the five characters that matter in HTML text and attributes; other characters are kept.</summary>
    internal static string HtmlEncode(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
