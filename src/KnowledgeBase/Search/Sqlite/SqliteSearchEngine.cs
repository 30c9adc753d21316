using System.Data.Common;
using System.Globalization;
using System.Text;
using KnowledgeBase.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Search.Sqlite;

/// <summary>
/// <see cref="ISearchEngine"/> on SQLite FTS5: one external-content index per kind
/// (<see cref="SqliteSearchSchema"/>), ranked by weighted bm25, snippets and highlights from FTS5
/// marked with <see cref="SearchHighlight"/>'s private characters. Counts stop at
/// <see cref="SearchRequest.CountCap"/>; titles and context are read for the shown hits only.
/// </summary>
public sealed class SqliteSearchEngine(KnowledgeBaseDbContext db, ILogger<SqliteSearchEngine> logger) : RankedSearchEngine(db, logger)
{
    /// <summary>Words around the matched words in a snippet (FTS5 allows at most 64).</summary>
    private const int SnippetTokens = 24;

    private const int ClaimTokens = 48;

    protected override IReadOnlyList<SearchKind> Kinds { get; } = SqliteSearchSchema.All.Select(i => i.Kind).ToList();

    protected override string ExpressionName => "FTS5 expression";

    protected override string? ExpressionFor(SearchQuery query) => Fts5Expression.From(query);

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
    /// The highlighted title and snippets of the shown hits. The id range lets FTS5 seek straight to
    /// them; the id list is written with a unary plus so SQLite filters on it instead of re-running the
    /// match once per id.
    /// </summary>
    protected override DbCommand MarkedTextCommand(SearchKind kind, string expression, IReadOnlyList<int> ids)
    {
        var index = SqliteSearchSchema.For(kind);
        var t = $"\"{index.Table}\"";
        var columns = new StringBuilder("rowid");
        columns.Append(index.TitleColumn is { } title
            ? $", highlight({t}, {title.ToString(CultureInfo.InvariantCulture)}, $open, $close)"
            : ", NULL");
        var tokens = kind == SearchKind.Claim ? ClaimTokens : SnippetTokens;
        foreach (var column in index.SnippetColumns)
            columns.Append(CultureInfo.InvariantCulture, $", snippet({t}, {column}, $open, $close, '…', {tokens})");
        var idList = string.Join(", ", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        return Command(
            $"SELECT {columns} FROM {t} WHERE {t} MATCH $match AND rowid BETWEEN $low AND $high AND +rowid IN ({idList})",
            ("$match", expression), ("$open", SearchHighlight.OpenText), ("$close", SearchHighlight.CloseText),
            ("$low", ids.Min()), ("$high", ids.Max()));
    }
}
