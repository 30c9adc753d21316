using System.Security.Cryptography;
using System.Text;
using KnowledgeBase.Browsing;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;
using KnowledgeBase.Linking;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing;

/// <summary>
/// One file with the work that needs no database already done: read, decoded, classified and, for articles,
/// parsed, hashed and searched for claims. Pure and thread-safe, so a folder's files are prepared on all
/// cores while one writer stores them in file order (<see cref="Importer.ImportPathAsync"/>).
/// </summary>
internal sealed class PreparedFile
{
    private PreparedFile(string name) => Name = name;

    public string Name { get; }

    /// <summary>Why nothing of the file can be stored (file, line and problem), or null.</summary>
    public string? Error { get; private init; }

    public ImportContent Content { get; private init; }

    /// <summary>What the file was recognised as, for reports ("articles", "reference library", "RIS"...); null when it was not.</summary>
    public string? FormatName { get; private init; }

    /// <summary>The decoded text (library and reference files are parsed by the writer, which needs the database to match them).</summary>
    public string Text { get; private init; } = "";

    /// <summary>The articles of an article file, each with its hash and detected claims.</summary>
    public IReadOnlyList<PreparedArticle> Articles { get; private init; } = [];

    /// <summary>Reads a file from disk; its size is checked before it is read.</summary>
    public static PreparedFile Read(string path, ClaimDetector detector)
    {
        var name = Path.GetFileName(path);
        try
        {
            InputText.CheckSize(new FileInfo(path).Length);
            return FromContent(name, File.ReadAllBytes(path), detector);
        }
        catch (ImportFormatException ex)
        {
            return new PreparedFile(name) { Error = ex.Describe(name) };
        }
        catch (IOException ex)
        {
            return new PreparedFile(name) { Error = $"{name}: cannot be read ({ex.Message})" };
        }
    }

    /// <summary>Prepares a file's content (from disk or an upload); <paramref name="name"/> is used in messages and as the source's file name.</summary>
    public static PreparedFile FromContent(string name, byte[] content, ClaimDetector detector)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            var text = InputText.Decode(content);
            var kind = ImportContentSniffer.ContentOf(text, name);
            return kind switch
            {
                ImportContent.Articles => new PreparedFile(name) { Content = kind, FormatName = "articles", Text = text, Articles = [.. ArticleParser.Parse(text).Select(a => PreparedArticle.Of(a, detector))] },
                ImportContent.Unknown => throw ImportContentSniffer.UnknownContent(text),
                ImportContent.CuratedLibrary => new PreparedFile(name) { Content = kind, FormatName = "reference library", Text = text },
                _ => new PreparedFile(name) { Content = kind, FormatName = BibFormatDetector.Detect(text, name)?.DisplayName(), Text = text },
            };
        }
        catch (ImportFormatException ex)
        {
            return new PreparedFile(name) { Error = ex.Describe(name) };
        }
    }
}

/// <summary>An article with its content hash (its identity), the detector's candidate claims in its cleaned text and its derived classification.</summary>
internal sealed record PreparedArticle(ParsedArticle Article, string Hash, IReadOnlyList<DetectedClaim> Claims, SourceClassification Classification)
{
    public static PreparedArticle Of(ParsedArticle article, ClaimDetector detector) =>
        new(article, Sha256(article.OriginalText), detector.Detect(article.CleanedText), SourceClassifier.Classify(article.Title, article.CleanedText));

    internal static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
