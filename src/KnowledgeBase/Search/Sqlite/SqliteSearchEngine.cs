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
public sealed partial class SqliteSearchEngine(KnowledgeBaseDbContext db, ILogger<SqliteSearchEngine> logger) : ISearchEngine
{
    /// <summary>Tokens around the matched words in a snippet (FTS5 allows at most 64).</summary>
    private const int SnippetTokens = 24;

    private const int ClaimTokens = 48;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var noCounts = new Dictionary<SearchKind, SearchCount>();
        if (query.IsEmpty || query.Problem is not null)
            return new SearchResults(request, [], noCounts, [], query.Problem);

        var identifierMatches = await SearchRecords.FindByIdentifiersAsync(db, query.Identifiers, cancellationToken);
        var expression = Fts5Expression.From(query);
        if (expression is null)
            return new SearchResults(request, identifierMatches, noCounts, [], null);

        var shown = identifierMatches.Select(h => (h.Kind, h.Id)).ToHashSet();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var counts = new Dictionary<SearchKind, SearchCount>();
            foreach (var index in SqliteSearchSchema.All)
                counts[index.Kind] = SearchCount.Of(await CountAsync(index, expression, cancellationToken));

            var groups = new List<SearchGroup>();
            foreach (var index in SqliteSearchSchema.All.Where(i => request.Kind is null || i.Kind == request.Kind))
            {
                var count = counts[index.Kind];
                var (take, skip) = request.Kind is null
                    ? (SearchRequest.PerKindOverview, 0)
                    : (request.PageSize, (Math.Clamp(request.Page, 1, request.MaxPage) - 1) * request.PageSize);
                if (count.Value == 0 || skip >= count.Value)
                {
                    groups.Add(new SearchGroup(index.Kind, count, [], false));
                    continue;
                }
                var rows = await PageAsync(index, expression, take + 1, skip, cancellationToken);
                var hasMore = rows.Count > take && (request.Kind is null || request.Page < request.MaxPage);
                var hits = await ToHitsAsync(index, rows.Take(take).ToList(), cancellationToken);
                groups.Add(new SearchGroup(index.Kind, count, hits.Where(h => !shown.Contains((h.Kind, h.Id))).ToList(), hasMore));
            }
            return new SearchResults(request, identifierMatches, counts, groups, null);
        }
        catch (DbException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogSearchFailed(logger, ex, query.Text, expression);
            return new SearchResults(request, identifierMatches, noCounts, [],
                "That search could not be run. Try plain words or a \"quoted phrase\" without other symbols.");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<int> CountAsync(SqliteSearchIndex index, string expression, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"SELECT count(*) FROM (SELECT 1 FROM \"{index.Table}\" WHERE \"{index.Table}\" MATCH $match LIMIT $limit)",
            ("$match", expression), ("$limit", SearchRequest.CountCap + 1));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private sealed record Row(int Id, string? Title, IReadOnlyList<string?> Snippets);

    /// <summary>
    /// One ranked page. FTS5 sorts by <c>rank</c> itself, and SQLite evaluates highlight() and
    /// snippet() only for the rows the LIMIT lets through, not for every match.
    /// </summary>
    private async Task<List<Row>> PageAsync(SqliteSearchIndex index, string expression, int limit, int offset, CancellationToken cancellationToken)
    {
        var t = $"\"{index.Table}\"";
        var columns = new StringBuilder("rowid");
        columns.Append(index.TitleColumn is { } title
            ? $", highlight({t}, {title.ToString(CultureInfo.InvariantCulture)}, $open, $close)"
            : ", NULL");
        var tokens = index.Kind == SearchKind.Claim ? ClaimTokens : SnippetTokens;
        foreach (var column in index.SnippetColumns)
            columns.Append(CultureInfo.InvariantCulture, $", snippet({t}, {column}, $open, $close, '…', {tokens})");

        // The ranking function is ours (column weights), never typed text.
        await using var command = Command(
            $"SELECT {columns} FROM {t} WHERE {t} MATCH $match AND rank MATCH '{index.RankFunction}' ORDER BY rank LIMIT $limit OFFSET $offset",
            ("$match", expression), ("$open", SearchHighlight.OpenText), ("$close", SearchHighlight.CloseText),
            ("$limit", limit), ("$offset", offset));
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var snippets = new string?[index.SnippetColumns.Count];
            for (var i = 0; i < snippets.Length; i++)
                snippets[i] = reader.IsDBNull(2 + i) ? null : reader.GetString(2 + i);
            rows.Add(new Row(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), snippets));
        }
        return rows;
    }

    private async Task<List<SearchHit>> ToHitsAsync(SqliteSearchIndex index, List<Row> rows, CancellationToken cancellationToken)
    {
        var info = await SearchRecords.DescribeAsync(db, index.Kind, rows.Select(r => r.Id).ToList(), cancellationToken);
        var hits = new List<SearchHit>(rows.Count);
        foreach (var row in rows)
        {
            // A row deleted between the two queries is simply not shown.
            if (!info.TryGetValue(row.Id, out var record)) continue;
            var firstText = row.Snippets.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));
            if (index.Kind == SearchKind.Claim)
            {
                // A claim is one sentence: its quote, with the matched words marked, is the headline.
                hits.Add(new SearchHit(index.Kind, row.Id, BestSnippet(row.Snippets) ?? firstText ?? record.Title, "", record.Context));
                continue;
            }
            // Matched in the title only: the record's summary, or the start of its text, says what it is.
            var snippet = BestSnippet(row.Snippets) ?? (record.Summary.Length > 0 ? record.Summary : firstText ?? "");
            var title = SearchHighlight.HasMatch(row.Title) ? row.Title! : record.Title;
            hits.Add(new SearchHit(index.Kind, row.Id, title, snippet, record.Context));
        }
        return hits;
    }

    /// <summary>The snippet with the most matched words; ties go to the column listed first (the main text).</summary>
    private static string? BestSnippet(IReadOnlyList<string?> snippets)
    {
        string? best = null;
        var bestMarks = 0;
        foreach (var snippet in snippets)
        {
            if (string.IsNullOrWhiteSpace(snippet)) continue;
            var marks = snippet.Count(c => c == SearchHighlight.Open);
            if (marks > bestMarks)
            {
                best = snippet;
                bestMarks = marks;
            }
        }
        return best;
    }

    private DbCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search for {Query} failed (FTS5 expression {Expression})")]
    private static partial void LogSearchFailed(ILogger logger, Exception exception, string query, string expression);
}
