using System.Globalization;

namespace KnowledgeBase.Linking.Evaluation;

/// <summary>
/// How the splitter's units line up with the development set's gold units (issue 14): gold units cut into several
/// units, units that merge several gold units (a claim with a non-claim is the costly case), units outside every gold
/// unit, and gold units no unit covers by half. Printed by <c>tune-detector --segmentation</c>.
/// </summary>
public static class SegmentationAlignment
{
    /// <summary>One disagreement: its kind, the article, and the texts involved.</summary>
    public sealed record Finding(string Kind, string Article, string Text);

    /// <summary>Every disagreement between the splitter and the gold units of <paramref name="articles"/>.</summary>
    public static IReadOnlyList<Finding> Compare(IEnumerable<LabelledArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var findings = new List<Finding>();
        foreach (var article in articles)
        {
            var units = new List<(TextSpan File, string Text)>();
            foreach (var part in article.Parts)
                foreach (var span in SentenceSplitter.Split(part.CleanedText))
                {
                    if (part.ToFile(span) is { } file) units.Add((file, span.Slice(part.CleanedText)));
                    else findings.Add(new("unmapped unit", article.Name, span.Slice(part.CleanedText)));
                }
            foreach (var gold in article.Gold)
            {
                var over = units.Where(u => Overlap(u.File, gold) >= Math.Min(3, gold.End - gold.Start)).ToList();
                if (over.Count >= 2)
                    findings.Add(new(gold.IsClaim ? "gold claim cut into several units" : "gold not-claim cut into several units", article.Name,
                        gold.Quote + "  =>  " + string.Join(" | ", over.Select(u => u.Text))));
                if (!over.Any(u => Overlap(u.File, gold) * 2 >= gold.End - gold.Start))
                    findings.Add(new(gold.IsClaim ? "gold claim covered by no unit" : "gold not-claim covered by no unit", article.Name, gold.Quote));
            }
            foreach (var (file, text) in units)
            {
                var golds = article.Gold.Where(g => Overlap(file, g) >= Math.Min(3, g.End - g.Start)).ToList();
                if (golds.Count == 0) findings.Add(new("unit outside every gold unit", article.Name, text));
                else if (golds.Count >= 2)
                    findings.Add(new(golds.Any(g => g.IsClaim) && golds.Any(g => !g.IsClaim) ? "unit merging a claim and a not-claim"
                        : golds.All(g => g.IsClaim) ? "unit merging claims" : "unit merging not-claims", article.Name, string.Join(" | ", golds.Select(g => g.Quote))));
            }
        }
        return findings;
    }

    /// <summary>Counts per kind, and with <paramref name="list"/> every finding.</summary>
    public static void Report(TextWriter output, IReadOnlyList<Finding> findings, bool list)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(findings);
        foreach (var group in findings.GroupBy(f => f.Kind).OrderByDescending(g => g.Count()))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group.Key}: {group.Count()}"));
            if (!list) continue;
            foreach (var f in group) output.WriteLine($"  {f.Article}: {Flat(f.Text)}");
        }
    }

    private static string Flat(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 240 ? flat : flat[..237] + "...";
    }

    private static int Overlap(TextSpan unit, GoldUnit gold) => Math.Min(unit.End, gold.End) - Math.Max(unit.Start, gold.Start);
}
