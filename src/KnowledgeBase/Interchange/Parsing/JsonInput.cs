using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KnowledgeBase.Interchange.Parsing;

/// <summary>JSON reading the JSON parsers share: bounded parsing, error lines, and the line where each item starts.</summary>
internal static class JsonInput
{
    /// <summary>Deepest nesting accepted; deeper input is rejected as an error, never recursed into.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>A parsed document and its UTF-8 bytes, or an error naming the line.</summary>
    public static JsonDocument? TryParse(string text, string formatName, out byte[] utf8, out EntryError? error)
    {
        utf8 = Encoding.UTF8.GetBytes(BibText.StripBom(text));
        try
        {
            error = null;
            return JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var line = (int)Math.Min(int.MaxValue, (ex.LineNumber ?? 0) + 1);
            var reason = ex.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) reason = reason[..cut].TrimEnd();
            error = new EntryError(line, null, $"Invalid {formatName} JSON at line {line}: {reason}");
            return null;
        }
    }

    /// <summary>
    /// The 1-based line of each element of the root array, or (with <paramref name="property"/>) of the array in that
    /// property of the root object. Empty when the root is neither.
    /// </summary>
    public static List<int> ItemLines(byte[] utf8, string? property)
    {
        var result = new List<int>();
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var lineCounter = new LineCounter(utf8);
        try
        {
            if (!reader.Read()) return result;
            if (property is null)
            {
                if (reader.TokenType != JsonTokenType.StartArray) return result;
            }
            else
            {
                if (reader.TokenType != JsonTokenType.StartObject) return result;
                var found = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isTarget = reader.ValueTextEquals(property);
                    reader.Read();
                    if (isTarget && reader.TokenType == JsonTokenType.StartArray)
                    {
                        found = true;
                        break;
                    }
                    reader.Skip();
                }
                if (!found) return result;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                result.Add(lineCounter.LineAt(reader.TokenStartIndex));
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // The document parsed already; positions are a courtesy.
        }
        return result;
    }

    /// <summary>A string, number or boolean as text; the first string of an array; null otherwise.</summary>
    public static string? Text(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value)) return null;
        return Text(value);
    }

    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => BibText.Clean(value.GetString()),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => value.EnumerateArray().Select(Text).FirstOrDefault(t => t is not null),
        _ => null,
    };

    /// <summary>The text of a string property, keeping its line breaks.</summary>
    public static string? MultilineText(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? BibText.CleanMultiline(value.GetString())
            : Text(element, property);

    /// <summary>A string property as paragraphs (see <see cref="BibText.CleanParagraphs"/>); any other value as <see cref="Text(JsonElement, string)"/>.</summary>
    public static string? Paragraphs(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? BibText.CleanParagraphs(value.GetString())
            : Text(element, property);

    public static JsonElement? Child(JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next)) return null;
            current = next;
        }
        return current;
    }

    public static IEnumerable<JsonElement> Array(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static bool? Bool(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    public static int? Int(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var i) => i,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };

    /// <summary>Counts newlines forward only, so asking for increasing offsets is linear overall.</summary>
    private sealed class LineCounter(byte[] bytes)
    {
        private long _offset;
        private int _line = 1;

        public int LineAt(long offset)
        {
            for (; _offset < offset && _offset < bytes.Length; _offset++)
            {
                if (bytes[_offset] == (byte)'\n') _line++;
            }
            return _line;
        }
    }
}
