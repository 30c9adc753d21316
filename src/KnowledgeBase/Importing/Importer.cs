using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;
using KnowledgeBase.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing;

/// <summary>
/// Imports articles (text files) and the reference library (JSON) into the store: one transaction
/// per file, idempotent (sources by content hash, studies by library id / DOI / PMID, trials by NCT id).
/// </summary>
public sealed partial class Importer(KnowledgeBaseDbContext db, ILogger<Importer> logger, TimeProvider clock, ClaimDetector detector)
{
    private static readonly string[] ImportableExtensions = [".txt", ".text", ".md", ".json", ".ris", ".bib", ".bibtex", ".nbib", ".medline", ".csljson"];

    /// <summary>Imports a file, or every importable file of a folder (the library first, so references resolve).</summary>
    public async Task<ImportReport> ImportPathAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var report = new ImportReport();
        List<string> files;
        if (Directory.Exists(path))
        {
            files = Directory.EnumerateFiles(path)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .OrderBy(f => ImportContentSniffer.IsJsonName(f) ? 0 : 1)
                .ThenBy(f => f, StringComparer.Ordinal)
                .ToList();
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            var missing = new FileImportResult(path) { Error = $"{path}: no such file or folder" };
            report.Files.Add(missing);
            return report;
        }

        // A folder is imported in groups of files, one transaction per group and a savepoint per file:
        // a bad file is rolled back to its savepoint (it stores nothing, the others still import) and
        // the group is committed once, instead of a commit and a disk sync for every file.
        // Reading, parsing and claim detection need no database: they run on every core, a few files
        // ahead, while this method stores the prepared files one by one in file order.
        using var rows = new NewSourceRows(db);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var prepared = Channel.CreateBounded<Task<PreparedFile?>>(new BoundedChannelOptions(PreparedAhead) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => PrepareAllAsync(files, detector, prepared.Writer, stop.Token), CancellationToken.None);
        var group = 0;
        var grouped = files.Count > 1 && db.Database.CurrentTransaction is null;
        await using var sqlite = grouped ? await SqliteFolderImport.StartAsync(db, cancellationToken) : null;
        var transaction = grouped ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        // The writer is the import's serial part: its time is the whole less the waits for a file to be prepared.
        var whole = Stopwatch.StartNew();
        var waiting = new Stopwatch();
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                waiting.Start();
                var file = await (await prepared.Reader.ReadAsync(cancellationToken));
                waiting.Stop();
                var name = Path.GetFileName(files[i]);
                progress?.Report(new ImportProgress(i + 1, files.Count, name));
                if (file is null)
                {
                    var skipped = new FileImportResult(name);
                    skipped.Warnings.Add("skipped: not an article (.txt, .md), the library (.json) or a reference file (.ris, .bib, .nbib, CSL or ClinicalTrials.gov .json)");
                    report.Files.Add(skipped);
                    continue;
                }
                if (sqlite is not null && file.Error is null)
                {
                    // Search indexing waits for the commit while files only add articles (see SqliteFolderImport).
                    rows.Enlist();
                    if (file.Content == ImportContent.Articles && !await rows.FileNameTakenAsync(file.Name, cancellationToken))
                        await sqlite.PauseIndexingAsync(cancellationToken);
                    else await sqlite.CatchUpAsync(cancellationToken);
                }
                report.Files.Add(await ImportPreparedAsync(file, replaceChangedSources: true, rows, cancellationToken));
                if (transaction is not null && ++group >= FilesPerTransaction)
                {
                    if (sqlite is not null) await sqlite.CatchUpAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    group = 0;
                }
            }
            if (sqlite is not null) await sqlite.CatchUpAsync(cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            report.Writing = whole.Elapsed - waiting.Elapsed;
            if (transaction is not null) await transaction.DisposeAsync();
            sqlite?.RolledBack();
            await stop.CancelAsync();
            await StopAsync(producer, prepared.Reader);
        }
        LogImported(report.Summary);
        return report;
    }

    /// <summary>How many files are prepared ahead of the writer (and held in memory at most, besides the one being written).</summary>
    private static readonly int PreparedAhead = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Starts preparing each file on the thread pool, in order; the channel's bound keeps the work a few files ahead of the writer.</summary>
    private static async Task PrepareAllAsync(List<string> files, ClaimDetector detector, ChannelWriter<Task<PreparedFile?>> output, CancellationToken ct)
    {
        try
        {
            foreach (var path in files)
            {
                var importable = ImportableExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
                await output.WriteAsync(importable ? Task.Run(() => (PreparedFile?)PreparedFile.Read(path, detector), ct) : Task.FromResult<PreparedFile?>(null), ct);
            }
            output.Complete();
        }
        catch (OperationCanceledException)
        {
            output.Complete();
        }
    }

    /// <summary>After the writer stopped (done, failed or cancelled): waits for the preparation still running, so no work outlives the import.</summary>
    private static async Task StopAsync(Task producer, ChannelReader<Task<PreparedFile?>> pending)
    {
        await producer;
        while (pending.TryRead(out var task))
        {
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
                // Not started before the import stopped.
            }
#pragma warning disable CA1031 // The import already failed or finished; a file prepared in vain has nothing to add.
            catch (Exception)
            {
            }
#pragma warning restore CA1031
        }
    }

    /// <summary>Files of a folder committed together (see <see cref="ImportPathAsync"/>); a crash loses at most this many, and importing again adds them.</summary>
    internal const int FilesPerTransaction = 500;

    /// <summary>Imports one file from disk; its size is checked before it is read.</summary>
    public async Task<FileImportResult> ImportFileAsync(string path, CancellationToken cancellationToken = default)
    {
        using var rows = new NewSourceRows(db);
        return await ImportPreparedAsync(PreparedFile.Read(path, detector), replaceChangedSources: true, rows, cancellationToken);
    }

    /// <summary>Imports the content of one file (from disk or an upload); the name is only used in messages and as the source's file name.</summary>
    /// <param name="replaceChangedSources">
    /// Whether an article whose file name and position match a stored source, but whose text differs,
    /// replaces that source (re-anchoring its claims). True for the command line, where the name is a
    /// real file; an upload's name is only what the browser says, so uploads never replace.
    /// </param>
    public async Task<FileImportResult> ImportContentAsync(string fileName, byte[] content, bool replaceChangedSources = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var rows = new NewSourceRows(db);
        return await ImportPreparedAsync(PreparedFile.FromContent(fileName, content, detector), replaceChangedSources, rows, cancellationToken);
    }

    private async Task<FileImportResult> ImportPreparedAsync(PreparedFile file, bool replaceChangedSources, NewSourceRows rows, CancellationToken cancellationToken)
    {
        var fileName = file.Name;
        var result = new FileImportResult(fileName) { Format = file.FormatName };
        if (file.Error is not null) return Rejected(result, file.Error);
        // On its own a file is one transaction; inside a folder's transaction it is one savepoint.
        var outer = db.Database.CurrentTransaction;
        await using var transaction = outer is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (outer is not null)
        {
            rows.Enlist();
            await rows.BeginFileAsync(outer, cancellationToken);
        }
        try
        {
            switch (file.Content)
            {
                case ImportContent.CuratedLibrary:
                    await ImportLibraryAsync(file.Text, result, rows, cancellationToken);
                    break;
                case ImportContent.References:
                    await ImportReferencesAsync(fileName, file.Text, result, rows, cancellationToken);
                    break;
                default:
                    await ImportArticlesAsync(fileName, file.Text, file.Articles, result, replaceChangedSources, rows, cancellationToken);
                    break;
            }

            // New articles are written without the change tracker and leave it empty: nothing to save.
            if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
            else await rows.EndFileAsync(outer!, cancellationToken);
            foreach (var warning in result.Warnings) LogWarning(fileName, warning);
            return result;
        }
        catch (ImportFormatException ex)
        {
            await RollBackAsync(transaction, outer, rows);
            return Rejected(result, ex.Describe(fileName));
        }
        catch (DbUpdateException ex)
        {
            await RollBackAsync(transaction, outer, rows);
            return Rejected(result, $"{fileName}: could not be stored ({ex.InnerException?.Message ?? ex.Message})");
        }
        catch (DbException ex)
        {
            // The bulk path's own commands fail with the provider's exception, not EF's.
            await RollBackAsync(transaction, outer, rows);
            return Rejected(result, $"{fileName}: could not be stored ({ex.Message})");
        }
        finally
        {
            // A rejected file must not leave tracked entities behind for the next one.
            db.ChangeTracker.Clear();
        }
    }

    private static async Task RollBackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? own, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? outer, NewSourceRows rows)
    {
        if (own is not null) await own.RollbackAsync(CancellationToken.None);
        else await rows.RollBackFileAsync(outer!);
    }

    private FileImportResult Rejected(FileImportResult result, string error)
    {
        result.Reset();
        result.Error = error;
        LogRejected(error);
        return result;
    }

    /// <summary>Refuses a value longer than its column, naming the line where it stands (the library's fields, an article's).</summary>
    private void CheckFieldLimits(object entity, string owner, string text, string? record = null)
    {
        if (FieldLimits.FirstViolation(db.Model, entity) is { } violation)
            throw new ImportFormatException(violation.Describe(owner), InputText.LineOf(text, violation.Value), record);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import finished: {Summary}")]
    private partial void LogImported(string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import of {FileName}: {Warning}")]
    private partial void LogWarning(string fileName, string warning);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import rejected: {Error}")]
    private partial void LogRejected(string error);
}
