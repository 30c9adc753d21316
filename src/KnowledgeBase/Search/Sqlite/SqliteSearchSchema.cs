using System.Globalization;

namespace KnowledgeBase.Search.Sqlite;

/// <summary>
/// One FTS5 index over one table: which columns it holds, how much a match in each counts for
/// ranking (bm25 weights, titles above bodies), which column is the hit's title and which columns a
/// snippet may come from. The index is external-content (the text lives only in the base table)
/// and triggers on the base table keep it current. See docs/decisions/0007-full-text-search.md.
/// </summary>
public sealed record SqliteSearchIndex(
    SearchKind Kind,
    string Table,
    string ContentTable,
    IReadOnlyList<string> Columns,
    IReadOnlyList<double> Weights,
    int? TitleColumn,
    IReadOnlyList<int> SnippetColumns)
{
    public string InsertTrigger => Table + "_AfterInsert";
    public string DeleteTrigger => Table + "_AfterDelete";
    public string UpdateTrigger => Table + "_AfterUpdate";
    public IReadOnlyList<string> Triggers => [InsertTrigger, DeleteTrigger, UpdateTrigger];

    /// <summary>The bm25 score of a matching row with this index's column weights (lower is better, as in FTS5).</summary>
    public string Bm25Sql =>
        $"bm25(\"{Table}\", " + string.Join(", ", Weights.Select(w => w.ToString("0.0##", CultureInfo.InvariantCulture))) + ")";

    public string CreateTableSql =>
        $"CREATE VIRTUAL TABLE IF NOT EXISTS \"{Table}\" USING fts5({ColumnList()}, content='{ContentTable}', content_rowid='Id', " +
        $"tokenize='{SqliteSearchSchema.Tokenizer}');";

    public IReadOnlyList<string> CreateTriggerSql =>
    [
        $"CREATE TRIGGER IF NOT EXISTS \"{InsertTrigger}\" AFTER INSERT ON \"{ContentTable}\" BEGIN {Insert("new")} END;",
        $"CREATE TRIGGER IF NOT EXISTS \"{DeleteTrigger}\" AFTER DELETE ON \"{ContentTable}\" BEGIN {Delete("old")} END;",
        // Only a change to an indexed column (or the id) touches the index, not every version bump.
        $"CREATE TRIGGER IF NOT EXISTS \"{UpdateTrigger}\" AFTER UPDATE OF \"Id\", {ColumnList()} ON \"{ContentTable}\" BEGIN {Delete("old")} {Insert("new")} END;",
    ];

    /// <summary>
    /// Indexes the base table's rows with an id above <paramref name="afterIdParameter"/>, in id order, as the insert trigger
    /// would have one by one (an import that paused the trigger for a commit group, see <c>SqliteFolderImport</c>).
    /// </summary>
    public string IndexRowsAfterSql(string afterIdParameter) =>
        $"INSERT INTO \"{Table}\"(rowid, {ColumnList()}) SELECT \"Id\", {ColumnList()} FROM \"{ContentTable}\" WHERE \"Id\" > {afterIdParameter} ORDER BY \"Id\";";

    /// <summary>Re-reads every row of the base table into the index (the backfill, and the repair after a table rebuild).</summary>
    public string RebuildSql => $"INSERT INTO \"{Table}\"(\"{Table}\") VALUES('rebuild');";

    public IReadOnlyList<string> DropSql =>
    [
        .. Triggers.Select(t => $"DROP TRIGGER IF EXISTS \"{t}\";"),
        $"DROP TABLE IF EXISTS \"{Table}\";",
    ];

    private string ColumnList() => string.Join(", ", Columns.Select(c => $"\"{c}\""));

    private string Values(string row) => string.Join(", ", Columns.Select(c => $"{row}.\"{c}\""));

    private string Insert(string row) => $"INSERT INTO \"{Table}\"(rowid, {ColumnList()}) VALUES ({row}.\"Id\", {Values(row)});";

    // External content: the index is told which values to remove, exactly as they were indexed.
    private string Delete(string row) => $"INSERT INTO \"{Table}\"(\"{Table}\", rowid, {ColumnList()}) VALUES ('delete', {row}.\"Id\", {Values(row)});";
}

/// <summary>The SQLite full-text indexes: their layout, and the SQL that creates, fills and removes them.</summary>
public static class SqliteSearchSchema
{
    /// <summary>Unicode word splitting, accents folded (café = cafe), English (Porter) stemming (study = studies).</summary>
    public const string Tokenizer = "porter unicode61 remove_diacritics 2";

    public static readonly SqliteSearchIndex Claims = new(
        SearchKind.Claim, "ClaimsSearch", "Claims",
        Columns: ["Quote"],
        Weights: [1.0],
        TitleColumn: null,
        SnippetColumns: [0]);

    public static readonly SqliteSearchIndex Sources = new(
        SearchKind.Source, "SourcesSearch", "Sources",
        Columns: ["Title", "Publisher", "CleanedText"],
        Weights: [10.0, 2.0, 1.0],
        TitleColumn: 0,
        SnippetColumns: [2, 1]);

    // Abstracts and registry summaries are bodies (weight 1); the registry's conditions and intervention names
    // label a trial as its sponsor does (weight 2). The lists are stored as JSON text ('["A","B"]'), whose
    // brackets and quotes the tokenizer skips; they are left out of snippets for the same reason.
    public static readonly SqliteSearchIndex Studies = new(
        SearchKind.Study, "StudiesSearch", "Studies",
        Columns: ["Title", "ShortLabel", "Authors", "Journal", "CellType", "CellSource", "Route", "Design", "Dosing", "ParticipantsDetail", "MainResults", "Abstract"],
        Weights: [10.0, 5.0, 3.0, 2.0, 2.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0],
        TitleColumn: 0,
        SnippetColumns: [10, 11, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    public static readonly SqliteSearchIndex Trials = new(
        SearchKind.Trial, "TrialsSearch", "Trials",
        Columns: ["NctId", "Title", "Sponsor", "Intervention", "Design", "PhaseText", "Status", "Summary", "Conditions", "Interventions", "PrimaryOutcomes"],
        Weights: [10.0, 10.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 1.0],
        TitleColumn: 1,
        SnippetColumns: [3, 7, 2, 4, 5, 6]);

    public static IReadOnlyList<SqliteSearchIndex> All { get; } = [Claims, Sources, Studies, Trials];

    /// <summary>
    /// The layout the first search migration (20261121200000_FullTextSearch) created, frozen: a migration must
    /// keep doing what it did when it was written, since the columns added later do not exist yet when it runs.
    /// 20261202060000_SearchAbstracts moves the study and trial indexes from here to <see cref="All"/>.
    /// </summary>
    public static IReadOnlyList<SqliteSearchIndex> InitialLayout { get; } =
    [
        Claims,
        Sources,
        Studies with
        {
            Columns = ["Title", "ShortLabel", "Authors", "Journal", "CellType", "CellSource", "Route", "Design", "Dosing", "ParticipantsDetail", "MainResults"],
            Weights = [10.0, 5.0, 3.0, 2.0, 2.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0],
            SnippetColumns = [10, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        },
        Trials with
        {
            Columns = ["NctId", "Title", "Sponsor", "Intervention", "Design", "PhaseText", "Status"],
            Weights = [10.0, 10.0, 2.0, 2.0, 1.0, 1.0, 1.0],
            SnippetColumns = [3, 2, 4, 5, 6],
        },
    ];

    /// <summary>Plain indexes for exact identifier lookups the EF model does not already index (NCT, PMID and DOI are unique indexes there).</summary>
    public static IReadOnlyList<(string Name, string Sql)> LookupIndexes { get; } =
    [
        ("IX_Search_Studies_Pmcid", "CREATE INDEX IF NOT EXISTS \"IX_Search_Studies_Pmcid\" ON \"Studies\" (\"Pmcid\");"),
    ];

    public static SqliteSearchIndex For(SearchKind kind) => All.Single(i => i.Kind == kind);

    /// <summary>Creates the indexes of <paramref name="layout"/> and their triggers, fills them from the existing rows, and adds the lookup indexes.</summary>
    public static IEnumerable<string> CreateStatements(IReadOnlyList<SqliteSearchIndex> layout) =>
        layout.SelectMany(Create).Concat(LookupIndexes.Select(i => i.Sql));

    public static IEnumerable<string> DropStatements(IReadOnlyList<SqliteSearchIndex> layout) =>
        layout.SelectMany(i => i.DropSql).Concat(LookupIndexes.Select(i => $"DROP INDEX IF EXISTS \"{i.Name}\";"));

    /// <summary>Replaces one index by another over the same table (new columns): drop, create, fill from the rows.</summary>
    public static IEnumerable<string> ReplaceStatements(SqliteSearchIndex from, SqliteSearchIndex to) => [.. from.DropSql, .. Create(to)];

    private static IEnumerable<string> Create(SqliteSearchIndex index) => [index.CreateTableSql, .. index.CreateTriggerSql, index.RebuildSql];
}
