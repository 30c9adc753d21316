using System.Globalization;
using KnowledgeBase.Data;
using KnowledgeBase.Importing;
using KnowledgeBase.Interchange;
using KnowledgeBase.Web.Features.Export;
using Microsoft.Data.Sqlite;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// <c>check-styles [folder] [--examples N] [--out folder]</c>: imports every reference file of the interchange samples
/// (<c>../shared/interchange-samples</c>) into a throw-away SQLite file as <c>check-interchange</c> does, reads the whole
/// library as the export does, renders it with citeproc-js (the CSL-JSON the export writes; Vancouver from
/// @citation-js/plugin-csl, AMA from the style's own CSL file in the samples' <c>styles/</c>) and prints per style how many
/// references <see cref="KnowledgeBase.Interchange.Writing.CitationFormatter"/> prints exactly alike (white space
/// normalised, nothing else), and the commonest kinds of difference with an example each (docs/interchange.md).
/// <c>--out</c> keeps the CSL-JSON and both sides' references, one a line, for a closer look.
/// </summary>
internal sealed class CheckStylesCommand(string folder, string database, int examples, string? keep) : ICommand
{
    public static (ICommand Command, string[] HostArgs) Create(string? folderArgument, int examples, string? keep)
    {
        var (folder, database, hostArgs) = InterchangeSamples.ThrowAwayRun(folderArgument, "check-styles");
        return (new CheckStylesCommand(folder, database, examples, keep is null ? null : ImportCommand.ResolveFromInvocationFolder(keep)), hostArgs);
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        if (!await InterchangeSamples.PresentAsync(folder, output)) return 2;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
            await DatabaseInitializer.MigrateAsync(db, scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<CheckStylesCommand>(), CancellationToken.None);
            var samples = InterchangeSamples.Read(folder);
            var importer = scope.ServiceProvider.GetRequiredService<Importer>();
            for (var i = 0; i < samples.Count; i++)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{i + 1}/{samples.Count}] importing {samples[i].Format}/{samples[i].File}"));
                await importer.ImportFileAsync(samples[i].PathIn(folder));
            }

            var records = LibraryRecords.Read(db, db.Studies, db.Trials).ToList();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"the whole library: {records.Count} references"));
            var citeproc = Path.Combine(EvaluateRetrievalCommand.RepositoryRoot(), "tests", "citeproc");
            var results = new List<StyleAgreementResult>();
            foreach (var style in CitationStyle.Both(folder))
            {
                await output.WriteLineAsync($"{style.Name}: rendering with citeproc-js ({string.Join(' ', style.RenderArguments)}) and formatting...");
                var rendered = StyleAgreement.RenderWithCiteproc(records, citeproc, style.RenderArguments);
                var result = StyleAgreement.Compare(style.Name, records, rendered, style.Format);
                if (keep is not null)
                {
                    Directory.CreateDirectory(keep);
                    await using (var json = File.Create(Path.Combine(keep, "library.json")))
                        KnowledgeBase.Interchange.Writing.CslJsonWriter.Write(records, json);
                    await File.WriteAllLinesAsync(Path.Combine(keep, style.Name.ToLowerInvariant() + "-citeproc.txt"), rendered);
                    await File.WriteAllLinesAsync(Path.Combine(keep, style.Name.ToLowerInvariant() + "-formatter.txt"), records.Select(style.Format));
                }
                results.Add(result);
                await output.WriteLineAsync();
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Style}: {result.Agreeing} of {result.References} references agree ({result.Share:P1}); {result.References - result.Agreeing} differ in {result.Kinds.Count} kind(s)"));
                foreach (var kind in result.Kinds.Take(examples))
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {kind.Count,5}  {kind.Signature}"));
                    await output.WriteLineAsync($"         formatter: {kind.Formatter}");
                    await output.WriteLineAsync($"         citeproc:  {kind.Citeproc}");
                }
                await output.WriteLineAsync();
            }

            await output.WriteLineAsync("| style | references | agree | share |");
            await output.WriteLineAsync("|---|---|---|---|");
            foreach (var result in results)
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {result.Style} | {result.References:N0} | {result.Agreeing:N0} | {result.Share:P1} |"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(database + suffix);
        }
    }
}
