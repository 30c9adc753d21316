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
public sealed class PostgresSearchEngine(KnowledgeBaseDbContext db, ILogger<PostgresSearchEngine> logger, SearchCandidateCache? cache = null)
    : RankedSearchEngine(db, logger, cache)
{
    protected override IReadOnlyList<SearchKind> Kinds { get; } = PostgresSearchSchema.All.Select(i => i.Kind).ToList();

    protected override string ExpressionName => "tsquery";

    protected override string? ExpressionFor(SearchQuery query) => PostgresTsQuery.From(query);

    /// <summary>
    /// The index's version: the newest id its kind logged in "SearchIndexChanges", where a trigger on the indexed table
    /// writes a row in every transaction that inserts, deletes or truncates its rows or changes their search vectors
    /// (migration SearchIndexChanges), whoever writes. One index lookup; a tag, a status or an evidence link leaves
    /// every index, and so every kept ranking, as it was. "0" before the index's first change since that migration.
    /// </summary>
    protected override async Task<string?> IndexVersionAsync(SearchKind kind, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT MAX(\"Id\") FROM \"SearchIndexChanges\" WHERE \"Kind\" = @kind", ("kind", kind.ToString()));
        return await command.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull ? Convert.ToString(version, CultureInfo.InvariantCulture) : "0";
    }

    /// <summary>Matches counted (up to the cap + 1) without ranking or ordering them.</summary>
    protected override DbCommand CountCommand(SearchKind kind, string expression)
    {
        var index = PostgresSearchSchema.For(kind);
        var v = $"\"{PostgresSearchSchema.VectorColumn}\"";
        return Command(
            $"SELECT count(*) FROM (SELECT 1 FROM \"{index.Table}\" WHERE {v} @@ to_tsquery('{PostgresSearchSchema.Configuration}'::regconfig, @match) LIMIT @limit) AS m",
            ("match", expression), ("limit", SearchRequest.CountCap + 1));
    }

    /// <summary>
    /// The newest matches (highest ids) with their scores, one more than the count cap: the same window
    /// the SQLite engine ranks, so both providers count, rank and page alike. The window is chosen first and only
    /// its rows are scored: written as one SELECT, PostgreSQL computes the target list below the sort, so every
    /// match was scored (39,136 claims for "spinal cord injury", each large source's vector read again) before all
    /// but the newest 1,001 were dropped.
    /// </summary>
    protected override DbCommand CandidatesCommand(SearchKind kind, string expression)
    {
        var index = PostgresSearchSchema.For(kind);
        var v = $"\"{PostgresSearchSchema.VectorColumn}\"";
        var query = $"to_tsquery('{PostgresSearchSchema.Configuration}'::regconfig, @match)";
        return Command(
            $"SELECT w.\"Id\", ts_rank_cd(@weights::float4[], r.{v}, {query}) " +
            $"FROM (SELECT \"Id\" FROM \"{index.Table}\" WHERE {v} @@ {query} ORDER BY \"Id\" DESC LIMIT @limit) AS w " +
            $"JOIN \"{index.Table}\" AS r ON r.\"Id\" = w.\"Id\" ORDER BY w.\"Id\" DESC",
            ("weights", PostgresSearchSchema.RankWeights), ("match", expression), ("limit", SearchRequest.CountCap + 1));
    }

    /// <summary>The highlighted title (short) and the first characters of each snippet column of the shown hits.</summary>
    protected override DbCommand TitleAndTextCommand(SearchKind kind, string expression, IReadOnlyList<int> ids, int maxChars)
    {
        var index = PostgresSearchSchema.For(kind);
        var config = $"'{PostgresSearchSchema.Configuration}'::regconfig";
        var columns = new StringBuilder("\"Id\"");
        columns.Append(index.TitleColumn is { } title
            ? $", ts_headline({config}, coalesce(\"{index.Columns[title].Column}\", ''), q.query, @whole)"
            : ", NULL");
        foreach (var column in index.SnippetColumns)
            columns.Append(CultureInfo.InvariantCulture, $", left(\"{index.Columns[column].Column}\", @chars)");
        return Command(
            $"SELECT {columns} FROM \"{index.Table}\", to_tsquery({config}, @match) AS q(query) WHERE \"Id\" = ANY(@ids)",
            ("match", expression), ("ids", ids.ToArray()), ("chars", maxChars),
            ("whole", $"StartSel=\"{SearchHighlight.Open}\", StopSel=\"{SearchHighlight.Close}\", HighlightAll=true"));
    }

    /// <summary>
    /// ts_headline over the best short window rather than the whole text (its cover search grows faster than the
    /// text); the best window by ts_rank_cd, ties to the first.
    /// </summary>
    protected override async Task<(int Index, string Snippet)?> BestWindowAsync(string expression, IReadOnlyList<string> windows, int words, CancellationToken cancellationToken)
    {
        var config = $"'{PostgresSearchSchema.Configuration}'::regconfig";
        var markers = $"StartSel=\"{SearchHighlight.Open}\", StopSel=\"{SearchHighlight.Close}\"";
        // Each window is parsed once, and only the best one is headlined: ts_headline in the outer SELECT of an
        // ORDER BY ... LIMIT 1 was computed for every matching window of the batch before the sort kept one.
        await using var command = Command(
            $"SELECT b.ord::int - 1, ts_headline({config}, b.body, q.query, @part) " +
            $"FROM (SELECT w.body, w.ord FROM unnest(@windows::text[]) WITH ORDINALITY AS w(body, ord) " +
            $"CROSS JOIN LATERAL to_tsvector({config}, w.body) AS v(vector), to_tsquery({config}, @match) AS m(query) " +
            $"WHERE v.vector @@ m.query ORDER BY ts_rank_cd(v.vector, m.query) DESC, w.ord LIMIT 1) AS b, " +
            $"to_tsquery({config}, @match) AS q(query)",
            ("windows", windows.ToArray()), ("match", expression),
            ("part", string.Create(CultureInfo.InvariantCulture,
                $"{markers}, MaxWords={words}, MinWords={words / 2}, ShortWord=0, MaxFragments=1, FragmentDelimiter=\" … \"")));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (reader.GetInt32(0), reader.GetString(1));
    }
}
