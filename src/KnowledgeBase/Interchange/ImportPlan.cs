namespace KnowledgeBase.Interchange;

/// <summary>What importing a bibliographic file does (or would do, in a preview) to each of its records.</summary>
public enum PlannedAction
{
    Add,
    Update,
    Unchanged,

    /// <summary>Not imported: title, year and first author match a record with no shared identifier; an editor decides.</summary>
    PossibleDuplicate,

    /// <summary>Not imported: its identifiers point at different records, which are never merged silently.</summary>
    Conflict,
}

/// <param name="Line">Where the record starts in the file.</param>
/// <param name="Label">Its title (or NCT id), for people.</param>
/// <param name="ExistingId">The study or trial it matched, if any.</param>
/// <param name="Details">What will change ("journal: (empty) → JAMA Neurology"), or why it is not imported.</param>
public sealed record PlannedRecord(int Line, BibRecordKind Kind, string Label, PlannedAction Action, int? ExistingId, IReadOnlyList<string> Details)
{
    /// <summary>For a possible duplicate: whether it may be merged into <see cref="ExistingId"/> (no identifier of the same kind differs).</summary>
    public bool CanMerge { get; init; }

    /// <summary>The record as the file gives it (authors, year, journal, identifiers), for the editor to check; null for records planned without one.</summary>
    public BibRecord? Record { get; init; }
}

/// <summary>An editor's decisions on a file's possible duplicates, by the line where each record starts.</summary>
public sealed record DuplicateDecisions(IReadOnlySet<int> Merge, IReadOnlySet<int> AddAsNew)
{
    public static DuplicateDecisions None { get; } = new(new HashSet<int>(), new HashSet<int>());
}

public sealed class ImportPlan(string fileName, BibFormat format)
{
    public string FileName { get; } = fileName;
    public BibFormat Format { get; } = format;
    public List<PlannedRecord> Records { get; } = [];
    public List<EntryError> Errors { get; } = [];

    /// <summary>Records imported with a change the editor should know of (a value cut to fit its column), by line.</summary>
    public List<EntryError> Warnings { get; } = [];

    /// <summary>Links between publications and trials the file establishes ("PMID 26751635 reports NCT01051882").</summary>
    public List<string> Links { get; } = [];

    /// <summary>Publications a registry entry lists that were not in the library, added from the registry's citation ("PMID 25828372: title").</summary>
    public List<string> StudiesFromRegistry { get; } = [];

    public int Count(PlannedAction action) => Records.Count(r => r.Action == action);

    /// <summary>What a preview would do: "1 to add, 0 to update, ...".</summary>
    public string Summary =>
        $"{Count(PlannedAction.Add)} to add{(StudiesFromRegistry.Count > 0 ? $" (and {StudiesFromRegistry.Count} publication(s) the registry lists)" : "")}, {Count(PlannedAction.Update)} to update, {Count(PlannedAction.Unchanged)} unchanged, " +
        $"{Count(PlannedAction.PossibleDuplicate)} possible duplicate(s) and {Count(PlannedAction.Conflict)} conflict(s) skipped, " +
        $"{Links.Count} publication–trial link(s), {Errors.Count} record(s) unreadable";

    /// <summary>What an applied import did: "12 added, 3 merged into existing records, 1 unchanged, ...".</summary>
    public string DoneSummary =>
        $"{Count(PlannedAction.Add)} added{(StudiesFromRegistry.Count > 0 ? $" (and {StudiesFromRegistry.Count} publication(s) the registry lists)" : "")}, " +
        $"{Count(PlannedAction.Update)} merged into existing records, {Count(PlannedAction.Unchanged)} already there unchanged, " +
        $"{Count(PlannedAction.PossibleDuplicate)} possible duplicate(s) and {Count(PlannedAction.Conflict)} conflict(s) skipped, " +
        $"{Links.Count} publication–trial link(s) made, {Errors.Count} record(s) unreadable";
}
