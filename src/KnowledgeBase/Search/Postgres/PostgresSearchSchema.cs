namespace KnowledgeBase.Search.Postgres;

/// <summary>
/// One searchable table on PostgreSQL: a generated, stored <c>tsvector</c> column
/// (<see cref="PostgresSearchSchema.VectorColumn"/>) built from the listed columns, each with a weight
/// class (A for titles ... D for bodies), and a GIN index on it. Which column is the hit's title and
/// which columns a snippet may come from mirror the SQLite index of the same kind.
/// See docs/decisions/0013-postgres-search.md.
/// </summary>
public sealed record PostgresSearchIndex(
    SearchKind Kind,
    string Table,
    IReadOnlyList<(string Column, char Weight)> Columns,
    int? TitleColumn,
    IReadOnlyList<int> SnippetColumns,
    IReadOnlyList<string>? ListColumns = null)
{
    public string IndexName => $"IX_{Table}_{PostgresSearchSchema.VectorColumn}";

    /// <summary>
    /// The weighted document: every column through the search configuration, NULLs as empty text, each
    /// cut at <see cref="PostgresSearchSchema.MaxIndexedChars"/> so that no row can exceed PostgreSQL's
    /// 1 MB tsvector limit (the insert would fail otherwise).
    /// </summary>
    public string VectorExpression => string.Join(" || ", Columns.Select(c =>
        $"setweight(to_tsvector('{PostgresSearchSchema.Configuration}'::regconfig, left(coalesce({Text(c.Column)}, ''), {PostgresSearchSchema.MaxIndexedChars})), '{c.Weight}')"));

    /// <summary>A text column as it is; a text[] column (<see cref="ListColumns"/>) as its items joined by spaces.</summary>
    private string Text(string column) => ListColumns?.Contains(column) == true
        ? $"{PostgresSearchSchema.JoinFunction}(\"{column}\")"
        : $"\"{column}\"";

    public IReadOnlyList<string> CreateSql =>
    [
        // Generated columns are computed by the server on every insert and update (EF, raw SQL, the copy
        // command alike), so nothing can leave the index behind.
        $"ALTER TABLE \"{Table}\" ADD COLUMN IF NOT EXISTS \"{PostgresSearchSchema.VectorColumn}\" tsvector GENERATED ALWAYS AS ({VectorExpression}) STORED;",
        $"CREATE INDEX IF NOT EXISTS \"{IndexName}\" ON \"{Table}\" USING GIN (\"{PostgresSearchSchema.VectorColumn}\");",
    ];

    public IReadOnlyList<string> DropSql =>
    [
        $"DROP INDEX IF EXISTS \"{IndexName}\";",
        $"ALTER TABLE \"{Table}\" DROP COLUMN IF EXISTS \"{PostgresSearchSchema.VectorColumn}\";",
    ];
}

/// <summary>The PostgreSQL full-text layout: the text search configuration, the four tables and the SQL that creates and removes them.</summary>
public static class PostgresSearchSchema
{
    /// <summary>The generated tsvector column on each searchable table. Not part of the EF model.</summary>
    public const string VectorColumn = "SearchVector";

    /// <summary>
    /// A copy of the built-in <c>english</c> configuration (Porter stemming, like FTS5's porter tokenizer),
    /// with accents folded by the <c>unaccent</c> dictionary when that extension can be installed.
    /// </summary>
    public const string Configuration = "kb_search";

    /// <summary>
    /// Characters of each column that are indexed. A tsvector holds at most 1 MB; 300,000 characters of
    /// even the most varied text (every word different) stay well below it (measured: 400,000 characters
    /// of distinct six-letter words make a 0.8 MB tsvector). Articles are far shorter in practice.
    /// </summary>
    public const int MaxIndexedChars = 300_000;

    /// <summary>
    /// ts_rank_cd weights for the classes {D, C, B, A}: a title (A) counts ten times a body (D), as in
    /// the SQLite bm25 weights (title 10, short label 5, authors and other labels 2-3, bodies 1).
    /// </summary>
    public const string RankWeights = "{0.1, 0.2, 0.5, 1.0}";

    public static readonly PostgresSearchIndex Claims = new(
        SearchKind.Claim, "Claims",
        Columns: [("Quote", 'D')],
        TitleColumn: null,
        SnippetColumns: [0]);

    public static readonly PostgresSearchIndex Sources = new(
        SearchKind.Source, "Sources",
        Columns: [("Title", 'A'), ("Publisher", 'C'), ("CleanedText", 'D')],
        TitleColumn: 0,
        SnippetColumns: [2, 1]);

    // As on SQLite: abstracts and summaries are bodies (D), the registry's conditions and intervention names
    // labels (C), primary outcomes bodies (D). The lists (text[]) are indexed through JoinFunction.
    public static readonly PostgresSearchIndex Studies = new(
        SearchKind.Study, "Studies",
        Columns:
        [
            ("Title", 'A'), ("ShortLabel", 'B'), ("Authors", 'C'), ("Journal", 'C'), ("CellType", 'C'), ("CellSource", 'C'),
            ("Route", 'C'), ("Design", 'D'), ("Dosing", 'D'), ("ParticipantsDetail", 'D'), ("MainResults", 'D'), ("Abstract", 'D'),
        ],
        TitleColumn: 0,
        SnippetColumns: [10, 11, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    public static readonly PostgresSearchIndex Trials = new(
        SearchKind.Trial, "Trials",
        Columns:
        [
            ("NctId", 'A'), ("Title", 'A'), ("Sponsor", 'C'), ("Intervention", 'C'), ("Design", 'D'), ("PhaseText", 'D'), ("Status", 'D'),
            ("Summary", 'D'), ("Conditions", 'C'), ("Interventions", 'C'), ("PrimaryOutcomes", 'D'),
        ],
        TitleColumn: 1,
        SnippetColumns: [3, 7, 2, 4, 5, 6],
        ListColumns: ["Conditions", "Interventions", "PrimaryOutcomes"]);

    public static IReadOnlyList<PostgresSearchIndex> All { get; } = [Claims, Sources, Studies, Trials];

    /// <summary>
    /// The layout the first search migration (20261121220000_FullTextSearch) created, frozen: the columns added
    /// later do not exist yet when it runs. 20261202060000_SearchAbstracts moves Studies and Trials to <see cref="All"/>.
    /// </summary>
    public static IReadOnlyList<PostgresSearchIndex> InitialLayout { get; } =
    [
        Claims,
        Sources,
        Studies with
        {
            Columns =
            [
                ("Title", 'A'), ("ShortLabel", 'B'), ("Authors", 'C'), ("Journal", 'C'), ("CellType", 'C'), ("CellSource", 'C'),
                ("Route", 'C'), ("Design", 'D'), ("Dosing", 'D'), ("ParticipantsDetail", 'D'), ("MainResults", 'D'),
            ],
            SnippetColumns = [10, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        },
        Trials with
        {
            Columns = [("NctId", 'A'), ("Title", 'A'), ("Sponsor", 'C'), ("Intervention", 'C'), ("Design", 'D'), ("PhaseText", 'D'), ("Status", 'D')],
            SnippetColumns = [3, 2, 4, 5, 6],
            ListColumns = null,
        },
    ];

    /// <summary>
    /// Joins a text[] for indexing. A generated column may only call immutable functions, and
    /// <c>array_to_string</c> is declared stable (it accepts any array type, whose output may depend on
    /// settings); for text items it is not, so this wrapper is declared immutable.
    /// </summary>
    public const string JoinFunction = "kb_search_join";

    public const string CreateJoinFunctionSql =
        $"CREATE OR REPLACE FUNCTION {JoinFunction}(text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string($1, ' ') $$;";

    public const string DropJoinFunctionSql = $"DROP FUNCTION IF EXISTS {JoinFunction}(text[]);";

    public static PostgresSearchIndex For(SearchKind kind) => All.Single(i => i.Kind == kind);

    /// <summary>
    /// The configuration: <c>unaccent</c> is a contrib extension shipped with PostgreSQL and trusted
    /// (a database owner may install it); where it cannot be installed, the configuration is plain
    /// english and accents are not folded (café and cafe are then different words).
    /// </summary>
    public const string CreateConfigurationSql = $$"""
        DO $kb$
        BEGIN
          BEGIN
            CREATE EXTENSION IF NOT EXISTS unaccent;
          EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'unaccent is not available (%): search will not fold accents', SQLERRM;
          END;
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{{Configuration}}') THEN
            CREATE TEXT SEARCH CONFIGURATION {{Configuration}} (COPY = pg_catalog.english);
            IF EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent') THEN
              ALTER TEXT SEARCH CONFIGURATION {{Configuration}}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
            END IF;
          END IF;
        END
        $kb$;
        """;

    /// <summary>Plain index for exact PMCID lookups (NCT, PMID and DOI are unique indexes in the EF model).</summary>
    public const string PmcidIndexSql = "CREATE INDEX IF NOT EXISTS \"IX_Search_Studies_Pmcid\" ON \"Studies\" (\"Pmcid\");";

    public static IEnumerable<string> CreateStatements(IReadOnlyList<PostgresSearchIndex> layout) =>
        [CreateConfigurationSql, .. layout.SelectMany(i => i.CreateSql), PmcidIndexSql];

    public static IEnumerable<string> DropStatements(IReadOnlyList<PostgresSearchIndex> layout) =>
        [.. layout.SelectMany(i => i.DropSql), "DROP INDEX IF EXISTS \"IX_Search_Studies_Pmcid\";", $"DROP TEXT SEARCH CONFIGURATION IF EXISTS {Configuration};"];

    /// <summary>Replaces one table's generated vector by another (new columns); the server recomputes it for every row.</summary>
    public static IEnumerable<string> ReplaceStatements(PostgresSearchIndex from, PostgresSearchIndex to) => [.. from.DropSql, .. to.CreateSql];
}
