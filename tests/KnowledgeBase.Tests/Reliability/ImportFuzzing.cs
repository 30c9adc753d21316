using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KnowledgeBase.Data;
using KnowledgeBase.Importing;
using KnowledgeBase.Tests.Support;

namespace KnowledgeBase.Tests.Reliability;

/// <summary>One importable format and the real files its fuzzing starts from.</summary>
public sealed record FuzzFormat(string Name, string Extension, IReadOnlyList<string> Files)
{
    public static IReadOnlyList<FuzzFormat> All { get; } =
    [
        new("articles", ".txt", Directory.GetFiles(TestPaths.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList()),
        new("library", ".json", [Path.Combine(TestPaths.Seeds, "reference-library.json")]),
        new("ris", ".ris", [Sample("references.ris")]),
        new("bibtex", ".bib", [Sample("references.bib"), Sample("broken.bib")]),
        new("csl-json", ".json", [Sample("references.csl.json")]),
        new("nbib", ".nbib", [Sample("pubmed.nbib")]),
        new("ctgov-json", ".json", [Sample("NCT03280056.json")]),
    ];

    public static FuzzFormat Named(string name) => All.Single(f => f.Name == name);

    private static string Sample(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "KnowledgeBase.Tests", "Interchange", "Samples", name);
}

/// <summary>
/// Runs inputs through the real importer on a real SQLite knowledge base (the curated library
/// imported) and records every broken promise instead of stopping at the first: an exception other
/// than a clean rejection, an input over its time or memory budget, an error that does not name the
/// file and a position, or a rejected file that changed any table (per-table checksums).
/// </summary>
public sealed class ImportFuzzer : IDisposable
{
    /// <summary>Whole-file problems have no line to name: the file is empty, too large, or not a format at all.</summary>
    private static readonly Regex Position = new(@"line \d+|byte \d+|position \d+|the file is empty|the largest accepted is|record #?\S+", RegexOptions.CultureInvariant);

    private readonly TestDatabase _database = new();
    private IReadOnlyList<TableChecksum> _checksums = [];

    public ImportFuzzer()
    {
        using (var db = _database.CreateContext())
        {
            var library = TestDatabase.CreateImporter(db).ImportFileAsync(Path.Combine(TestPaths.Seeds, "reference-library.json")).GetAwaiter().GetResult();
            library.Error.Should().BeNull();
        }
        _checksums = Checksums();
    }

    public static TimeSpan TimeLimit { get; } = TimeSpan.FromSeconds(Setting("KB_FUZZ_SECONDS_PER_INPUT", 20));

    public List<string> Failures { get; } = [];
    public int Inputs { get; private set; }
    public int Accepted { get; private set; }
    public int Rejected { get; private set; }
    public TimeSpan Slowest { get; private set; }
    public long MostAllocated { get; private set; }
    public long LargestInput { get; private set; }
    public string SlowestInput { get; private set; } = "";

    public static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    /// <summary>Imports one input; true when every promise held.</summary>
    public bool Check(string fileName, byte[] content, string description)
    {
        Inputs++;
        LargestInput = Math.Max(LargestInput, content.Length);
        var failuresBefore = Failures.Count;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        FileImportResult result;
        try
        {
            result = Task.Run(async () =>
            {
                await using var db = _database.CreateContext();
                return await TestDatabase.CreateImporter(db).ImportContentAsync(fileName, content, replaceChangedSources: true);
            }).WaitAsync(TimeLimit).GetAwaiter().GetResult();
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine($"fuzz: {description} still importing after {TimeLimit.TotalSeconds:0} s");
            Failures.Add($"{description}: still importing after {TimeLimit.TotalSeconds:0} s");
            return false;
        }
        catch (Exception ex)
        {
            Failures.Add($"{description}: crashed with {ex.GetType().Name}: {ex.Message}");
            _checksums = Checksums();
            return false;
        }
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        if (clock.Elapsed > Slowest)
        {
            Slowest = clock.Elapsed;
            SlowestInput = description;
        }
        MostAllocated = Math.Max(MostAllocated, allocated);
        // Memory: proportional to the input (text, parse tree, entities), never unbounded.
        var budget = 256L * 1024 * 1024 + 200L * content.Length;
        if (allocated > budget) Failures.Add($"{description}: allocated {allocated / 1024 / 1024} MB for {content.Length} bytes");

        if (result.Error is { } error)
        {
            Rejected++;
            if (!error.StartsWith(fileName, StringComparison.Ordinal)) Failures.Add($"{description}: the error does not start with the file name: {Shorten(error)}");
            else if (!Position.IsMatch(error)) Failures.Add($"{description}: the error names no line or position: {Shorten(error)}");
            var after = Checksums();
            var changed = after.Zip(_checksums).Where(p => p.First != p.Second).Select(p => p.First.Table).ToList();
            if (changed.Count > 0 || after.Count != _checksums.Count) Failures.Add($"{description}: rejected, yet changed {string.Join(", ", changed)}");
            _checksums = after;
        }
        else
        {
            Accepted++;
            _checksums = Checksums();
        }
        return Failures.Count == failuresBefore;
    }

    public string Figures(string format, string kind) => string.Create(CultureInfo.InvariantCulture,
        $"fuzz-figures format={format} kind={kind} inputs={Inputs} accepted={Accepted} rejected={Rejected} failures={Failures.Count} slowest_ms={Slowest.TotalMilliseconds:0} most_allocated_mb={MostAllocated / 1024.0 / 1024.0:0.0} largest_input_kb={LargestInput / 1024} slowest_input=\"{SlowestInput}\"");

    private IReadOnlyList<TableChecksum> Checksums()
    {
        using var db = _database.CreateContext();
        return TableChecksums.ComputeAsync(db).GetAwaiter().GetResult();
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => _database.Dispose();
}

/// <summary>Seeded mutations of a real file: each returns the mutated bytes and says what it did.</summary>
public static class Mutations
{
    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x80]];
    private static readonly string[] ControlCharacters = ["\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u007F", "\u0085", "\u2028", "\u2029", "\uFEFF", "\u200B", "\u202E"];
    private static readonly string[] Nestings = ["[", "{\"a\":", "{\"records\":[", "{{{", "((((", "@article{x,title={"];

    public const int Count = 16;

    /// <summary>Largest enormous line or repeated file, in characters: 300,000 unless KB_FUZZ_HUGE raises it (bench/fuzz.sh passes it through).</summary>
    public static int Huge { get; } = ImportFuzzer.Setting("KB_FUZZ_HUGE", 300_000);

    public static (byte[] Bytes, string What) Apply(int kind, byte[] original, byte[] other, Random random)
    {
        var text = Encoding.UTF8.GetString(original);
        int At(int length) => random.Next(0, length + 1);
        switch (kind)
        {
            case 0:
                var cut = At(original.Length);
                return (original[..cut], $"truncated at byte {cut}");
            case 1:
                var flipped = (byte[])original.Clone();
                var flips = random.Next(1, 17);
                for (var i = 0; i < flips; i++) flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                return (flipped, $"{flips} bit flips");
            case 2:
                var block = new byte[random.Next(1, 512)];
                random.NextBytes(block);
                return (Insert(original, At(original.Length), block), $"{block.Length} random bytes inserted");
            case 3:
                var binary = new byte[random.Next(1, 64 * 1024)];
                random.NextBytes(binary);
                return (binary, $"{binary.Length} random bytes");
            case 4:
                var bad = InvalidUtf8[random.Next(InvalidUtf8.Length)];
                return (Insert(original, At(original.Length), bad), $"invalid UTF-8 {Convert.ToHexString(bad)}");
            case 5:
                return random.Next(4) switch
                {
                    0 => ([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. original], "two BOMs"),
                    1 => (Insert(original, At(original.Length), [0xEF, 0xBB, 0xBF]), "a BOM inside"),
                    2 => ([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)], "UTF-16 with its BOM"),
                    _ => ([0xEF, 0xBB, 0xBF, .. original], "a BOM"),
                };
            case 6:
                var mixed = new StringBuilder();
                foreach (var c in text)
                {
                    if (c == '\n') mixed.Append(random.Next(3) switch { 0 => "\r\n", 1 => "\r", _ => "\n" });
                    else mixed.Append(c);
                }
                return (Encoding.UTF8.GetBytes(mixed.ToString()), "mixed line endings");
            case 7:
                var controlled = new StringBuilder(text);
                var controls = random.Next(1, 20);
                for (var i = 0; i < controls; i++) controlled.Insert(At(controlled.Length), ControlCharacters[random.Next(ControlCharacters.Length)]);
                return (Encoding.UTF8.GetBytes(controlled.ToString()), $"{controls} control characters");
            case 8:
                var length = random.Next(Huge / 10, Huge);
                var line = Encoding.UTF8.GetBytes(new string("ab{[\"x,;- 9"[random.Next(11)], length));
                return (Insert(original, At(original.Length), line), $"a {length}-character line");
            case 9:
                var depth = random.Next(65, Math.Max(66, Huge / 10));
                var opener = Nestings[random.Next(Nestings.Length)];
                return (Insert(original, At(original.Length), Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(opener, depth)))), $"nested {depth} deep with {opener}");
            case 10:
                var copies = random.Next(2, Math.Max(3, Huge / Math.Max(1, original.Length)));
                return (Enumerable.Repeat(original, copies).SelectMany(b => b).ToArray(), $"{copies} copies");
            case 11:
                var lines = text.Split('\n').ToList();
                var from = random.Next(lines.Count);
                var removed = Math.Min(random.Next(1, 10), lines.Count - from);
                lines.RemoveRange(from, removed);
                return (Encoding.UTF8.GetBytes(string.Join('\n', lines)), $"{removed} lines removed at line {from + 1}");
            case 12:
                var shuffled = text.Split('\n');
                random.Shuffle(shuffled);
                return (Encoding.UTF8.GetBytes(string.Join('\n', shuffled)), "lines shuffled");
            case 13:
                return (Insert(original, At(original.Length), other), "another format spliced in");
            case 14:
                return (random.Next(3) switch { 0 => [], 1 => "   \n\r\n\t "u8.ToArray(), _ => [0xEF, 0xBB, 0xBF] }, "empty or blank");
            default:
                var nul = (byte[])original.Clone();
                nul[random.Next(nul.Length)] = 0;
                return (nul, "a NUL byte");
        }
    }

    private static byte[] Insert(byte[] original, int at, byte[] inserted) => [.. original.AsSpan(0, at), .. inserted, .. original.AsSpan(at)];
}

/// <summary>Tests that measure time, memory or processes run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
