using System.Data.Common;
using System.Globalization;
using KnowledgeBase.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Search;

/// <summary>
/// What both providers' engines share: identifiers found exactly first, then per kind the newest
/// matches up to the count cap ranked by the provider's score, one page of them, their highlighted
/// text, and the hits built from it. A provider supplies its expression and two queries.
/// </summary>
public abstract partial class RankedSearchEngine(KnowledgeBaseDbContext db, ILogger logger) : ISearchEngine
{
    /// <summary>The kinds in the order their groups are shown.</summary>
    protected abstract IReadOnlyList<SearchKind> Kinds { get; }

    /// <summary>What the provider's log calls the expression ("FTS5 expression", "tsquery").</summary>
    protected abstract string ExpressionName { get; }

    /// <summary>The provider's match expression for <paramref name="query"/>, or null when only identifiers were typed.</summary>
    protected abstract string? ExpressionFor(SearchQuery query);

    /// <summary>
    /// A query returning (id, score) for the newest matches (highest ids first), at most
    /// <see cref="SearchRequest.CountCap"/> + 1 of them; a higher score ranks first.
    /// </summary>
    protected abstract DbCommand CandidatesCommand(SearchKind kind, string expression);

    /// <summary>A query returning (id, marked title or NULL, marked snippet per snippet column...) for <paramref name="ids"/>.</summary>
    protected abstract DbCommand MarkedTextCommand(SearchKind kind, string expression, IReadOnlyList<int> ids);

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var noCounts = new Dictionary<SearchKind, SearchCount>();
        if (query.IsEmpty || query.Problem is not null)
            return new SearchResults(request, [], noCounts, [], query.Problem);

        var identifierMatches = await SearchRecords.FindByIdentifiersAsync(db, query.Identifiers, cancellationToken);
        var expression = ExpressionFor(query);
        if (expression is null)
            return new SearchResults(request, identifierMatches, noCounts, [], null);

        var shown = identifierMatches.Select(h => (h.Kind, h.Id)).ToHashSet();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var counts = new Dictionary<SearchKind, SearchCount>();
            var groups = new List<SearchGroup>();
            foreach (var kind in Kinds)
            {
                var candidates = await CandidatesAsync(kind, expression, cancellationToken);
                var count = SearchCount.Of(candidates.Count);
                counts[kind] = count;
                if (request.Kind is { } only && only != kind) continue;

                var (take, skip) = request.Kind is null
                    ? (SearchRequest.PerKindOverview, 0)
                    : (request.PageSize, (Math.Clamp(request.Page, 1, request.MaxPage) - 1) * request.PageSize);
                var ranked = candidates.Take(SearchRequest.CountCap)
                    .OrderByDescending(c => c.Score).ThenByDescending(c => c.Id)
                    .Skip(skip).Take(take + 1).Select(c => c.Id).ToList();
                var hasMore = ranked.Count > take && (request.Kind is null || request.Page < request.MaxPage);
                var page = ranked.Take(take).ToList();
                var rows = await MarkedTextAsync(kind, expression, page, cancellationToken);
                var hits = await ToHitsAsync(kind, page.Where(rows.ContainsKey).Select(id => rows[id]).ToList(), cancellationToken);
                groups.Add(new SearchGroup(kind, count, hits.Where(h => !shown.Contains((h.Kind, h.Id))).ToList(), hasMore));
            }
            return new SearchResults(request, identifierMatches, counts, groups, null);
        }
        catch (DbException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogSearchFailed(logger, ex, query.Text, ExpressionName, expression);
            return new SearchResults(request, identifierMatches, noCounts, [],
                "That search could not be run. Try plain words or a \"quoted phrase\" without other symbols.");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private readonly record struct Candidate(int Id, double Score);

    private async Task<List<Candidate>> CandidatesAsync(SearchKind kind, string expression, CancellationToken cancellationToken)
    {
        await using var command = CandidatesCommand(kind, expression);
        var candidates = new List<Candidate>(64);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            candidates.Add(new Candidate(reader.GetInt32(0), Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture)));
        return candidates;
    }

    private sealed record Row(int Id, string? Title, IReadOnlyList<string?> Snippets);

    /// <summary>The highlighted title and snippets of the shown hits only.</summary>
    private async Task<Dictionary<int, Row>> MarkedTextAsync(SearchKind kind, string expression, List<int> ids, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<int, Row>();
        if (ids.Count == 0) return rows;
        await using var command = MarkedTextCommand(kind, expression, ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var snippets = new string?[reader.FieldCount - 2];
            for (var i = 0; i < snippets.Length; i++)
                snippets[i] = reader.IsDBNull(2 + i) ? null : reader.GetString(2 + i);
            var id = reader.GetInt32(0);
            rows[id] = new Row(id, reader.IsDBNull(1) ? null : reader.GetString(1), snippets);
        }
        return rows;
    }

    private async Task<List<SearchHit>> ToHitsAsync(SearchKind kind, List<Row> rows, CancellationToken cancellationToken)
    {
        var info = await SearchRecords.DescribeAsync(db, kind, rows.Select(r => r.Id).ToList(), cancellationToken);
        var hits = new List<SearchHit>(rows.Count);
        foreach (var row in rows)
        {
            // A row deleted between the two queries is simply not shown.
            if (!info.TryGetValue(row.Id, out var record)) continue;
            var firstText = row.Snippets.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));
            if (kind == SearchKind.Claim)
            {
                // A claim is one sentence: its quote, with the matched words marked, is the headline.
                hits.Add(new SearchHit(kind, row.Id, BestSnippet(row.Snippets) ?? firstText ?? record.Title, "", record.Context));
                continue;
            }
            // Matched in the title only: the record's summary, or the start of its text, says what it is.
            var snippet = BestSnippet(row.Snippets) ?? (record.Summary.Length > 0 ? record.Summary : firstText ?? "");
            var title = SearchHighlight.HasMatch(row.Title) ? row.Title! : record.Title;
            hits.Add(new SearchHit(kind, row.Id, title, snippet, record.Context));
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

    /// <summary>A command on the context's (open) connection with the given parameters.</summary>
    protected DbCommand Command(string sql, params (string Name, object Value)[] parameters)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search for {Query} failed ({ExpressionName} {Expression})")]
    private static partial void LogSearchFailed(ILogger logger, Exception exception, string query, string expressionName, string expression);
}
