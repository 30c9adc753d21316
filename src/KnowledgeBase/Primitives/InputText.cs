using System.Globalization;
using System.Text;

namespace KnowledgeBase.Primitives;

/// <summary>Turns an uploaded or read file into text, or says clearly why it cannot be imported.</summary>
public static class InputText
{
    /// <summary>Largest file accepted (10 MiB): far above any article or library, far below what would hurt the server.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks the size before reading, so a huge file is never loaded.</summary>
    public static void CheckSize(long length)
    {
        if (length > MaxBytes)
            throw new ImportFormatException(string.Create(CultureInfo.InvariantCulture,
                $"the file is {length / 1024.0 / 1024.0:0.0} MB; the largest accepted is {MaxBytes / 1024 / 1024} MB"));
    }

    /// <summary>
    /// Decodes strict UTF-8 (a BOM is dropped); rejects empty, binary and mis-encoded input naming the line;
    /// removes the other control characters (<see cref="Domain.StoredText.Clean"/>).
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        CheckSize(bytes.Length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
            throw new ImportFormatException($"the file looks binary (a NUL byte at byte {nul + 1}); expected UTF-8 text", LineOf(bytes, nul));

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var at = FirstInvalidUtf8(bytes);
            throw new ImportFormatException($"the file is not valid UTF-8 (invalid byte 0x{bytes[at]:X2} at byte {at + 1}); save it as UTF-8 and import again", LineOf(bytes, at), null, ex);
        }
        if (string.IsNullOrWhiteSpace(text))
            throw new ImportFormatException("the file is empty");
        // Before parsing, so that claims' offsets are offsets into the text as stored.
        return Domain.StoredText.Clean(text);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var valid = 0;
        while (valid < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[valid..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done) return valid;
            valid += consumed;
        }
        return Math.Max(0, bytes.Length - 1);
    }

    /// <summary>The 1-based line (lines end at CRLF, LF or a lone CR) where <paramref name="value"/> first occurs in <paramref name="text"/>, or null.</summary>
    public static long? LineOf(string text, string value)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = string.IsNullOrEmpty(value) ? -1 : text.IndexOf(value, StringComparison.Ordinal);
        if (at < 0) return null;
        var before = text.AsSpan(0, at);
        return before.Count('\n') + before.Count('\r') - before.Count("\r\n") + 1;
    }

    private static long LineOf(ReadOnlySpan<byte> bytes, int index) => bytes[..index].Count((byte)'\n') + 1;
}
