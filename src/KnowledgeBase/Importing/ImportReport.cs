namespace KnowledgeBase.Importing;

/// <summary>What one import did, file by file, for the console, the log and the upload page.</summary>
public sealed class ImportReport
{
    public List<FileImportResult> Files { get; } = [];

    public int SourcesAdded => Files.Sum(f => f.SourcesAdded);
    public int SourcesUpdated => Files.Sum(f => f.SourcesUpdated);
    public int SourcesUnchanged => Files.Sum(f => f.SourcesUnchanged);
    public int ClaimsDetected => Files.Sum(f => f.ClaimsDetected);
    public int StudiesAdded => Files.Sum(f => f.StudiesAdded);
    public int StudiesUpdated => Files.Sum(f => f.StudiesUpdated);
    public int StudiesUnchanged => Files.Sum(f => f.StudiesUnchanged);
    public int TrialsAdded => Files.Sum(f => f.TrialsAdded);
    public int TrialsUpdated => Files.Sum(f => f.TrialsUpdated);
    public int TrialsUnchanged => Files.Sum(f => f.TrialsUnchanged);
    public IEnumerable<string> Warnings => Files.SelectMany(f => f.Warnings.Select(w => $"{f.FileName}: {w}"));
    public IEnumerable<string> Errors => Files.Where(f => f.Error is not null).Select(f => f.Error!);
    public bool HasErrors => Files.Any(f => f.Error is not null);

    /// <summary>
    /// Wall-clock time the writer of <see cref="Importer.ImportPathAsync"/> spent storing files (a folder import's serial
    /// part: the whole import less its waits for the next file to be read, parsed and searched for claims); zero for an upload.
    /// </summary>
    public TimeSpan Writing { get; set; }

    public string Summary =>
        $"sources: {SourcesAdded} added, {SourcesUpdated} updated, {SourcesUnchanged} unchanged ({ClaimsDetected} candidate claims found); " +
        $"studies: {StudiesAdded} added, {StudiesUpdated} updated, {StudiesUnchanged} unchanged; " +
        $"trials: {TrialsAdded} added, {TrialsUpdated} updated, {TrialsUnchanged} unchanged; " +
        $"{Files.Count(f => f.Error is not null)} file(s) rejected";
}

/// <summary>The outcome of importing one file; <see cref="Error"/> set means nothing from it was stored.</summary>
public sealed class FileImportResult(string fileName)
{
    public string FileName { get; } = fileName;
    public string? Error { get; set; }
    public List<string> Warnings { get; } = [];

    /// <summary>What the file was read as ("RIS", "articles", "reference library"...), once recognised.</summary>
    public string? Format { get; set; }

    /// <summary>Records (articles, library records, references) read from the file, whatever was then done with them.</summary>
    public int RecordsRead { get; set; }

    /// <summary>Records of a reference file that could not be read (each is also a warning naming its line).</summary>
    public int RecordsUnreadable { get; set; }
    public int SourcesAdded { get; set; }
    public int SourcesUpdated { get; set; }
    public int SourcesUnchanged { get; set; }
    public int ClaimsDetected { get; set; }
    public int StudiesAdded { get; set; }
    public int StudiesUpdated { get; set; }
    public int StudiesUnchanged { get; set; }
    public int TrialsAdded { get; set; }
    public int TrialsUpdated { get; set; }
    public int TrialsUnchanged { get; set; }

    public void Reset()
    {
        RecordsRead = RecordsUnreadable = 0;
        SourcesAdded = SourcesUpdated = SourcesUnchanged = ClaimsDetected = 0;
        StudiesAdded = StudiesUpdated = StudiesUnchanged = 0;
        TrialsAdded = TrialsUpdated = TrialsUnchanged = 0;
    }
}

/// <summary>Progress of a running import: which file, of how many.</summary>
public sealed record ImportProgress(int FileNumber, int FileCount, string FileName);
