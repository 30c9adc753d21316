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
public sealed partial class PostgresSearchEngine(KnowledgeBaseDbContext db, ILogger<PostgresSearchEngine> logger) : ISearchEngine
{
    /// <summary>Most words in a snippet (the SQLite engine's FTS5 snippets are as long).</summary>
    private const int SnippetWords = 24;

    private const int ClaimWords = 48;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var noCounts = new Dictionary<SearchKind, SearchCount>();
        if (query.IsEmpty || query.Problem is not null)
            return new SearchResults(request, [], noCounts, [], query.Problem);

        var identifierMatches = await SearchRecords.FindByIdentifiersAsync(db, query.Identifiers, cancellationToken);
        var expression = PostgresTsQuery.From(query);
        if (expression is null)
            return new SearchResults(request, identifierMatches, noCounts, [], null);

        var shown = identifierMatches.Select(h => (h.Kind, h.Id)).ToHashSet();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var counts = new Dictionary<SearchKind, SearchCount>();
            var groups = new List<SearchGroup>();
            foreach (var index in PostgresSearchSchema.All)
            {
                var candidates = await CandidatesAsync(index, expression, cancellationToken);
                var count = SearchCount.Of(candidates.Count);
                counts[index.Kind] = count;
                if (request.Kind is { } only && only != index.Kind) continue;

                var (take, skip) = request.Kind is null
                    ? (SearchRequest.PerKindOverview, 0)
                    : (request.PageSize, (Math.Clamp(request.Page, 1, request.MaxPage) - 1) * request.PageSize);
                var ranked = candidates.Take(SearchRequest.CountCap)
                    .OrderByDescending(c => c.Score).ThenByDescending(c => c.Id)
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
    /// The newest matches (highest ids) with their scores, one more than the count cap: the same window
    /// the SQLite engine ranks, so both providers count, rank and page alike.
    /// </summary>
    private async Task<List<Candidate>> CandidatesAsync(PostgresSearchIndex index, string expression, CancellationToken cancellationToken)
    {
        var v = $"\"{PostgresSearchSchema.VectorColumn}\"";
        await using var command = Command(
            $"SELECT \"Id\", ts_rank_cd(@weights::float4[], {v}, q.query) FROM \"{index.Table}\", " +
            $"to_tsquery('{PostgresSearchSchema.Configuration}'::regconfig, @match) AS q(query) " +
            $"WHERE {v} @@ q.query ORDER BY \"Id\" DESC LIMIT @limit",
            ("weights", PostgresSearchSchema.RankWeights), ("match", expression), ("limit", SearchRequest.CountCap + 1));
        var candidates = new List<Candidate>(64);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            candidates.Add(new Candidate(reader.GetInt32(0), reader.GetFloat(1)));
        return candidates;
    }

    private sealed record Row(int Id, string? Title, IReadOnlyList<string?> Snippets);

    /// <summary>The highlighted title and snippets of the shown hits only.</summary>
    private async Task<Dictionary<int, Row>> MarkedTextAsync(PostgresSearchIndex index, string expression, List<int> ids, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<int, Row>();
        if (ids.Count == 0) return rows;
        var config = $"'{PostgresSearchSchema.Configuration}'::regconfig";
        var columns = new StringBuilder("\"Id\"");
        columns.Append(index.TitleColumn is { } title
            ? $", ts_headline({config}, coalesce(\"{index.Columns[title].Column}\", ''), q.query, @whole)"
            : ", NULL");
        foreach (var column in index.SnippetColumns)
            columns.Append(CultureInfo.InvariantCulture, $", ts_headline({config}, coalesce(\"{index.Columns[column].Column}\", ''), q.query, @part)");

        var words = index.Kind == SearchKind.Claim ? ClaimWords : SnippetWords;
        var markers = $"StartSel=\"{SearchHighlight.Open}\", StopSel=\"{SearchHighlight.Close}\"";
        await using var command = Command(
            $"SELECT {columns} FROM \"{index.Table}\", to_tsquery({config}, @match) AS q(query) WHERE \"Id\" = ANY(@ids)",
            ("match", expression), ("ids", ids.ToArray()),
            ("whole", $"{markers}, HighlightAll=true"),
            ("part", string.Create(CultureInfo.InvariantCulture,
                $"{markers}, MaxWords={words}, MinWords={words / 2}, ShortWord=0, MaxFragments=1, FragmentDelimiter=\" … \"")));
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

    private async Task<List<SearchHit>> ToHitsAsync(PostgresSearchIndex index, List<Row> rows, CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search for {Query} failed (tsquery {Expression})")]
    private static partial void LogSearchFailed(ILogger logger, Exception exception, string query, string expression);
}
