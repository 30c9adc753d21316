namespace KnowledgeBase.Primitives;

/// <summary>
/// Input that cannot be imported. Parsers say where (line, record); the importer adds the file.
/// </summary>
public sealed class ImportFormatException : Exception
{
    public ImportFormatException() { }

    public ImportFormatException(string message) : base(message) { }

    public ImportFormatException(string message, Exception innerException) : base(message, innerException) { }

    public ImportFormatException(string message, long? line, string? record = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Line = line;
        Record = record;
    }

    /// <summary>1-based line of the problem, when known.</summary>
    public long? Line { get; }

    /// <summary>The record concerned (for example "REC-07" or "record #3"), when known.</summary>
    public string? Record { get; }

    /// <summary>"file.json, line 12, record REC-07: message" (the line and record only when the message does not already say them).</summary>
    public string Describe(string fileName)
    {
        var where = fileName;
        if (Line is not null && !Message.Contains($"line {Line}", StringComparison.Ordinal)) where += $", line {Line}";
        if (Record is not null && !Message.Contains(Record, StringComparison.Ordinal)) where += $", record {Record}";
        return $"{where}: {Message}";
    }
}
