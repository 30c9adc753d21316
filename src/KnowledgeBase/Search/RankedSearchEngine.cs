using System.Data.Common;
using System.Globalization;
using KnowledgeBase.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Search;

/// <summary>
/// What both providers' engines share: identifiers found exactly first, then per kind the newest
/// matches up to the count cap ranked by the provider's score, one page of them, their highlighted
/// text, and the hits built from it. A provider supplies its expression, its queries and, for the app's
/// <see cref="SearchCandidateCache"/>, its indexes' versions.
/// </summary>
public abstract partial class RankedSearchEngine(KnowledgeBaseDbContext db, ILogger logger, SearchCandidateCache? cache = null) : ISearchEngine
{
    /// <summary>The kinds in the order their groups are shown.</summary>
    protected abstract IReadOnlyList<SearchKind> Kinds { get; }

    /// <summary>What the provider's log calls the expression ("FTS5 expression", "tsquery").</summary>
    protected abstract string ExpressionName { get; }

    /// <summary>The provider's match expression for <paramref name="query"/>, or null when only identifiers were typed.</summary>
    protected abstract string? ExpressionFor(SearchQuery query);

    /// <summary>
    /// The expression to run against one kind's index, inside the open connection: by default the query's own
    /// (<paramref name="expression"/>); an engine may rewrite it with what that index holds, matching the same rows.
    /// </summary>
    protected virtual Task<string> ExpressionForAsync(SearchKind kind, SearchQuery query, string expression, CancellationToken cancellationToken) =>
        Task.FromResult(expression);

    /// <summary>
    /// A value that changes whenever the index of <paramref name="kind"/> changes, whoever writes to it, read on the
    /// open connection; null when the provider has none, and then nothing is reused from <see cref="SearchCandidateCache"/>.
    /// </summary>
    protected virtual Task<string?> IndexVersionAsync(SearchKind kind, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>
    /// A query returning one row with the number of matches, counted up to <see cref="SearchRequest.CountCap"/> + 1:
    /// the count of a kind whose hits are not shown, without scoring any match.
    /// </summary>
    protected abstract DbCommand CountCommand(SearchKind kind, string expression);

    /// <summary>
    /// A query returning (id, score) for the newest matches (highest ids first), at most
    /// <see cref="SearchRequest.CountCap"/> + 1 of them; a higher score ranks first.
    /// </summary>
    protected abstract DbCommand CandidatesCommand(SearchKind kind, string expression);

    /// <summary>
    /// A query returning, for <paramref name="ids"/>, (id, marked title or NULL, then per snippet column its
    /// text, at most <paramref name="maxChars"/> characters of it, or NULL). Titles are short; long texts are
    /// marked window by window (<see cref="BestWindowAsync"/>).
    /// </summary>
    protected abstract DbCommand TitleAndTextCommand(SearchKind kind, string expression, IReadOnlyList<int> ids, int maxChars);

    /// <summary>
    /// Of <paramref name="windows"/> (short texts), the one that best matches <paramref name="expression"/>
    /// (ties to the first) with its matched words marked, cut to about <paramref name="words"/> words; null when
    /// none matches. The cost is bounded by the windows' length, never by how often a word occurs.
    /// </summary>
    protected abstract Task<(int Index, string Snippet)?> BestWindowAsync(string expression, IReadOnlyList<string> windows, int words, CancellationToken cancellationToken);

    /// <summary>Words in a snippet of a hit of <paramref name="kind"/> (a claim's whole sentence, others a passage).</summary>
    protected static int SnippetWords(SearchKind kind) => kind == SearchKind.Claim ? 48 : 24;

    /// <summary>Most time one search may take before it stops with a message: no query holds a core for long.</summary>
    public static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Arranges for a statement running on the open connection to stop when <paramref name="cancellationToken"/>
    /// is cancelled. By default nothing: providers whose driver already cancels a running statement need no more.
    /// </summary>
    protected virtual IDisposable StopOnCancel(CancellationToken cancellationToken) => NoRegistration.Instance;

    private sealed class NoRegistration : IDisposable
    {
        public static readonly NoRegistration Instance = new();

        public void Dispose()
        {
        }
    }

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
        var (results, problem) = await BoundedAsync(query.Text, expression, async ct =>
        {
            var counts = new Dictionary<SearchKind, SearchCount>();
            var groups = new List<SearchGroup>();
            foreach (var kind in Kinds)
            {
                if (request.Kind is { } only && only != kind)
                {
                    // Another kind's tab: its count only, unless its ranking is at hand anyway.
                    counts[kind] = SearchCount.Of(await CountAsync(kind, query, expression, ct));
                    continue;
                }
                var (kindExpression, candidates) = await CandidatesAsync(kind, query, expression, ct);
                var count = SearchCount.Of(candidates.Count);
                counts[kind] = count;

                var (take, skip) = request.Kind is null
                    ? (SearchRequest.PerKindOverview, 0)
                    : (request.PageSize, (Math.Clamp(request.Page, 1, request.MaxPage) - 1) * request.PageSize);
                var ranked = Ranked(candidates).Skip(skip).Take(take + 1).ToList();
                var hasMore = ranked.Count > take && (request.Kind is null || request.Page < request.MaxPage);
                var page = ranked.Take(take).ToList();
                var rows = await MarkedTextAsync(kind, kindExpression, query, page, ct);
                var hits = await ToHitsAsync(kind, page.Where(rows.ContainsKey).Select(id => rows[id]).ToList(), ct);
                groups.Add(new SearchGroup(kind, count, hits.Where(h => !shown.Contains((h.Kind, h.Id))).ToList(), hasMore));
            }
            return new SearchResults(request, identifierMatches, counts, groups, null);
        }, cancellationToken);
        return results ?? new SearchResults(request, identifierMatches, noCounts, [], problem);
    }

    public async Task<IReadOnlyList<int>> RankedIdsAsync(SearchQuery query, SearchKind kind, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty || query.Problem is not null || max <= 0 || ExpressionFor(query) is not { } expression) return [];
        var (ids, _) = await BoundedAsync<IReadOnlyList<int>>(query.Text, expression,
            async ct => [.. Ranked((await CandidatesAsync(kind, query, expression, ct)).Candidates).Take(max)], cancellationToken);
        return ids ?? [];
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the open connection within the request's token and <see cref="TimeBudget"/>,
    /// whichever ends first. A query that runs out of time or that the index cannot run gives the message to show
    /// instead of a value (logged); the caller's own cancellation still throws.
    /// </summary>
    private async Task<(T? Value, string? Problem)> BoundedAsync<T>(string typed, string expression, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        where T : class
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeBudget);
        var ct = budget.Token;
        await db.Database.OpenConnectionAsync(ct);
        var stop = StopOnCancel(ct);
        try
        {
            return (await work(ct), null);
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is DbException or OperationCanceledException or InvalidOperationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LogSearchTooLong(logger, typed, TimeBudget.TotalSeconds);
            return (null, "That search took too long and was stopped. Add a word or use a \"quoted phrase\" to narrow it.");
        }
        catch (DbException ex)
        {
            LogSearchFailed(logger, ex, typed, ExpressionName, expression);
            return (null, "That search could not be run. Try plain words or a \"quoted phrase\" without other symbols.");
        }
        finally
        {
            stop.Dispose();
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Best first, among the first <see cref="SearchRequest.CountCap"/> matches; ties newest first.</summary>
    private static IEnumerable<int> Ranked(IReadOnlyList<Candidate> candidates) =>
        candidates.Take(SearchRequest.CountCap).OrderByDescending(c => c.Score).ThenByDescending(c => c.Id).Select(c => c.Id);

    internal readonly record struct Candidate(int Id, double Score);

    /// <summary>
    /// The expression run against the kind's index and its newest matches with their scores: from the cache while the
    /// index is at the version they were computed at, otherwise computed (prefixes expanded, matches scored) and kept.
    /// </summary>
    private async Task<(string Expression, IReadOnlyList<Candidate> Candidates)> CandidatesAsync(SearchKind kind, SearchQuery query, string expression, CancellationToken cancellationToken)
    {
        var (key, version) = await CacheKeyAsync(kind, expression, cancellationToken);
        if (key is not null && cache!.Find(key, version!) is { } entry) return (entry.Expression, entry.Candidates);
        var kindExpression = await ExpressionForAsync(kind, query, expression, cancellationToken);
        var candidates = await ScoredAsync(kind, kindExpression, cancellationToken);
        if (key is not null) cache!.Store(key, new SearchCandidateCache.Entry(version!, kindExpression, candidates));
        return (kindExpression, candidates);
    }

    /// <summary>The number of matches of a kind (up to the cap + 1): from its cached ranking if there is one, else counted without scores.</summary>
    private async Task<int> CountAsync(SearchKind kind, SearchQuery query, string expression, CancellationToken cancellationToken)
    {
        var (key, version) = await CacheKeyAsync(kind, expression, cancellationToken);
        if (key is not null && cache!.Find(key, version!) is { } entry) return entry.Candidates.Count;
        await using var command = CountCommand(kind, await ExpressionForAsync(kind, query, expression, cancellationToken));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task<(string? Key, string? Version)> CacheKeyAsync(SearchKind kind, string expression, CancellationToken cancellationToken)
    {
        if (cache is null || await IndexVersionAsync(kind, cancellationToken) is not { } version) return (null, null);
        // One database per connection string; the query's own expression stands for its expansion at this version.
        return (string.Join('\n', db.Database.GetConnectionString(), kind.ToString(), expression), version);
    }

    private async Task<List<Candidate>> ScoredAsync(SearchKind kind, string expression, CancellationToken cancellationToken)
    {
        await using var command = CandidatesCommand(kind, expression);
        var candidates = new List<Candidate>(64);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            candidates.Add(new Candidate(reader.GetInt32(0), Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture)));
        return candidates;
    }

    private sealed record Row(int Id, string? Title, IReadOnlyList<string?> Snippets, string? Lead);

    /// <summary>
    /// The highlighted title and snippet of the shown hits only. Each hit's snippet columns are cut into
    /// windows (<see cref="SnippetWindows"/>), read in batches until one holds a matched word, so the work per
    /// hit is bounded by <see cref="SnippetWindows.ScanChars"/> per column whatever the text holds.
    /// </summary>
    private async Task<Dictionary<int, Row>> MarkedTextAsync(SearchKind kind, string expression, SearchQuery query, List<int> ids, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<int, Row>();
        if (ids.Count == 0) return rows;
        var texts = new List<(int Id, string? Title, string?[] Columns)>();
        await using (var command = TitleAndTextCommand(kind, expression, ids, SnippetWindows.ScanChars))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var columns = new string?[reader.FieldCount - 2];
                for (var i = 0; i < columns.Length; i++)
                    columns[i] = reader.IsDBNull(2 + i) ? null : reader.GetString(2 + i);
                texts.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), columns));
            }
        }
        // Any of the words marks a passage, even where the whole query matches only across the text.
        var anyWord = ExpressionFor(AnyWordOf(query)) ?? expression;
        var words = SnippetWords(kind);
        foreach (var (id, title, columns) in texts)
        {
            var snippet = await BestSnippetAsync(anyWord, columns, words, cancellationToken);
            var lead = columns.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)) is { } first ? SnippetWindows.Lead(first, words) : null;
            rows[id] = new Row(id, title, snippet is null ? [] : [snippet], lead);
        }
        return rows;
    }

    /// <summary>The query's words and phrases as alternatives, without exclusions: what a passage is marked for.</summary>
    private static SearchQuery AnyWordOf(SearchQuery query) =>
        query with { Required = [query.Required.SelectMany(g => g).Distinct().ToList()], Excluded = [] };

    /// <summary>The best-matching window over the columns in order (ties to the earlier column), framed with "…".</summary>
    private async Task<string?> BestSnippetAsync(string expression, string?[] columns, int words, CancellationToken cancellationToken)
    {
        var batch = new List<(string Text, TextWindow Window, int Length)>(SnippetWindows.BatchSize);
        foreach (var text in columns)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            foreach (var window in SnippetWindows.Split(text))
            {
                batch.Add((text, window, text.Length));
                if (batch.Count < SnippetWindows.BatchSize) continue;
                if (await MarkBatchAsync(expression, batch, words, cancellationToken) is { } found) return found;
                batch.Clear();
            }
        }
        return batch.Count == 0 ? null : await MarkBatchAsync(expression, batch, words, cancellationToken);
    }

    private async Task<string?> MarkBatchAsync(string expression, List<(string Text, TextWindow Window, int Length)> batch, int words, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var windows = batch.Select(b => b.Text.Substring(b.Window.Start, b.Window.Length)).ToList();
        if (await BestWindowAsync(expression, windows, words, cancellationToken) is not { } best) return null;
        var (_, window, length) = batch[best.Index];
        return SnippetWindows.Framed(best.Snippet, window, length);
    }

    private async Task<List<SearchHit>> ToHitsAsync(SearchKind kind, List<Row> rows, CancellationToken cancellationToken)
    {
        var info = await SearchRecords.DescribeAsync(db, kind, rows.Select(r => r.Id).ToList(), cancellationToken);
        var hits = new List<SearchHit>(rows.Count);
        foreach (var row in rows)
        {
            // A row deleted between the two queries is simply not shown.
            if (!info.TryGetValue(row.Id, out var record)) continue;
            var firstText = row.Lead;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search for {Query} stopped after {Seconds} s")]
    private static partial void LogSearchTooLong(ILogger logger, string query, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search for {Query} failed ({ExpressionName} {Expression})")]
    private static partial void LogSearchFailed(ILogger logger, Exception exception, string query, string expressionName, string expression);
}
