using Microsoft.Win32.SafeHandles;

namespace KnowledgeBase.Retrieval;

/// <summary>
/// The int8 bytes of a <see cref="VectorIndex"/> kept in a file: appended once per stored vector (a changed vector gets a
/// new slot, so a copy being filled never changes what readers of the original read), read back with positioned reads,
/// which go through the operating system's cache and need no lock. The file's name is removed as soon as it is open
/// (its bytes go when the handle closes: the last index using it collected, or the process ending); on Windows, where
/// an open file keeps its name, it is deleted on close, and the next file made in the same folder removes what a
/// process that died left behind.
/// </summary>
internal sealed class ExactVectorFile
{
    private const string Prefix = "evidence-vectors-";
    private const string Extension = ".int8";

    private readonly SafeFileHandle handle;
    private readonly int dimensions;
    private readonly Lock appending = new();
    private int next;

    private ExactVectorFile(SafeFileHandle handle, int dimensions)
    {
        this.handle = handle;
        this.dimensions = dimensions;
    }

    public static ExactVectorFile Create(string folder, int dimensions)
    {
        Directory.CreateDirectory(folder);
        RemoveLeftOvers(folder);
        var path = Path.Combine(folder, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}{Extension}");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        // Where an open file can lose its name (not Windows), it does so at once: its bytes live as long as the handle,
        // and a process that dies leaves nothing behind.
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        return new ExactVectorFile(handle, dimensions);
    }

    /// <summary>Appends a vector's bytes; returns its slot.</summary>
    public int Append(ReadOnlySpan<sbyte> vector)
    {
        if (vector.Length != dimensions) throw new ArgumentException($"expected {dimensions} dimensions, got {vector.Length}", nameof(vector));
        lock (appending)
        {
            RandomAccess.Write(handle, System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector), (long)next * dimensions);
            return next++;
        }
    }

    public void Read(int slot, Span<sbyte> vector)
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector[..dimensions]);
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes[read..], ((long)slot * dimensions) + read);
            if (n == 0) throw new EndOfStreamException($"vector slot {slot} is past the end of the file");
            read += n;
        }
    }

    /// <summary>Files of processes that no longer run (their names carry the process id).</summary>
    private static void RemoveLeftOvers(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, Prefix + "*" + Extension))
        {
            var name = Path.GetFileNameWithoutExtension(path)[Prefix.Length..];
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(name.AsSpan(0, dash), out var pid) || ProcessRuns(pid)) continue;
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // In use after all (another process with a reused id): left alone.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool ProcessRuns(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
