using KnowledgeBase.Data;
using KnowledgeBase.Importing;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary><c>import &lt;path&gt;...</c>: imports files or folders, prints what it did, exits 1 if any file was rejected.</summary>
internal sealed record ImportCommand(IReadOnlyList<string> Paths) : ICommand
{
    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        if (Paths.Count == 0)
        {
            await output.WriteLineAsync("usage: import <file-or-folder> [more...]   (articles: .txt/.md, reference library: .json)");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<ImportCommand>();
        await DatabaseInitializer.MigrateAsync(scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>(), logger, CancellationToken.None);

        var importer = scope.ServiceProvider.GetRequiredService<Importer>();
        var failed = false;
        foreach (var path in Paths)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var report = await importer.ImportPathAsync(ResolveFromInvocationFolder(path), ConsoleProgress.Create(output));
            clock.Stop();
            await output.WriteLineAsync($"{path}: {report.Summary}");
            await output.WriteLineAsync(Throughput(report, clock.Elapsed));
            foreach (var warning in report.Warnings) await output.WriteLineAsync($"  warning: {warning}");
            foreach (var error in report.Errors) await output.WriteLineAsync($"  error: {error}");
            failed |= report.HasErrors;
        }
        await FillEmbeddingsAsync(scope.ServiceProvider, output);
        return failed ? 1 : 0;
    }

    /// <summary>Embeds the imported (and any other unembedded) studies and trials before exiting, with a progress line.</summary>
    internal static async Task<KnowledgeBase.Retrieval.EmbeddingFillReport> FillEmbeddingsAsync(IServiceProvider services, TextWriter output)
    {
        var db = services.GetRequiredService<KnowledgeBaseDbContext>();
        var embedder = services.GetRequiredService<KnowledgeBase.Retrieval.ITextEmbedder>();
        var last = DateTime.MinValue;
        var progress = new SynchronousProgress<KnowledgeBase.Retrieval.EmbeddingProgress>(p =>
        {
            if (DateTime.UtcNow - last < TimeSpan.FromSeconds(5) && p.Done < p.Total) return;
            last = DateTime.UtcNow;
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[embeddings] {p.Done:N0}/{p.Total:N0} records ({p.RecordsPerSecond:F1}/s)"));
        });
        var report = await KnowledgeBase.Retrieval.RecordEmbeddings.FillAsync(db, embedder, progress, CancellationToken.None);
        await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"embeddings: {report.Embedded:N0} embedded, {report.Unchanged:N0} unchanged, {report.Removed:N0} removed in {report.Elapsed.TotalSeconds:F1} s ({report.RecordsPerSecond:F1} records/s)"));
        return report;
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>
    /// "1,200 articles in 1.3 s: 923 articles/s (...); writer 0.6 s, 0.50 ms an article" (articles added, updated or found
    /// unchanged; the writer's wall-clock time, see <see cref="ImportReport.Writing"/>).
    /// </summary>
    internal static string Throughput(ImportReport report, TimeSpan elapsed)
    {
        var articles = report.SourcesAdded + report.SourcesUpdated + report.SourcesUnchanged;
        var rate = elapsed > TimeSpan.Zero ? articles / elapsed.TotalSeconds : 0;
        var perArticle = articles > 0 ? report.Writing.TotalMilliseconds / articles : 0;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  {articles:N0} articles in {elapsed.TotalSeconds:F2} s: {rate:F0} articles/s ({report.ClaimsDetected:N0} claims detected); writer {report.Writing.TotalSeconds:F2} s, {perArticle:F2} ms an article");
    }

    /// <summary>
    /// `dotnet run --project ...` starts the app in the project's folder, but a person types paths
    /// relative to their shell's folder, which the shell passes on as PWD.
    /// </summary>
    internal static string ResolveFromInvocationFolder(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var shellFolder = Environment.GetEnvironmentVariable("PWD");
        var candidate = string.IsNullOrEmpty(shellFolder) ? path : Path.Combine(shellFolder, path);
        return File.Exists(candidate) || Directory.Exists(candidate) ? Path.GetFullPath(candidate) : Path.GetFullPath(path);
    }

    /// <summary>A file to be written: relative to the shell's folder (PWD) when given relative.</summary>
    internal static string ResolveOutputPath(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var shellFolder = Environment.GetEnvironmentVariable("PWD");
        return Path.GetFullPath(string.IsNullOrEmpty(shellFolder) ? path : Path.Combine(shellFolder, path));
    }
}
