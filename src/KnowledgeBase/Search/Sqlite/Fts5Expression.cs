using System.Text;

namespace KnowledgeBase.Search.Sqlite;

/// <summary>
/// Writes a parsed <see cref="SearchQuery"/> as an FTS5 MATCH expression. Every term becomes an FTS5
/// string (double-quoted, inner quotes doubled), so nothing typed can act as FTS5 syntax: no column
/// filters, NEAR groups, carets or bare operators; only the structure the parser recognised
/// (AND between groups, OR within a group, NOT for excluded terms, * for prefixes) is written here.
/// A prefix term with an expansion (<see cref="Fts5PrefixExpansion"/>) is written as the OR of the index's
/// own words that start with it, which matches the same rows and streams where the prefix does not.
/// </summary>
public static class Fts5Expression
{
    /// <summary>
    /// The expression, or null when the query has nothing to match. <paramref name="expansions"/> gives, for a
    /// prefix term, the phrases (already in the index's words) it stands for.
    /// </summary>
    public static string? From(SearchQuery query, IReadOnlyDictionary<SearchTerm, IReadOnlyList<string>>? expansions = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.HasTextTerms || query.Problem is not null) return null;

        var sb = new StringBuilder();
        var wrap = query.Excluded.Count > 0 && query.Required.Count > 1;
        if (wrap) sb.Append('(');
        for (var g = 0; g < query.Required.Count; g++)
        {
            if (g > 0) sb.Append(" AND ");
            var group = query.Required[g];
            if (group.Count > 1) sb.Append('(');
            for (var t = 0; t < group.Count; t++)
            {
                if (t > 0) sb.Append(" OR ");
                AppendTerm(sb, group[t], expansions);
            }
            if (group.Count > 1) sb.Append(')');
        }
        if (wrap) sb.Append(')');
        foreach (var term in query.Excluded)
        {
            sb.Append(" NOT ");
            AppendTerm(sb, term, expansions);
        }
        return sb.ToString();
    }

    /// <summary>A term as an FTS5 string; the tokenizer splits it into words, so a multi-word term is a phrase.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void AppendTerm(StringBuilder sb, SearchTerm term, IReadOnlyDictionary<SearchTerm, IReadOnlyList<string>>? expansions)
    {
        if (term.IsPrefix && expansions is not null && expansions.TryGetValue(term, out var phrases) && phrases.Count > 0)
        {
            if (phrases.Count > 1) sb.Append('(');
            sb.AppendJoin(" OR ", phrases.Select(Quote));
            if (phrases.Count > 1) sb.Append(')');
            return;
        }
        sb.Append(Quote(term.Text));
        if (term.IsPrefix) sb.Append('*');
    }
}
