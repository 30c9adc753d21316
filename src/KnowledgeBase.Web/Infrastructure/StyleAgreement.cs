using System.Diagnostics;
using System.Globalization;
using System.Text;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Writing;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>A citation style as both sides know it: the formatter's function and the arguments that make render.mjs use the same CSL style.</summary>
internal sealed record CitationStyle(string Name, Func<BibRecord, string> Format, IReadOnlyList<string> RenderArguments)
{
    /// <summary>Vancouver (the NLM/Vancouver CSL style inside @citation-js/plugin-csl) and AMA (the style's own CSL file in the interchange samples).</summary>
    public static IReadOnlyList<CitationStyle> Both(string samplesFolder) =>
    [
        new("Vancouver", CitationFormatter.Vancouver, ["--style", "vancouver"]),
        new("AMA", CitationFormatter.Ama, ["--style-file", Path.Combine(samplesFolder, "styles", "american-medical-association.csl")]),
    ];
}

/// <summary>How many references of a style the formatter and citeproc-js print alike, and how the others differ.</summary>
internal sealed record StyleAgreementResult(string Style, int References, int Agreeing, IReadOnlyList<DifferenceKind> Kinds)
{
    public double Share => References == 0 ? 0 : (double)Agreeing / References;
}

/// <summary>One kind of difference (the differing stretch with letters and digits generalised), how often it occurs, and one example.</summary>
internal sealed record DifferenceKind(string Signature, int Count, string Formatter, string Citeproc);

/// <summary>
/// Compares <see cref="CitationFormatter"/> with citeproc-js on the same records: the records are written as
/// CSL-JSON by <see cref="CslJsonWriter"/> (what the export offers), citeproc-js renders them with the style's
/// CSL file (tests/citeproc/render.mjs), and each line is compared with the formatter's text for the same record.
/// Normalisation: runs of white space are made one space and the ends trimmed; nothing else (punctuation, quotes,
/// dashes, case and the final period must agree).
/// </summary>
internal static class StyleAgreement
{
    public static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static StyleAgreementResult Compare(string style, IReadOnlyList<BibRecord> records, IReadOnlyList<string> rendered, Func<BibRecord, string> format)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(rendered);
        ArgumentNullException.ThrowIfNull(format);
        if (rendered.Count != records.Count)
            throw new InvalidOperationException($"citeproc-js printed {rendered.Count} references for {records.Count} records");
        var agreeing = 0;
        var kinds = new Dictionary<string, (int Count, string Ours, string Theirs)>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var ours = Normalise(format(records[i]));
            var theirs = Normalise(rendered[i]);
            if (string.Equals(ours, theirs, StringComparison.Ordinal))
            {
                agreeing++;
                continue;
            }

            var signature = Signature(ours, theirs);
            kinds[signature] = kinds.TryGetValue(signature, out var kind) ? (kind.Count + 1, kind.Ours, kind.Theirs) : (1, ours, theirs);
        }

        return new StyleAgreementResult(style, records.Count, agreeing,
            kinds.Select(k => new DifferenceKind(k.Key, k.Value.Count, k.Value.Ours, k.Value.Theirs))
                .OrderByDescending(k => k.Count).ThenBy(k => k.Signature, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The first stretch where the two texts part, widened to whole words, with runs of letters written "a" and
    /// runs of digits "9": «a 9–9» vs «a 9-9». Texts that differ the same way share a signature.
    /// </summary>
    public static string Signature(string ours, string theirs)
    {
        var start = 0;
        while (start < ours.Length && start < theirs.Length && ours[start] == theirs[start]) start++;
        var end = 0;
        while (end < ours.Length - start && end < theirs.Length - start && ours[^(end + 1)] == theirs[^(end + 1)]) end++;
        // Widen to word edges so "S723-S726" vs "S723-6" shows the range, not "S72".
        while (start > 0 && !char.IsWhiteSpace(ours[start - 1])) start--;
        while (end > 0 && !char.IsWhiteSpace(ours[^end])) end--;
        string Part(string text) => Generalise(text[start..Math.Max(start, text.Length - end)]);
        return $"formatter «{Part(ours)}» / citeproc «{Part(theirs)}»";
    }

    private static string Generalise(string text)
    {
        if (text.Length > 60) text = text[..60] + "…";
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var mapped = char.IsLetter(c) ? 'a' : char.IsDigit(c) ? '9' : c;
            if (mapped is 'a' or '9' && builder.Length > 0 && builder[^1] == mapped) continue;
            builder.Append(mapped);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Writes the records as CSL-JSON and has citeproc-js render them (node tests/citeproc/render.mjs): one line per
    /// record, in order. Needs Node.js and the packages of tests/citeproc (<c>npm ci --prefix tests/citeproc</c>).
    /// </summary>
    public static IReadOnlyList<string> RenderWithCiteproc(IEnumerable<BibRecord> records, string citeprocFolder, IReadOnlyList<string> styleArguments)
    {
        if (!File.Exists(Path.Combine(citeprocFolder, "node_modules", "citeproc", "package.json")))
            throw new InvalidOperationException($"citeproc-js is not installed in {citeprocFolder}. Run: npm ci --prefix tests/citeproc (from the repository root).");
        var file = Path.Combine(Path.GetTempPath(), $"kb-citeproc-{Guid.NewGuid():N}.json");
        try
        {
            using (var stream = File.Create(file))
                CslJsonWriter.Write(records, stream);
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = citeprocFolder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add(Path.Combine(citeprocFolder, "render.mjs"));
            start.ArgumentList.Add(file);
            foreach (var argument in styleArguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("citeproc-js did not finish within 10 minutes.");
            }

            var output = stdout.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"node render.mjs exited with {process.ExitCode}: {stderr.GetAwaiter().GetResult()}"));
            // One line per reference, an empty one included; only the final line break ends the output.
            var text = output.EndsWith('\n') ? output[..^1] : output;
            return text.Length == 0 && output.Length == 0 ? [] : text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
