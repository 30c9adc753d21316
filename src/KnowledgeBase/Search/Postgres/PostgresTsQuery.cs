using System.Text;

namespace KnowledgeBase.Search.Postgres;

/// <summary>
/// Writes a parsed <see cref="SearchQuery"/> as <c>to_tsquery</c> input. Every word is a quoted
/// lexeme (quotes and backslashes escaped, control characters dropped), so nothing typed can act as
/// tsquery syntax; only the structure the parser recognised is written here: <c>&amp;</c> between
/// groups, <c>|</c> within a group, <c>!</c> for excluded terms, <c>&lt;-&gt;</c> between the words of
/// a phrase and <c>:*</c> for prefixes. to_tsquery then stems each lexeme with the search configuration.
/// </summary>
public static class PostgresTsQuery
{
    /// <summary>The expression, or null when the query has nothing to match.</summary>
    public static string? From(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.HasTextTerms || query.Problem is not null) return null;

        var groups = query.Required
            .Select(g => g.Select(Term).OfType<string>().ToList())
            .Where(g => g.Count > 0)
            .Select(g => g.Count == 1 ? g[0] : "(" + string.Join(" | ", g) + ")")
            .ToList();
        if (groups.Count == 0) return null;
        var sb = new StringBuilder(string.Join(" & ", groups));
        foreach (var excluded in query.Excluded.Select(Term).OfType<string>())
            sb.Append(" & !").Append(excluded);
        return sb.ToString();
    }

    /// <summary>A term: one lexeme, or the words of a phrase joined by &lt;-&gt;; null when it holds no word.</summary>
    private static string? Term(SearchTerm term)
    {
        var words = Words(term.Text);
        if (words.Count == 0) return null;
        var parts = words.Select(Lexeme).ToList();
        if (term.IsPrefix) parts[^1] += ":*";
        return parts.Count == 1 ? parts[0] : "(" + string.Join(" <-> ", parts) + ")";
    }

    /// <summary>Words as the text search parser will see them: split on white space, control characters dropped.</summary>
    private static List<string> Words(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
            clean.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c);
        return clean.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Any(char.IsLetterOrDigit))
            .ToList();
    }

    /// <summary>A quoted tsquery lexeme: quotes doubled, backslashes escaped.</summary>
    public static string Lexeme(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return "'" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
