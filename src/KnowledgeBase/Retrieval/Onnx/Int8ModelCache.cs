using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace KnowledgeBase.Retrieval.Onnx;

/// <summary>
/// The int8 graph built from a float model once and kept as a file, so later starts load the small file and never
/// read the float model. The file name carries the quantiser's version, its options and the start of the source
/// model's SHA-256; the file's ONNX metadata carries the full hash and is checked on every load. A file that does
/// not load or whose metadata names another source or quantiser is rebuilt; files written for other sources or
/// quantiser versions are deleted. Written to a temporary name and renamed, so no reader sees half a file.
/// </summary>
public sealed partial class Int8ModelCache(string folder, Int8QuantiserOptions quantiser, Func<string> sourceSha256, Func<byte[]> sourceBytes, ILogger? logger = null)
{
    public const string FilePrefix = "arctic-embed-xs-int8-";
    internal const string SourceKey = "knowledgebase.source_sha256";
    internal const string QuantiserKey = "knowledgebase.quantiser";

    /// <summary>The cache of the package's own model.</summary>
    public static Int8ModelCache ForPackage(string folder, Int8QuantiserOptions quantiser, ILogger? logger = null) =>
        new(folder, quantiser, ArcticXsModelSource.Sha256, ArcticXsModelSource.ReadAll, logger);

    public string Folder => folder;

    private string QuantiserId => string.Create(CultureInfo.InvariantCulture, $"v{OnnxInt8Quantiser.Version}-{quantiser.Describe()}");

    public string FileFor(string sha256) => Path.Combine(folder, $"{FilePrefix}{QuantiserId}-{sha256[..16]}.onnx");

    /// <summary>Opens a session on the cached file, building (or rebuilding) the file first when needed.</summary>
    public (InferenceSession Session, bool Built) Open(SessionOptions options)
    {
        var sha = sourceSha256();
        var path = FileFor(sha);
        if (File.Exists(path))
        {
            var session = TryLoad(path, sha, options);
            if (session is not null) return (session, false);
            Log.Rebuilding(Logger, path);
        }
        try
        {
            Build(sha, path);
            // Once per model file, and outside Build's frame so nothing there still holds them: give back the float
            // model's 90 MB and the building's garbage now rather than whenever the heap next grows.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk: run the int8 model from memory this time (and build it again on the next start).
            Log.CannotWrite(Logger, path, e.Message);
            using var memory = new MemoryStream();
            OnnxInt8Quantiser.Quantise(sourceBytes(), quantiser, Metadata(sha), memory);
            return (new InferenceSession(memory.ToArray(), options), true);
        }
        return (TryLoad(path, sha, options) ?? throw new InvalidDataException($"The int8 model just written to {path} does not load."), true);
    }

    private ILogger Logger => logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private Dictionary<string, string> Metadata(string sha) => new() { [SourceKey] = sha, [QuantiserKey] = QuantiserId };

    private InferenceSession? TryLoad(string path, string sha, SessionOptions options)
    {
        InferenceSession? session = null;
        try
        {
            session = new InferenceSession(path, options);
            var metadata = session.ModelMetadata.CustomMetadataMap;
            if (metadata.GetValueOrDefault(SourceKey) == sha && metadata.GetValueOrDefault(QuantiserKey) == QuantiserId) return session;
        }
        catch (OnnxRuntimeException)
        {
            // Unreadable (truncated, overwritten): rebuilt below.
        }
        session?.Dispose();
        return null;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Build(string sha, string path)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        long size;
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                OnnxInt8Quantiser.Quantise(sourceBytes(), quantiser, Metadata(sha), file);
                file.Flush(flushToDisk: true);
                size = file.Length;
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        foreach (var other in Directory.EnumerateFiles(folder, FilePrefix + "*.onnx"))
        {
            if (string.Equals(other, path, StringComparison.Ordinal)) continue;
            try { File.Delete(other); }
            catch (IOException) { } // another process may be writing its own: left for the next build
            catch (UnauthorizedAccessException) { }
        }
        Log.Built(Logger, path, size / 1048576.0, clock.Elapsed.TotalSeconds);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the int8 embedding model to {Path} ({SizeMb:F1} MB) in {Seconds:F1} s")]
        public static partial void Built(ILogger logger, string path, double sizeMb, double seconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The int8 embedding model {Path} does not load or belongs to another model; rebuilding it")]
        public static partial void Rebuilding(ILogger logger, string path);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot write the int8 embedding model to {Path} ({Reason}); running it from memory until a start can write it")]
        public static partial void CannotWrite(ILogger logger, string path, string reason);
    }
}
