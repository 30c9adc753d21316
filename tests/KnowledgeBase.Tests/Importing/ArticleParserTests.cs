using KnowledgeBase.Importing.Articles;

namespace KnowledgeBase.Tests.Importing;

public sealed class ArticleParserTests
{
    [Fact]
    public void Dump()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var f in Directory.GetFiles(TestPaths.Seeds, "*.txt").Order(StringComparer.Ordinal))
        {
            foreach (var a in ArticleParser.Parse(File.ReadAllText(f)))
            {
                sb.AppendLine($"##### {Path.GetFileName(f)} #{a.PartIndex} [{a.TitleOrigin}] {a.Title} | publisher={a.Publisher} | removed={a.RemovedBoilerplateLines}");
                foreach (var r in a.References) sb.AppendLine($"REF {r.Ordinal} {r.Label} | {r.Text} | url={r.Url} pmid={r.Pmid} doi={r.Doi} nct={r.NctId}");
                sb.AppendLine(a.CleanedText);
            }
        }
        File.WriteAllText("/tmp/articleparser_dump.txt", sb.ToString());
    }
}
