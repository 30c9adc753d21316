using System.Globalization;
using System.Text.Json;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing.Library;

/// <summary>
/// Reads the typed fields of one library record. Every problem becomes an
/// <see cref="ImportFormatException"/> that names the record, the field and, when known, the line.
/// </summary>
internal sealed class RecordFieldReader
{
    private readonly JsonElement _record;
    private readonly LibraryJsonLocations _locations;
    private readonly int _index;

    public RecordFieldReader(JsonElement record, int index, string name, LibraryJsonLocations locations)
    {
        _record = record;
        _index = index;
        _locations = locations;
        Name = name;
    }

    /// <summary>The record's id, or "#n" (1-based position) when it has none.</summary>
    public string Name { get; }

    public long? Line(string? path = null) =>
        path is null ? _locations.RecordLine(_index) : _locations.FieldLine(_index, path);

    public ImportFormatException Error(string? path, string problem)
    {
        var line = Line(path);
        var where = line is null ? "" : $" (line {line})";
        return new ImportFormatException($"Record {Name}{where}: {problem}", line, Name);
    }

    /// <summary>The value at "field" or "object.field"; null when missing or JSON null.</summary>
    public JsonElement? Get(string path)
    {
        var element = _record;
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
                return null;
        }

        return element.ValueKind == JsonValueKind.Null ? null : element;
    }

    /// <summary>Trimmed text; null when missing, null or blank. Numbers are accepted as text when <paramref name="allowNumber"/>.</summary>
    public string? OptionalText(string path, bool allowNumber = false)
    {
        if (Get(path) is not { } value) return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number when allowNumber => value.GetRawText(),
            _ => throw WrongType(path, "text", value),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public string RequiredText(string path) =>
        OptionalText(path) ?? throw Error(path, Get(path) is null ? $"'{path}' is missing" : $"'{path}' is empty");

    /// <summary>A whole number (JSON number or text holding one) within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? OptionalInt(string path, int min, int max)
    {
        if (Get(path) is not { } value) return null;
        int number;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt32(out number):
                break;
            case JsonValueKind.String when string.IsNullOrWhiteSpace(value.GetString()):
                return null;
            case JsonValueKind.String when int.TryParse(value.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number):
                break;
            default:
                throw WrongType(path, "a whole number", value);
        }

        if (number < min || number > max)
            throw Error(path, $"'{path}' is {number.ToString(CultureInfo.InvariantCulture)}, outside the accepted range {min.ToString(CultureInfo.InvariantCulture)}-{max.ToString(CultureInfo.InvariantCulture)}");
        return number;
    }

    /// <summary>An array of text, kept verbatim (blank entries dropped); empty when missing or null.</summary>
    public IReadOnlyList<string> TextList(string path)
    {
        if (Get(path) is not { } value) return [];
        if (value.ValueKind != JsonValueKind.Array) throw WrongType(path, "an array of text", value);

        var list = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw WrongType($"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", "text", item, path);
            var text = item.GetString();
            if (!string.IsNullOrWhiteSpace(text)) list.Add(text);
            i++;
        }

        return list;
    }

    public ImportFormatException WrongType(string path, string expected, JsonElement actual, string? linePath = null) =>
        Error(linePath ?? path, $"'{path}' must be {expected}, but is {Describe(actual)}");

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the text \"{Shorten(value.GetString() ?? "")}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    public static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
