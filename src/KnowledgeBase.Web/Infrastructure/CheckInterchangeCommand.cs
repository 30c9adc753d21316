using System.Globalization;
using KnowledgeBase.Data;
using KnowledgeBase.Importing;
using Microsoft.Data.Sqlite;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// <c>check-interchange [folder] [--warnings]</c>: imports every reference file of the interchange samples
/// (<c>../shared/interchange-samples</c>, listed with their labels in its SOURCES.md) one by one through the
/// <c>import</c> command's code into a throw-away SQLite file, and prints per file what it was recognised as,
/// how many records were read, or why it was refused; then a table per format and label (docs/interchange.md).
/// </summary>
internal sealed class CheckInterchangeCommand(string folder, string database, bool warnings) : ICommand
{
    public static (ICommand Command, string[] HostArgs) Create(string? folderArgument, bool warnings)
    {
        var (folder, database, hostArgs) = InterchangeSamples.ThrowAwayRun(folderArgument, "check-interchange");
        return (new CheckInterchangeCommand(folder, database, warnings), hostArgs);
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        if (!await InterchangeSamples.PresentAsync(folder, output)) return 2;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
            await DatabaseInitializer.MigrateAsync(db, scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<CheckInterchangeCommand>(), CancellationToken.None);
            await output.WriteLineAsync($"throw-away database: {database}");
            var outcomes = await InterchangeSamples.ImportEachAsync(scope.ServiceProvider.GetRequiredService<Importer>(), folder);
            foreach (var (sample, result) in outcomes)
            {
                await output.WriteLineAsync($"{sample.Label,-9} {sample.Format}/{sample.File}: {InterchangeSamples.Describe(result)}");
                if (warnings) foreach (var warning in result.Warnings) await output.WriteLineAsync($"            warning: {warning}");
            }
            await output.WriteLineAsync();
            await output.WriteLineAsync("| folder | label | files | imported | refused | read as articles | records read | records unreadable |");
            await output.WriteLineAsync("|---|---|---|---|---|---|---|---|");
            foreach (var group in outcomes.GroupBy(o => (o.Sample.Format, o.Sample.Label)).OrderBy(g => g.Key.Format, StringComparer.Ordinal).ThenBy(g => g.Key.Label, StringComparer.Ordinal))
            {
                var imported = group.Count(o => o.Result.Error is null);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {group.Key.Format} | {group.Key.Label} | {group.Count()} | {imported} | {group.Count() - imported} | {group.Count(o => o.Result.Error is null && o.Result.Format == "articles")} | {group.Sum(o => o.Result.RecordsRead)} | {group.Sum(o => o.Result.RecordsUnreadable)} |"));
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(database + suffix);
        }
    }
}

/// <summary>One file of the interchange samples as SOURCES.md lists it: folder (format), file name and label (real, synthetic, torture, negative).</summary>
internal sealed record InterchangeSample(string Format, string File, string Label)
{
    public string PathIn(string folder) => Path.Combine(folder, Format, File);
}

internal static class InterchangeSamples
{
    /// <summary>
    /// The samples' folder (<paramref name="folderArgument"/>, else ../shared/interchange-samples beside the repository),
    /// a throw-away SQLite file for a command's run and the host settings that put the app on it, quiet and seedless.
    /// </summary>
    public static (string Folder, string Database, string[] HostArgs) ThrowAwayRun(string? folderArgument, string command)
    {
        var folder = folderArgument is not null
            ? ImportCommand.ResolveFromInvocationFolder(folderArgument)
            : Path.GetFullPath(Path.Combine(EvaluateRetrievalCommand.RepositoryRoot(), "..", "shared", "interchange-samples"));
        var database = Path.Combine(Path.GetTempPath(), $"kb-{command}-{Guid.NewGuid():N}.db");
        return (folder, database,
        [
            "--Database:Provider=Sqlite",
            $"--ConnectionStrings:KnowledgeBase=Data Source={database};Pooling=False",
            "--KnowledgeBase:ImportSeedsOnFirstRun=false",
            "--KnowledgeBase:FillEmbeddingsOnStart=false",
            "--Serilog:MinimumLevel:Default=Error",
        ]);
    }

    /// <summary>False, saying why, when <paramref name="folder"/> is not the samples' folder (no SOURCES.md).</summary>
    public static async Task<bool> PresentAsync(string folder, TextWriter output)
    {
        if (File.Exists(Path.Combine(folder, "SOURCES.md"))) return true;
        await output.WriteLineAsync($"{folder}: needs the interchange samples with their SOURCES.md (../shared/interchange-samples)");
        return false;
    }

    /// <summary>The files SOURCES.md lists (its table: format, file, repository, commit, path, label, note).</summary>
    public static IReadOnlyList<InterchangeSample> Read(string folder) =>
        File.ReadLines(Path.Combine(folder, "SOURCES.md"))
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length >= 8 && cells[1] is not ("format" or "" or "---") && !cells[1].StartsWith("---", StringComparison.Ordinal))
            .Select(cells => new InterchangeSample(cells[1], cells[2], cells[6]))
            .ToList();

    /// <summary>Imports each listed file on its own, in order, through <see cref="Importer.ImportFileAsync"/> (what <c>import</c> does per file).</summary>
    public static async Task<IReadOnlyList<(InterchangeSample Sample, FileImportResult Result)>> ImportEachAsync(Importer importer, string folder)
    {
        var outcomes = new List<(InterchangeSample, FileImportResult)>();
        foreach (var sample in Read(folder))
            outcomes.Add((sample, await importer.ImportFileAsync(sample.PathIn(folder))));
        return outcomes;
    }

    /// <summary>"RIS, 12 records read, 1 unreadable, 3 warnings" or "refused: file, line 4: ...".</summary>
    public static string Describe(FileImportResult result)
    {
        if (result.Error is not null) return $"refused: {result.Error}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Format ?? "?"}, {result.RecordsRead} record(s) read, {result.RecordsUnreadable} unreadable, {result.Warnings.Count} warning(s)");
    }
}
