using System.Text;

namespace KnowledgeBase.Search.Sqlite;

/// <summary>
/// Writes a parsed <see cref="SearchQuery"/> as an FTS5 MATCH expression. Every term becomes an FTS5
/// string (double-quoted, inner quotes doubled), so nothing typed can act as FTS5 syntax: no column
/// filters, NEAR groups, carets or bare operators; only the structure the parser recognised
/// (AND between groups, OR within a group, NOT for excluded terms, * for prefixes) is written here.
/// </summary>
public static class Fts5Expression
{
    /// <summary>The expression, or null when the query has nothing to match.</summary>
    public static string? From(SearchQuery query)
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
                AppendTerm(sb, group[t]);
            }
            if (group.Count > 1) sb.Append(')');
        }
        if (wrap) sb.Append(')');
        foreach (var term in query.Excluded)
        {
            sb.Append(" NOT ");
            AppendTerm(sb, term);
        }
        return sb.ToString();
    }

    /// <summary>A term as an FTS5 string; the tokenizer splits it into words, so a multi-word term is a phrase.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void AppendTerm(StringBuilder sb, SearchTerm term)
    {
        sb.Append(Quote(term.Text));
        if (term.IsPrefix) sb.Append('*');
    }
}
