using System.Data.Common;
using System.Globalization;
using System.Text;
using KnowledgeBase.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Search.Sqlite;

/// <summary>
/// <see cref="ISearchEngine"/> on SQLite FTS5: one external-content index per kind
/// (<see cref="SqliteSearchSchema"/>), ranked by weighted bm25, snippets and highlights from FTS5
/// marked with <see cref="SearchHighlight"/>'s private characters. Counts stop at
/// <see cref="SearchRequest.CountCap"/>; titles and context are read for the shown hits only.
/// </summary>
public sealed class SqliteSearchEngine(KnowledgeBaseDbContext db, ILogger<SqliteSearchEngine> logger, SearchCandidateCache? cache = null)
    : RankedSearchEngine(db, logger, cache)
{
    /// <summary>A scratch index on the connection's temporary database, tokenized as the real ones, that marks snippet windows.</summary>
    private const string WindowTable = "temp.\"SearchSnippetWindows\"";

    /// <summary>The same table as FTS5's MATCH and auxiliary functions name it (without the schema).</summary>
    private const string WindowName = "\"SearchSnippetWindows\"";

    private readonly KnowledgeBaseDbContext _db = db;

    protected override IReadOnlyList<SearchKind> Kinds { get; } = SqliteSearchSchema.All.Select(i => i.Kind).ToList();

    protected override string ExpressionName => "FTS5 expression";

    protected override string? ExpressionFor(SearchQuery query) => Fts5Expression.From(query);

    /// <summary>Prefix terms become the OR of the index's own words that start with them (<see cref="Fts5PrefixExpansion"/>).</summary>
    protected override async Task<string> ExpressionForAsync(SearchKind kind, SearchQuery query, string expression, CancellationToken cancellationToken)
    {
        var expansions = await Fts5PrefixExpansion.ExpandAsync(_db.Database.GetDbConnection(), SqliteSearchSchema.For(kind), query, cancellationToken);
        return expansions.Count == 0 ? expression : Fts5Expression.From(query, expansions) ?? expression;
    }

    /// <summary>
    /// The index's structure record (FTS5 keeps it at id 10 of the index's data table): it lists the index's segments
    /// and a write counter, and FTS5 rewrites it whenever anything is added to or removed from the index, by a
    /// trigger of any writer or a merge. The same record means the same index, so the same matches and scores.
    /// </summary>
    protected override async Task<string?> IndexVersionAsync(SearchKind kind, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT \"block\" FROM \"{SqliteSearchSchema.For(kind).Table}_data\" WHERE \"id\" = 10");
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] block ? Convert.ToBase64String(block) : null;
    }

    /// <summary>Matches counted (up to the cap + 1) without bm25, which reads the whole list of every matched word to weigh it.</summary>
    protected override DbCommand CountCommand(SearchKind kind, string expression)
    {
        var t = $"\"{SqliteSearchSchema.For(kind).Table}\"";
        return Command($"SELECT count(*) FROM (SELECT rowid FROM {t} WHERE {t} MATCH $match LIMIT $limit)",
            ("$match", expression), ("$limit", SearchRequest.CountCap + 1));
    }

    /// <summary>
    /// The newest matches (highest ids) with their bm25 scores (negated: bm25 is lower for better
    /// matches), one more than the count cap. FTS5 walks its doclists in id order and stops at the
    /// LIMIT, so a word found in a million claims costs no more than one found in a thousand. Up to the
    /// cap this is every match, ranked exactly; past it the ranking is among the newest
    /// <see cref="SearchRequest.CountCap"/> matches (the decision record explains the trade-off).
    /// </summary>
    protected override DbCommand CandidatesCommand(SearchKind kind, string expression)
    {
        var index = SqliteSearchSchema.For(kind);
        var t = $"\"{index.Table}\"";
        return Command(
            $"SELECT rowid, -({index.Bm25Sql}) FROM {t} WHERE {t} MATCH $match ORDER BY rowid DESC LIMIT $limit",
            ("$match", expression), ("$limit", SearchRequest.CountCap + 1));
    }

    /// <summary>
    /// The highlighted title (short: highlight() costs one pass over it) and the raw snippet columns of the shown
    /// hits. The id range lets FTS5 seek straight to them; the id list is written with a unary plus so SQLite
    /// filters on it instead of re-running the match once per id.
    /// </summary>
    protected override DbCommand TitleAndTextCommand(SearchKind kind, string expression, IReadOnlyList<int> ids, int maxChars)
    {
        var index = SqliteSearchSchema.For(kind);
        var t = $"\"{index.Table}\"";
        var columns = new StringBuilder("rowid");
        columns.Append(index.TitleColumn is { } title
            ? $", highlight({t}, {title.ToString(CultureInfo.InvariantCulture)}, $open, $close)"
            : ", NULL");
        foreach (var column in index.SnippetColumns)
            columns.Append(CultureInfo.InvariantCulture, $", substr(\"{index.Columns[column]}\", 1, $chars)");
        var idList = string.Join(", ", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        return Command(
            $"SELECT {columns} FROM {t} WHERE {t} MATCH $match AND rowid BETWEEN $low AND $high AND +rowid IN ({idList})",
            ("$match", expression), ("$open", SearchHighlight.OpenText), ("$close", SearchHighlight.CloseText),
            ("$low", ids.Min()), ("$high", ids.Max()), ("$chars", maxChars));
    }

    /// <summary>
    /// The windows go into a temporary FTS5 table of this connection (nothing is written to the database
    /// file); FTS5 ranks them with bm25 and snippet() marks the best one, whose cost is bounded by the
    /// window's length.
    /// </summary>
    protected override async Task<(int Index, string Snippet)?> BestWindowAsync(string expression, IReadOnlyList<string> windows, int words, CancellationToken cancellationToken)
    {
        var insert = new StringBuilder(
            $"CREATE VIRTUAL TABLE IF NOT EXISTS {WindowTable} USING fts5(\"Body\", tokenize='{SqliteSearchSchema.Tokenizer}'); " +
            $"DELETE FROM {WindowTable}; INSERT INTO {WindowTable}(rowid, \"Body\") VALUES ");
        var parameters = new List<(string, object)>(windows.Count + 3);
        for (var i = 0; i < windows.Count; i++)
        {
            if (i > 0) insert.Append(", ");
            insert.Append(CultureInfo.InvariantCulture, $"({i}, $w{i})");
            parameters.Add(($"$w{i}", windows[i]));
        }
        insert.Append(';');
        await using (var fill = Command(insert.ToString(), [.. parameters]))
            await fill.ExecuteNonQueryAsync(cancellationToken);

        await using var command = Command(
            $"SELECT rowid, snippet({WindowName}, 0, $open, $close, '…', {words.ToString(CultureInfo.InvariantCulture)}) FROM {WindowTable} " +
            $"WHERE {WindowName} MATCH $match AND rowid = (SELECT rowid FROM {WindowTable} WHERE {WindowName} MATCH $match ORDER BY rank, rowid LIMIT 1)",
            ("$match", expression), ("$open", SearchHighlight.OpenText), ("$close", SearchHighlight.CloseText));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (reader.GetInt32(0), reader.GetString(1));
    }

    /// <summary>
    /// SQLite checks no token while a statement runs; <c>sqlite3_interrupt</c> stops it at its next step, so an
    /// abandoned request (or one over the time budget) frees its core at once.
    /// </summary>
    protected override IDisposable StopOnCancel(CancellationToken cancellationToken) =>
        SqliteInterrupt.OnCancel(_db.Database.GetDbConnection(), cancellationToken);
}

/// <summary>Stops a running SQLite statement when a token is cancelled (Microsoft.Data.Sqlite checks the token only between rows).</summary>
public static class SqliteInterrupt
{
    /// <summary>
    /// Until disposed, cancelling <paramref name="cancellationToken"/> interrupts whatever statement the open
    /// <paramref name="connection"/> is running; the statement then fails with SQLITE_INTERRUPT.
    /// </summary>
    public static IDisposable OnCancel(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is not SqliteConnection { Handle: { } handle }) return new CancellationTokenRegistration();
        return cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(handle));
    }
}
