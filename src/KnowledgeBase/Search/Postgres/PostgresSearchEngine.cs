using System.Data.Common;
using System.Globalization;
using System.Text;
using KnowledgeBase.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Search.Postgres;

/// <summary>
/// <see cref="ISearchEngine"/> on PostgreSQL: generated, weighted <c>tsvector</c> columns with GIN
/// indexes (<see cref="PostgresSearchSchema"/>), ranked by <c>ts_rank_cd</c>, titles and snippets
/// marked by <c>ts_headline</c> with <see cref="SearchHighlight"/>'s private characters. Behaves as the
/// SQLite engine does: counts stop at <see cref="SearchRequest.CountCap"/>, the ranking is among the
/// newest matches up to the cap, titles and context are read for the shown hits only.
/// </summary>
public sealed class PostgresSearchEngine(KnowledgeBaseDbContext db, ILogger<PostgresSearchEngine> logger) : RankedSearchEngine(db, logger)
{
    /// <summary>Most words in a snippet (the SQLite engine's FTS5 snippets are as long).</summary>
    private const int SnippetWords = 24;

    private const int ClaimWords = 48;

    protected override IReadOnlyList<SearchKind> Kinds { get; } = PostgresSearchSchema.All.Select(i => i.Kind).ToList();

    protected override string ExpressionName => "tsquery";

    protected override string? ExpressionFor(SearchQuery query) => PostgresTsQuery.From(query);

    /// <summary>
    /// The newest matches (highest ids) with their scores, one more than the count cap: the same window
    /// the SQLite engine ranks, so both providers count, rank and page alike.
    /// </summary>
    protected override DbCommand CandidatesCommand(SearchKind kind, string expression)
    {
        var index = PostgresSearchSchema.For(kind);
        var v = $"\"{PostgresSearchSchema.VectorColumn}\"";
        return Command(
            $"SELECT \"Id\", ts_rank_cd(@weights::float4[], {v}, q.query) FROM \"{index.Table}\", " +
            $"to_tsquery('{PostgresSearchSchema.Configuration}'::regconfig, @match) AS q(query) " +
            $"WHERE {v} @@ q.query ORDER BY \"Id\" DESC LIMIT @limit",
            ("weights", PostgresSearchSchema.RankWeights), ("match", expression), ("limit", SearchRequest.CountCap + 1));
    }

    /// <summary>The highlighted title and snippets of the shown hits only.</summary>
    protected override DbCommand MarkedTextCommand(SearchKind kind, string expression, IReadOnlyList<int> ids)
    {
        var index = PostgresSearchSchema.For(kind);
        var config = $"'{PostgresSearchSchema.Configuration}'::regconfig";
        var columns = new StringBuilder("\"Id\"");
        columns.Append(index.TitleColumn is { } title
            ? $", ts_headline({config}, coalesce(\"{index.Columns[title].Column}\", ''), q.query, @whole)"
            : ", NULL");
        foreach (var column in index.SnippetColumns)
            columns.Append(CultureInfo.InvariantCulture, $", ts_headline({config}, coalesce(\"{index.Columns[column].Column}\", ''), q.query, @part)");

        var words = kind == SearchKind.Claim ? ClaimWords : SnippetWords;
        var markers = $"StartSel=\"{SearchHighlight.Open}\", StopSel=\"{SearchHighlight.Close}\"";
        return Command(
            $"SELECT {columns} FROM \"{index.Table}\", to_tsquery({config}, @match) AS q(query) WHERE \"Id\" = ANY(@ids)",
            ("match", expression), ("ids", ids.ToArray()),
            ("whole", $"{markers}, HighlightAll=true"),
            ("part", string.Create(CultureInfo.InvariantCulture,
                $"{markers}, MaxWords={words}, MinWords={words / 2}, ShortWord=0, MaxFragments=1, FragmentDelimiter=\" … \"")));
    }
}
