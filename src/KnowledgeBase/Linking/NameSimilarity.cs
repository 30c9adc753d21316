using System.Text;

namespace KnowledgeBase.Linking;

/// <summary>How a surname written in an article compares with a surname on a record.</summary>
public enum NameMatch
{
    None,

    /// <summary>The same name once case, diacritics, hyphens and spaces are ignored.</summary>
    Exact,

    /// <summary>A probable misspelling: both names have at least <see cref="NameSimilarity.MinFuzzyLength"/> letters,
    /// start with the same letter and differ by at most <see cref="NameSimilarity.AllowedEdits"/> edits.</summary>
    Similar,
}

/// <summary>
/// Bounded, culture-invariant comparison of author surnames, tolerant of the misspellings marketing
/// articles make ("Barzewska" for "Barczewska").
/// </summary>
public static class NameSimilarity
{
    /// <summary>Shorter names must match exactly: at 4 letters one edit turns too many names into each other.</summary>
    public const int MinFuzzyLength = 5;

    // Folding table for the Latin letters met in author lists (InvariantGlobalization leaves
    // string.Normalize a no-op, so diacritics are folded by hand).
    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string Plain = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";

    /// <summary>Lower case, diacritics folded, letters and digits only ("Zdolińska-Malinowska" → "zdolinskamalinowska").</summary>
    public static string Fold(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c)) continue;
            var lower = char.ToLowerInvariant(c);
            switch (lower)
            {
                case 'ß': sb.Append("ss"); continue;
                case 'æ': sb.Append("ae"); continue;
                case 'œ': sb.Append("oe"); continue;
            }

            var at = Accented.IndexOf(lower, StringComparison.Ordinal);
            sb.Append(at >= 0 ? Plain[at] : lower);
        }

        return sb.ToString();
    }

    /// <summary>Edits tolerated between two names whose shorter one has <paramref name="length"/> letters: 0 below 5, 1 up to 7, 2 from 8.</summary>
    public static int AllowedEdits(int length) => length < MinFuzzyLength ? 0 : length < 8 ? 1 : 2;

    /// <summary>
    /// Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent transpositions),
    /// stopping early once it exceeds <paramref name="bound"/>: a distance above the bound is returned as bound + 1.
    /// </summary>
    public static int Distance(string a, string b, int bound = int.MaxValue - 1)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfNegative(bound);
        ArgumentOutOfRangeException.ThrowIfEqual(bound, int.MaxValue);
        if (Math.Abs(a.Length - b.Length) > bound) return bound + 1;

        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > bound) return bound + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }

        return Math.Min(previous[b.Length], bound + 1);
    }

    /// <summary>1 for identical folded names, falling towards 0 as the edit distance grows.</summary>
    public static double Similarity(string? a, string? b)
    {
        var fa = Fold(a);
        var fb = Fold(b);
        var longest = Math.Max(fa.Length, fb.Length);
        return longest == 0 ? 0 : 1.0 - (double)Distance(fa, fb) / longest;
    }

    /// <summary>Compares a surname as written in an article with a record's surname.</summary>
    public static NameMatch Compare(string? written, string? recorded)
    {
        var a = Fold(written);
        var b = Fold(recorded);
        if (a.Length == 0 || b.Length == 0) return NameMatch.None;
        if (string.Equals(a, b, StringComparison.Ordinal)) return NameMatch.Exact;

        var shorter = Math.Min(a.Length, b.Length);
        if (shorter < MinFuzzyLength || a[0] != b[0]) return NameMatch.None;
        var allowed = AllowedEdits(shorter);
        return Distance(a, b, allowed) <= allowed ? NameMatch.Similar : NameMatch.None;
    }
}
