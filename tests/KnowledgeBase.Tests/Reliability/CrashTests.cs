using System.Diagnostics;
using System.Globalization;
using KnowledgeBase.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Reliability;

/// <summary>
/// Kills the app's <c>import</c> command (SIGKILL) at random moments, many times, and proves the
/// knowledge base stays consistent: the file passes SQLite's integrity and foreign-key checks,
/// every stored source has exactly the claims and references a clean import gives it (no
/// half-imported source), no source is stored twice, and a final import completes and matches a
/// clean import. CI runs a few kills; <c>bench/crash.sh</c> sets KB_CRASH_ITERATIONS for many.
/// </summary>
[Collection(RunsAlone.Name)]
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-crash-").FullName;

    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("KB_CRASH_ITERATIONS"), CultureInfo.InvariantCulture, out var n) ? n : 4;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("KB_CRASH_SEED"), CultureInfo.InvariantCulture, out var n) ? n : 20261121;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task An_import_killed_at_random_moments_leaves_a_consistent_knowledge_base()
    {
        var input = CreateInput(Path.Combine(_folder, "input"));
        var referenceDb = Path.Combine(_folder, "reference.db");
        var clean = Stopwatch.StartNew();
        (await RunImportAsync(referenceDb, input, killAfter: null)).Should().Be(0, "the input imports cleanly");
        clean.Stop();
        var expected = await ReadSourcesAsync(referenceDb);
        var expectedCounts = await CountsAsync(referenceDb);
        expected.Should().HaveCountGreaterThan(10);

        var crashedDb = Path.Combine(_folder, "crashed.db");
        var random = new Random(Seed);
        var killedMidway = 0;
        var fresh = 0;
        var sourcesSeen = new List<int>();
        var rowsSeen = new List<long>();
        for (var i = 0; i < Iterations; i++)
        {
            // Every other kill starts from an empty database, so that kills keep landing in the
            // middle of a first import (once everything is stored, a re-import only skips files);
            // the others carry on from whatever the previous kill left behind.
            if (i % 2 == 0 && i > 0)
            {
                DeleteDatabase(crashedDb);
                fresh++;
            }
            var delay = TimeSpan.FromMilliseconds(random.Next(0, (int)(clean.ElapsedMilliseconds * 1.1)));
            var exit = await RunImportAsync(crashedDb, input, delay);
            if (exit is null) killedMidway++;
            var stored = await CheckConsistentAsync(crashedDb, expected, $"after kill {i + 1} at {delay.TotalMilliseconds:0} ms");
            sourcesSeen.Add(stored);
            rowsSeen.Add(await RowsAsync(crashedDb));
        }

        (await RunImportAsync(crashedDb, input, killAfter: null)).Should().Be(0, "the import completes after the crashes");
        await CheckConsistentAsync(crashedDb, expected, "after the final import");
        (await CountsAsync(crashedDb)).Should().Equal(expectedCounts, "the survivor holds what a clean import holds");
        (await RunImportAsync(crashedDb, input, killAfter: null)).Should().Be(0);
        (await CountsAsync(crashedDb)).Should().Equal(expectedCounts, "importing the same files again adds nothing");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"crash-figures iterations={Iterations} killed_midway={killedMidway} clean_import_ms={clean.ElapsedMilliseconds} files={Directory.GetFiles(input).Length} sources={expected.Count} fresh_starts={fresh + 1} sources_stored_at_kills={string.Join(',', sourcesSeen)} rows={expectedCounts.Sum()} rows_stored_at_kills={string.Join(',', rowsSeen)} consistent={Iterations}"));
    }

    private static void DeleteDatabase(string database)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(database + suffix);
    }

    /// <summary>Runs the built app's import verb; returns its exit code, or null when it was killed first.</summary>
    private async Task<int?> RunImportAsync(string database, string input, TimeSpan? killAfter)
    {
        var start = TestPaths.ImportCommand(database, input, Path.Combine(_folder, "logs"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (killAfter is { } delay)
        {
            using var timeout = new CancellationTokenSource(delay);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true); // SIGKILL: no chance to clean up
                await process.WaitForExitAsync();
                return null;
            }
        }
        else
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        }
        if (process.ExitCode != 0) output.WriteLine($"import exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        return process.ExitCode;
    }

    /// <summary>The seeds, the interchange samples, and 8 more articles made from the seeds (each a distinct text).</summary>
    private static string CreateInput(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(TestPaths.Seeds)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        foreach (var name in new[] { "references.ris", "references.bib", "pubmed.nbib", "references.csl.json" })
            File.Copy(Path.Combine(TestPaths.RepoRoot, "tests", "KnowledgeBase.Tests", "Interchange", "Samples", name), Path.Combine(folder, name));
        var articles = Directory.GetFiles(TestPaths.Seeds, "*.txt").Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < 8; i++)
        {
            var text = File.ReadAllText(articles[i % articles.Length]);
            var firstBreak = text.IndexOf("\n\n", StringComparison.Ordinal);
            var variant = text.Insert(firstBreak < 0 ? text.Length : firstBreak, string.Create(CultureInfo.InvariantCulture, $"\n\nUpdated edition {i + 1}: the clinic says patients in cohort {i + 1} improved by {10 + i}% in 2024."));
            File.WriteAllText(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"variant-{i + 1:00}.txt")), variant);
        }
        return folder;
    }

    private sealed record StoredSource(long Claims, long References);

    private static async Task<Dictionary<string, StoredSource>> ReadSourcesAsync(string database)
    {
        await using var connection = Open(database);
        var result = new Dictionary<string, StoredSource>(StringComparer.Ordinal);
        if (!await HasTableAsync(connection, "Sources")) return result;
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.ContentHash,
                   (SELECT COUNT(*) FROM Claims c WHERE c.SourceId = s.Id),
                   (SELECT COUNT(*) FROM SourceReferences r WHERE r.SourceId = s.Id)
            FROM Sources s
            """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.TryAdd(reader.GetString(0), new StoredSource(reader.GetInt64(1), reader.GetInt64(2))).Should().BeTrue("a source is stored once");
        }
        return result;
    }

    private static async Task<int> CheckConsistentAsync(string database, Dictionary<string, StoredSource> expected, string when)
    {
        await using (var connection = Open(database))
        {
            (await ScalarAsync(connection, "PRAGMA integrity_check")).Should().Be("ok", when);
            await using var fk = connection.CreateCommand();
            fk.CommandText = "PRAGMA foreign_key_check";
            await using var reader = await fk.ExecuteReaderAsync();
            (await reader.ReadAsync()).Should().BeFalse($"no dangling foreign key {when}");
        }
        var stored = await ReadSourcesAsync(database);
        foreach (var (hash, source) in stored)
        {
            expected.Should().ContainKey(hash, $"every stored source is one of the input's articles ({when})");
            source.Should().Be(expected[hash], $"a stored source has all its claims and references ({when})");
        }
        return stored.Count;
    }

    private static async Task<List<long>> CountsAsync(string database)
    {
        await using var connection = Open(database);
        var counts = new List<long>();
        foreach (var table in new[] { "Sources", "Claims", "SourceReferences", "Studies", "Trials", "StudyTrials", "StudyTherapyTypes", "TrialTherapyTypes" })
            counts.Add(long.Parse((await ScalarAsync(connection, $"SELECT COUNT(*) FROM {table}"))!, CultureInfo.InvariantCulture));
        return counts;
    }

    /// <summary>Rows in the imported tables (-1 when the kill came before the schema was created): how far the import got.</summary>
    private static async Task<long> RowsAsync(string database)
    {
        await using (var connection = Open(database))
        {
            if (!await HasTableAsync(connection, "TrialTherapyTypes")) return -1;
        }
        return (await CountsAsync(database)).Sum();
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        return connection;
    }

    private static async Task<bool> HasTableAsync(SqliteConnection connection, string table) =>
        await ScalarAsync(connection, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") == "1";

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
