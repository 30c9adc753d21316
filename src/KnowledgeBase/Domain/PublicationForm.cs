namespace KnowledgeBase.Domain;

/// <summary>
/// What was published, as a reference format's type says it (RIS <c>TY</c>, a BibTeX entry type, a CSL <c>type</c>,
/// MEDLINE <c>PT</c>): the bibliographic form, as opposed to <see cref="StudyKind"/> (what kind of evidence) and the
/// study's design. Stored by name; null when the source did not say.
/// </summary>
public enum PublicationForm
{
    JournalArticle,
    Book,
    Chapter,
    Report,
    Thesis,
    WebPage,
    ConferencePaper,
    Document,
}

/// <summary>Each format's type names mapped to <see cref="PublicationForm"/>, and back.</summary>
public static class PublicationForms
{
    /// <summary>RIS <c>TY</c>: "JOUR", "BOOK", "CHAP", "RPRT", "THES", "ELEC"...</summary>
    public static PublicationForm? FromRis(string? type) => type?.Trim().ToUpperInvariant() switch
    {
        "JOUR" or "JFULL" or "EJOUR" or "MGZN" or "NEWS" or "ABST" or "INPR" => PublicationForm.JournalArticle,
        "BOOK" or "EBOOK" or "EDBOOK" => PublicationForm.Book,
        "CHAP" or "ECHAP" => PublicationForm.Chapter,
        "RPRT" or "GOVDOC" or "STAND" => PublicationForm.Report,
        "THES" => PublicationForm.Thesis,
        "ELEC" or "WEB" or "BLOG" => PublicationForm.WebPage,
        "CONF" or "CPAPER" => PublicationForm.ConferencePaper,
        null or "" => null,
        _ => PublicationForm.Document,
    };

    /// <summary>A BibTeX or biblatex entry type: "article", "book", "incollection", "techreport", "phdthesis"...</summary>
    public static PublicationForm? FromBibTex(string? entryType) => entryType?.Trim().ToLowerInvariant() switch
    {
        "article" => PublicationForm.JournalArticle,
        "book" or "mvbook" or "booklet" or "collection" or "mvcollection" or "proceedings" or "reference" => PublicationForm.Book,
        "incollection" or "inbook" or "bookinbook" or "inreference" => PublicationForm.Chapter,
        "techreport" or "report" or "manual" => PublicationForm.Report,
        "phdthesis" or "mastersthesis" or "thesis" => PublicationForm.Thesis,
        "online" or "electronic" or "www" => PublicationForm.WebPage,
        "inproceedings" or "conference" => PublicationForm.ConferencePaper,
        null or "" => null,
        _ => PublicationForm.Document,
    };

    /// <summary>A CSL type: "article-journal", "book", "chapter", "report", "thesis", "webpage", "paper-conference"...</summary>
    public static PublicationForm? FromCsl(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        "article-journal" or "article-magazine" or "article-newspaper" or "review" or "review-book" => PublicationForm.JournalArticle,
        "book" or "classic" or "collection" => PublicationForm.Book,
        "chapter" or "entry" or "entry-dictionary" or "entry-encyclopedia" => PublicationForm.Chapter,
        "report" or "standard" => PublicationForm.Report,
        "thesis" => PublicationForm.Thesis,
        "webpage" or "post" or "post-weblog" => PublicationForm.WebPage,
        "paper-conference" => PublicationForm.ConferencePaper,
        null or "" => null,
        _ => PublicationForm.Document,
    };

    /// <summary>MEDLINE <c>PT</c> values (several): a journal article unless one names a book or chapter.</summary>
    public static PublicationForm? FromMedline(IEnumerable<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var list = types.ToList();
        if (list.Count == 0) return null;
        if (list.Any(t => t.Contains("Chapter", StringComparison.OrdinalIgnoreCase))) return PublicationForm.Chapter;
        if (list.Any(t => t.Equals("Book", StringComparison.OrdinalIgnoreCase))) return PublicationForm.Book;
        return PublicationForm.JournalArticle;
    }

    /// <summary>Web of Science <c>DT</c>: "Article", "Review", "Book", "Book Chapter", "Proceedings Paper"...</summary>
    public static PublicationForm? FromWebOfScience(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        var t when t.Contains("chapter", StringComparison.Ordinal) => PublicationForm.Chapter,
        var t when t.StartsWith("book", StringComparison.Ordinal) => PublicationForm.Book,
        var t when t.Contains("proceedings", StringComparison.Ordinal) => PublicationForm.ConferencePaper,
        _ => PublicationForm.JournalArticle,
    };

    /// <summary>The RIS type written for a form.</summary>
    public static string Ris(PublicationForm form) => form switch
    {
        PublicationForm.JournalArticle => "JOUR",
        PublicationForm.Book => "BOOK",
        PublicationForm.Chapter => "CHAP",
        PublicationForm.Report => "RPRT",
        PublicationForm.Thesis => "THES",
        PublicationForm.WebPage => "ELEC",
        PublicationForm.ConferencePaper => "CPAPER",
        _ => "GEN",
    };

    /// <summary>The BibTeX entry type written for a form.</summary>
    public static string BibTex(PublicationForm form) => form switch
    {
        PublicationForm.JournalArticle => "article",
        PublicationForm.Book => "book",
        PublicationForm.Chapter => "incollection",
        PublicationForm.Report => "techreport",
        PublicationForm.Thesis => "phdthesis",
        PublicationForm.ConferencePaper => "inproceedings",
        _ => "misc",
    };
}
