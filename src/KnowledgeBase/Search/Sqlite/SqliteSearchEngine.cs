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
    /// <summary>Words around the matched words in a snippet (FTS5 allows at most 64).</summary>
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
            var groups = new List<SearchGroup>();
            foreach (var index in SqliteSearchSchema.All)
            {
                var candidates = await CandidatesAsync(index, expression, cancellationToken);
                var count = SearchCount.Of(candidates.Count);
                counts[index.Kind] = count;
                if (request.Kind is { } only && only != index.Kind) continue;

                var (take, skip) = request.Kind is null
                    ? (SearchRequest.PerKindOverview, 0)
                    : (request.PageSize, (Math.Clamp(request.Page, 1, request.MaxPage) - 1) * request.PageSize);
                var ranked = candidates.Take(SearchRequest.CountCap)
                    .OrderBy(c => c.Score).ThenByDescending(c => c.Id)
                    .Skip(skip).Take(take + 1).Select(c => c.Id).ToList();
                var hasMore = ranked.Count > take && (request.Kind is null || request.Page < request.MaxPage);
                var page = ranked.Take(take).ToList();
                var rows = await MarkedTextAsync(index, expression, page, cancellationToken);
                var hits = await ToHitsAsync(index, page.Where(rows.ContainsKey).Select(id => rows[id]).ToList(), cancellationToken);
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

    private readonly record struct Candidate(int Id, double Score);

    /// <summary>
    /// The newest matches (highest ids) with their bm25 scores, one more than the count cap. FTS5 walks
    /// its doclists in id order and stops at the LIMIT, so a word found in a million claims costs no
    /// more than one found in a thousand. Up to the cap this is every match, ranked exactly; past it
    /// the ranking is among the newest <see cref="SearchRequest.CountCap"/> matches (the decision record
    /// explains the trade-off).
    /// </summary>
    private async Task<List<Candidate>> CandidatesAsync(SqliteSearchIndex index, string expression, CancellationToken cancellationToken)
    {
        var t = $"\"{index.Table}\"";
        await using var command = Command(
            $"SELECT rowid, {index.Bm25Sql} FROM {t} WHERE {t} MATCH $match ORDER BY rowid DESC LIMIT $limit",
            ("$match", expression), ("$limit", SearchRequest.CountCap + 1));
        var candidates = new List<Candidate>(64);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            candidates.Add(new Candidate(reader.GetInt32(0), reader.GetDouble(1)));
        return candidates;
    }

    private sealed record Row(int Id, string? Title, IReadOnlyList<string?> Snippets);

    /// <summary>
    /// The highlighted title and snippets of the shown hits only. The id range lets FTS5 seek straight
    /// to them; the id list is written with a unary plus so SQLite filters on it instead of re-running
    /// the match once per id.
    /// </summary>
    private async Task<Dictionary<int, Row>> MarkedTextAsync(SqliteSearchIndex index, string expression, List<int> ids, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<int, Row>();
        if (ids.Count == 0) return rows;
        var t = $"\"{index.Table}\"";
        var columns = new StringBuilder("rowid");
        columns.Append(index.TitleColumn is { } title
            ? $", highlight({t}, {title.ToString(CultureInfo.InvariantCulture)}, $open, $close)"
            : ", NULL");
        var tokens = index.Kind == SearchKind.Claim ? ClaimTokens : SnippetTokens;
        foreach (var column in index.SnippetColumns)
            columns.Append(CultureInfo.InvariantCulture, $", snippet({t}, {column}, $open, $close, '…', {tokens})");
        var idList = string.Join(", ", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

        await using var command = Command(
            $"SELECT {columns} FROM {t} WHERE {t} MATCH $match AND rowid BETWEEN $low AND $high AND +rowid IN ({idList})",
            ("$match", expression), ("$open", SearchHighlight.OpenText), ("$close", SearchHighlight.CloseText),
            ("$low", ids.Min()), ("$high", ids.Max()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var snippets = new string?[index.SnippetColumns.Count];
            for (var i = 0; i < snippets.Length; i++)
                snippets[i] = reader.IsDBNull(2 + i) ? null : reader.GetString(2 + i);
            var id = reader.GetInt32(0);
            rows[id] = new Row(id, reader.IsDBNull(1) ? null : reader.GetString(1), snippets);
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
