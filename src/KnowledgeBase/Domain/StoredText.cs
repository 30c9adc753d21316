using System.Buffers;
using System.Globalization;
using System.Text;

namespace KnowledgeBase.Domain;

/// <summary>
/// The one rule for characters in stored names and texts, the same on SQLite and PostgreSQL (which
/// refuses a NUL in text, and a lone surrogate cannot be written as UTF-8 at all): C0 control
/// characters other than tab, line feed and carriage return are removed (vertical tab and form
/// feed become a line feed, so the lines they separated stay apart), and a lone surrogate becomes
/// U+FFFD. Short names (tag names, file names, people's names) also lose the invisible direction
/// controls that can make a name display as something else (U+202A–U+202E, U+2066–U+2069,
/// U+200E/U+200F).
/// </summary>
/// <remarks>
/// Applied where text comes in (file decoding, form binding) so that offsets are computed on the
/// cleaned text, and again by the DbContext before every save as the last line.
/// </remarks>
public static class StoredText
{
    /// <summary>A column this long or shorter holds a name or a label, not prose.</summary>
    public const int ShortNameMaxLength = 300;

    // C0 controls except \t \n \r, and every surrogate (paired ones are let through below).
    private static readonly SearchValues<char> Suspect = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    private static readonly SearchValues<char> DirectionControls = SearchValues.Create(
        "\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>Whether <see cref="Clean"/> would change <paramref name="text"/>.</summary>
    public static bool NeedsCleaning(ReadOnlySpan<char> text) => FirstProblem(text) >= 0;

    /// <summary>Whether <see cref="CleanName"/> would change <paramref name="name"/>.</summary>
    public static bool NameNeedsCleaning(ReadOnlySpan<char> name) => NeedsCleaning(name) || name.ContainsAny(DirectionControls);

    /// <summary>Whether <paramref name="c"/> is an invisible direction control (refused or removed in names).</summary>
    public static bool IsDirectionControl(char c) => DirectionControls.Contains(c);

    /// <summary>The text with control characters removed and lone surrogates replaced; the same instance when clean.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var first = FirstProblem(text);
        return first < 0 ? text : Rebuild(text, first, names: false);
    }

    /// <summary><see cref="Clean"/>, and direction controls removed as well: for names and labels.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(name))]
    public static string? CleanName(string? name)
    {
        if (name is null) return null;
        var first = FirstProblem(name);
        var direction = name.AsSpan().IndexOfAny(DirectionControls);
        if (first < 0 && direction < 0) return name;
        return Rebuild(name, first < 0 ? direction : direction < 0 ? first : Math.Min(first, direction), names: true);
    }

    /// <summary>
    /// The first character a database cannot store as text (a NUL, or a surrogate without its pair), in
    /// words with its position, or null: for reports on rows stored before this rule existed.
    /// </summary>
    public static string? Unstorable(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOfAny(Suspect); i >= 0 && i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return string.Create(CultureInfo.InvariantCulture, $"a NUL character (U+0000) at character {i + 1:N0}");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return string.Create(CultureInfo.InvariantCulture, $"a lone surrogate (U+{(int)c:X4}) at character {i + 1:N0}");
        }
        return null;
    }

    // The index of the first character Clean would change, or -1.
    private static int FirstProblem(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var i = text[offset..].IndexOfAny(Suspect);
            if (i < 0) return -1;
            i += offset;
            var c = text[i];
            if (!char.IsSurrogate(c)) return i;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                offset = i + 2; // a well-formed pair: a character outside the BMP, e.g. an emoji
                if (offset >= text.Length) return -1;
                continue;
            }
            return i;
        }
    }

    private static string Rebuild(string text, int first, bool names)
    {
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\r') builder.Append(c);
            else if (c is '\v' or '\f') builder.Append('\n');
            else if (c < ' ') continue;
            else if (names && DirectionControls.Contains(c)) continue;
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c)) builder.Append('\uFFFD');
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
