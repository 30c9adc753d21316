using System.Globalization;
using System.Text.Json;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing.Library;

/// <summary>
/// First pass over the library text: checks the JSON syntax and remembers the 1-based line of every
/// record and of each of its fields (<see cref="JsonDocument"/> keeps no positions), so that errors
/// found later can say where they are. Also notes fields that appear twice in one object, which
/// <see cref="JsonDocument"/> would silently accept.
/// </summary>
internal sealed class LibraryJsonLocations
{
    private readonly List<Entry> _records = [];

    private LibraryJsonLocations() { }

    /// <summary>Line of the root value.</summary>
    public long RootLine { get; private set; } = 1;

    public int RecordCount => _records.Count;

    /// <summary>Line where record <paramref name="index"/> (0-based) starts; null when unknown.</summary>
    public long? RecordLine(int index) => index < _records.Count ? _records[index].Line : null;

    /// <summary>
    /// Line of a field of record <paramref name="index"/> ("doi", "citation.title"); falls back to the
    /// enclosing object's line, then to the record's line.
    /// </summary>
    public long? FieldLine(int index, string path)
    {
        if (index >= _records.Count) return null;
        var entry = _records[index];
        if (entry.Fields.TryGetValue(path, out var line)) return line;
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && entry.Fields.TryGetValue(path[..dot], out var parentLine)) return parentLine;
        return entry.Line;
    }

    /// <summary>The first field that appears twice in record <paramref name="index"/>, with the line of the repeat.</summary>
    public (string Path, long Line)? DuplicateField(int index) =>
        index < _records.Count ? _records[index].Duplicate : null;

    /// <summary>Scans <paramref name="utf8"/>; throws <see cref="ImportFormatException"/> on a syntax error.</summary>
    public static LibraryJsonLocations Scan(ReadOnlySpan<byte> utf8)
    {
        var result = new LibraryJsonLocations();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
        });

        long line = 1;
        long counted = 0;
        var rootIsArray = false;
        var insideRecord = false;
        string? recordField = null;
        Entry? current = null;

        try
        {
            while (reader.Read())
            {
                var start = reader.TokenStartIndex;
                line += utf8[(int)counted..(int)start].Count((byte)'\n');
                counted = start;

                var depth = reader.CurrentDepth;
                var token = reader.TokenType;
                if (depth == 0)
                {
                    if (token is not (JsonTokenType.EndArray or JsonTokenType.EndObject))
                    {
                        result.RootLine = line;
                        rootIsArray = token == JsonTokenType.StartArray;
                    }
                    continue;
                }

                if (!rootIsArray) continue;

                if (depth == 1)
                {
                    if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                    {
                        insideRecord = false;
                        continue;
                    }

                    current = new Entry(line);
                    result._records.Add(current);
                    insideRecord = token is JsonTokenType.StartObject or JsonTokenType.StartArray;
                    recordField = null;
                    continue;
                }

                if (current is null) continue;

                if (depth == 2 && token == JsonTokenType.PropertyName)
                {
                    recordField = reader.GetString();
                    if (recordField is not null) current.Add(recordField, line);
                }
                else if (depth == 2 && token == JsonTokenType.String && recordField == "id")
                {
                    current.Id = reader.GetString();
                }
                else if (depth == 3 && token == JsonTokenType.PropertyName && recordField == "citation")
                {
                    var name = reader.GetString();
                    if (name is not null) current.Add("citation." + name, line);
                }
            }
        }
        catch (JsonException ex)
        {
            throw SyntaxError(ex, utf8, result, current, insideRecord);
        }

        return result;
    }

    private static ImportFormatException SyntaxError(
        JsonException ex, ReadOnlySpan<byte> utf8, LibraryJsonLocations result, Entry? current, bool insideRecord)
    {
        var line = (ex.LineNumber ?? 0) + 1;
        var column = (ex.BytePositionInLine ?? 0) + 1;

        string? record = null;
        var where = "";
        if (current is not null)
        {
            record = current.Id is { Length: > 0 } id && !string.IsNullOrWhiteSpace(id)
                ? id.Trim()
                : "#" + result._records.Count.ToString(CultureInfo.InvariantCulture);
            where = insideRecord ? $" (inside record {record})" : $" (after record {record})";
        }

        var detail = ex.Message;
        var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) detail = detail[..cut];
        detail = detail.Replace(" Change the reader options.", "", StringComparison.Ordinal).TrimEnd();

        var hint = IsTruncated(utf8) ? " The text ends before the JSON is complete: is the file truncated?" : "";
        var message = $"Not valid JSON at line {line}, column {column}{where}: {detail}{hint}";
        return new ImportFormatException(message, line, record, ex);
    }

    /// <summary>
    /// True when the text is merely incomplete: read as a partial block it raises no syntax error and
    /// just runs out of data.
    /// </summary>
    private static bool IsTruncated(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed class Entry(long line)
    {
        public long Line { get; } = line;
        public string? Id { get; set; }
        public Dictionary<string, long> Fields { get; } = new(StringComparer.Ordinal);
        public (string Path, long Line)? Duplicate { get; private set; }

        public void Add(string path, long line)
        {
            if (!Fields.TryAdd(path, line)) Duplicate ??= (path, line);
        }
    }
}
