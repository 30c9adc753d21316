using System.Runtime.InteropServices;
using System.Text;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// The runtime settings the <c>import</c> command runs with, which differ from the web app's (decision 0049). Dynamic PGO
/// first recompiles each hot method with instrumentation and optimises it only later: worth it for a server that runs for
/// days (cached pages 20-30% faster), a loss for an import of a few seconds or minutes, which spends much of its time in
/// the instrumented code (about 30% more CPU for 5,000 articles). The runtime reads these settings once, as the process
/// starts, from its environment or the app's <c>runtimeconfig.json</c>, which the web app shares; so on Linux the import
/// command starts again in place (<c>execve</c>: the same process id, command line, standard streams and exit code) with
/// the settings added to its environment. A setting already in the environment is respected and nothing restarts;
/// elsewhere, or if the restart is refused, the import runs as it is, only slower.
/// </summary>
internal static class ImportRuntimeSettings
{
    /// <summary>Dynamic PGO off; methods called often are optimised as soon as they are counted, without the 100 ms wait.</summary>
    internal static readonly IReadOnlyList<(string Name, string Value)> Settings =
    [
        ("DOTNET_TieredPGO", "0"),
        ("DOTNET_TC_CallCountingDelayMs", "0"),
    ];

    /// <summary>For the import command on Linux, restarts the process with <see cref="Settings"/> unless any is set already; returns only if it did not restart.</summary>
    public static void RestartWithSettings(ICommand? command)
    {
        if (command is not ImportCommand || !OperatingSystem.IsLinux()) return;
        if (Settings.Any(s => Environment.GetEnvironmentVariable(s.Name) is not null)) return;
        // The exact command line the process started with (the host's own options included), and the program it ran.
        string[] argv;
        try
        {
            argv = File.ReadAllText("/proc/self/cmdline", Encoding.UTF8).TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return;
        }
        var program = Environment.ProcessPath;
        if (program is null || argv.Length == 0) return;
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}")
            .Concat(Settings.Select(s => $"{s.Name}={s.Value}"));
        RemoveDiagnosticsSocket();
        try
        {
            // Returns only on failure; the import then runs in this process.
            _ = Execve(program, [.. argv, null], [.. environment, null]);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without execve under that name: the import runs in this process.
        }
    }

    /// <summary>
    /// The runtime listens for diagnostics tools (dotnet-counters, dotnet-trace) on a socket named after the process id and
    /// start time, which a restart in place keeps: the restarted runtime could not bind the name while the first one's file
    /// remained, and the tools could not attach to the import. Removing the file lets it listen again.
    /// </summary>
    private static void RemoveDiagnosticsSocket()
    {
        try
        {
            foreach (var socket in Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{Environment.ProcessId}-*-socket"))
                File.Delete(socket);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The tools will not attach to this import; it runs all the same.
        }
    }

    // Strings as LPStr: UTF-8 on Unix.
    [DllImport("libc", EntryPoint = "execve")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Execve(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string path,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] argv,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] envp);
}
