using System.Data.Common;
using System.Globalization;
using System.Text;

namespace KnowledgeBase.Search.Sqlite;

/// <summary>
/// Turns each prefix term of a query into the words of one index that start with it ("cell*" into
/// "cell" OR "cellular"), read from the index's own vocabulary (<c>fts5vocab</c>). FTS5 answers a prefix
/// by merging the whole doclist of every word with that prefix before a LIMIT applies, so a prefix of a
/// common word costs as much as every row holding it; an OR of exact words streams, newest first, and
/// stops at the limit. The rows matched are the same: the prefix is cut into words by the index's own
/// tokenizer (so "cells*" looks for words starting with "cell", as FTS5 does), and a term is left as a
/// prefix whenever the exact form cannot be written: more than <see cref="MaxWords"/> words, no word at
/// all, or a word the tokenizer would not give back unchanged when read again (a stem that stems further).
/// </summary>
public static class Fts5PrefixExpansion
{
    /// <summary>Above this many words a prefix stays a prefix: a longer OR costs more than it saves.</summary>
    public const int MaxWords = 64;

    /// <summary>A scratch FTS5 table of the connection's temporary database, tokenized as the real indexes, and its word list.</summary>
    private const string TokensTable = "SearchPrefixTokens";

    /// <summary>
    /// The phrases each prefix term of <paramref name="query"/> stands for in <paramref name="index"/>, for
    /// <see cref="Fts5Expression.From"/>; terms that stay prefixes are absent. <paramref name="connection"/> is open.
    /// </summary>
    public static async Task<IReadOnlyDictionary<SearchTerm, IReadOnlyList<string>>> ExpandAsync(
        DbConnection connection, SqliteSearchIndex index, SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(query);
        var expansions = new Dictionary<SearchTerm, IReadOnlyList<string>>();
        var prefixes = query.Required.SelectMany(g => g).Concat(query.Excluded).Where(t => t.IsPrefix).Distinct().ToList();
        if (prefixes.Count == 0) return expansions;

        await ExecuteAsync(connection,
            $"CREATE VIRTUAL TABLE IF NOT EXISTS temp.\"{TokensTable}\" USING fts5(\"Body\", tokenize='{SqliteSearchSchema.Tokenizer}');" +
            $"CREATE VIRTUAL TABLE IF NOT EXISTS temp.\"{TokensTable}Words\" USING fts5vocab(temp, '{TokensTable}', 'instance');" +
            $"CREATE VIRTUAL TABLE IF NOT EXISTS temp.\"{index.Table}Words\" USING fts5vocab(main, '{index.Table}', 'row');", cancellationToken);

        var tokens = await TokenizeAsync(connection, [.. prefixes.Select(p => p.Text)], cancellationToken);
        var candidates = new List<(SearchTerm Term, string[] Lead, List<string> Words)>();
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (tokens[i].Length == 0) continue;
            var words = await WordsStartingWithAsync(connection, index, tokens[i][^1], cancellationToken);
            if (words.Count is 0 or > MaxWords) continue;
            candidates.Add((prefixes[i], tokens[i][..^1], words));
        }
        if (candidates.Count == 0) return expansions;

        // Each word written into the expression is tokenized again when FTS5 reads it: keep only terms whose words all come back unchanged.
        var written = candidates.SelectMany(c => c.Lead.Concat(c.Words)).Distinct(StringComparer.Ordinal).ToList();
        var reread = await TokenizeAsync(connection, written, cancellationToken);
        var stable = written.Where((word, i) => reread[i] is [var same] && same == word).ToHashSet(StringComparer.Ordinal);
        foreach (var (term, lead, words) in candidates)
        {
            if (!lead.All(stable.Contains) || !words.All(stable.Contains)) continue;
            var start = lead.Length == 0 ? "" : string.Join(' ', lead) + " ";
            expansions[term] = [.. words.Select(w => start + w)];
        }
        return expansions;
    }

    /// <summary>Each text as the index's tokenizer cuts it: its words in order, lower-cased, accents folded, stemmed.</summary>
    private static async Task<string[][]> TokenizeAsync(DbConnection connection, List<string> texts, CancellationToken cancellationToken)
    {
        var insert = new StringBuilder($"DELETE FROM temp.\"{TokensTable}\"; INSERT INTO temp.\"{TokensTable}\"(rowid, \"Body\") VALUES ");
        await using (var fill = connection.CreateCommand())
        {
            for (var i = 0; i < texts.Count; i++)
            {
                if (i > 0) insert.Append(", ");
                insert.Append(CultureInfo.InvariantCulture, $"({i}, $t{i})");
                Add(fill, $"$t{i}", texts[i]);
            }
            fill.CommandText = insert.Append(';').ToString();
            await fill.ExecuteNonQueryAsync(cancellationToken);
        }

        var found = new List<(long Doc, long Offset, string Term)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT doc, offset, term FROM temp.\"{TokensTable}Words\";";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                found.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        }
        var byText = found.ToLookup(f => f.Doc);
        return [.. Enumerable.Range(0, texts.Count).Select(i => byText[i].OrderBy(f => f.Offset).Select(f => f.Term).ToArray())];
    }

    /// <summary>Up to <see cref="MaxWords"/> + 1 of the index's words that start with <paramref name="prefix"/>.</summary>
    private static async Task<List<string>> WordsStartingWithAsync(DbConnection connection, SqliteSearchIndex index, string prefix, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // Text compares byte by byte: every word starting with the prefix lies between it and the prefix followed by the last code point.
        command.CommandText = $"SELECT term FROM temp.\"{index.Table}Words\" WHERE term >= $prefix AND term < $prefix || char(1114111) LIMIT $limit;";
        Add(command, "$prefix", prefix);
        Add(command, "$limit", MaxWords + 1);
        var words = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var word = reader.GetString(0);
            if (word.StartsWith(prefix, StringComparison.Ordinal)) words.Add(word);
        }
        return words;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
