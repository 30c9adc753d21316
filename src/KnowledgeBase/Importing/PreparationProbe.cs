using System.Globalization;
using KnowledgeBase.Browsing;
using KnowledgeBase.Linking;

namespace KnowledgeBase.Importing;

/// <summary>
/// The import's per-file preparation (<see cref="PreparedFile"/>) as the benchmark command sees it: the whole of it on a
/// file's bytes, the content hash it gives an article, and a dump of everything it derives, so two builds can be compared
/// byte for byte (<c>time-detection --prepare --dump-prepared</c>, docs/benchmarks.md).
/// </summary>
public static class PreparationProbe
{
    /// <summary>Prepares a file's content exactly as the import does; the number of its articles (0 for a rejected file or one that holds no articles).</summary>
    public static int Prepare(string name, byte[] content, ClaimDetector detector) =>
        PreparedFile.FromContent(name, content, detector).Articles.Count;

    /// <summary>An article's identity: the SHA-256 of its original text (UTF-8), lower-case hex.</summary>
    public static string Hash(string text) => PreparedArticle.Sha256(text);

    /// <summary>
    /// Everything the preparation derives from a file but the claims (dumped by <c>time-detection --dump</c>): the error or
    /// format, and per article its title and origin, publisher, hashes of the original and cleaned text, references with
    /// their identifiers, stripped lines with their reasons, and the classification with every score (round-trip format).
    /// </summary>
    public static void Dump(TextWriter writer, string name, byte[] content, ClaimDetector detector)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var inv = CultureInfo.InvariantCulture;
        var file = PreparedFile.FromContent(name, content, detector);
        writer.WriteLine($"# file {name}: {file.Content} {file.FormatName ?? "-"} error={file.Error ?? "-"}");
        foreach (var prepared in file.Articles)
        {
            var a = prepared.Article;
            writer.WriteLine(string.Create(inv, $"article {a.PartIndex} title=[{a.Title}] origin={a.TitleOrigin} publisher=[{a.Publisher ?? "-"}]"));
            writer.WriteLine(string.Create(inv, $"  original {prepared.Hash} ({a.OriginalText.Length} characters), cleaned {Hash(a.CleanedText)} ({a.CleanedText.Length} characters)"));
            foreach (var r in a.References)
                writer.WriteLine(string.Create(inv, $"  reference {r.Ordinal} [{r.Label}] url={r.Url ?? "-"} pmid={r.Pmid ?? "-"} doi={r.Doi ?? "-"} nct={r.NctId ?? "-"} text=[{r.Text}]"));
            foreach (var s in a.Stripped)
                writer.WriteLine(string.Create(inv, $"  stripped line {s.LineNumber} ({s.Reason}): [{s.Text}]"));
            var c = prepared.Classification;
            writer.WriteLine($"  therapies=[{string.Join(',', c.TherapyKinds)}] conditions=[{string.Join(',', c.Conditions)}]");
            writer.WriteLine($"  scores=[{string.Join(' ', c.Scores.Select(s => string.Create(inv, $"{s.Key}:{s.Value:R}")))}]");
            writer.WriteLine(string.Create(inv, $"  claims {prepared.Claims.Count}"));
        }
    }
}
