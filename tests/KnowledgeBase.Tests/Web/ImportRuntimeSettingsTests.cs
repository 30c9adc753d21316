using System.Diagnostics;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.Data.Sqlite;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The import command runs with its own runtime settings (decision 0049): on Linux it starts again in place, the same
/// process with the same command line, the settings added to its environment; a setting the caller gave is kept.
/// The process's environment is read from <c>/proc</c> while it imports the seeds.
/// </summary>
public sealed class ImportRuntimeSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-import-settings-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [LinuxFact]
    public async Task The_import_command_runs_in_the_same_process_with_the_import_settings()
    {
        var run = await RunImportAsync(callerSetting: null);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("sources: 7 added", "the seeds are imported as usual");
        foreach (var (name, value) in ImportRuntimeSettings.Settings)
            run.EnvironmentSeen.Should().Contain($"{name}={value}", "the process that imports (the one started, same id) runs with the import's settings");
        run.DiagnosticsAnsweredAfterRestart.Should().BeTrue("diagnostics tools (dotnet-counters, dotnet-trace) can still attach to the restarted import");
    }

    [LinuxFact]
    public async Task A_runtime_setting_the_caller_gave_is_kept_and_nothing_restarts()
    {
        var run = await RunImportAsync(callerSetting: ("DOTNET_TieredPGO", "1"));

        run.ExitCode.Should().Be(0, run.Output);
        run.EnvironmentSeen.Should().Contain("DOTNET_TieredPGO=1");
        run.EnvironmentSeen.Should().NotContain(v => v.StartsWith("DOTNET_TC_CallCountingDelayMs=", StringComparison.Ordinal));
    }

    private sealed record ImportRun(int ExitCode, string Output, IReadOnlySet<string> EnvironmentSeen, bool DiagnosticsAnsweredAfterRestart);

    /// <summary>Imports a copy of the seeds with the built app, collecting every DOTNET_ variable its process had while it ran.</summary>
    private async Task<ImportRun> RunImportAsync((string Name, string Value)? callerSetting)
    {
        var input = Path.Combine(_folder, "input");
        Directory.CreateDirectory(input);
        foreach (var file in Directory.GetFiles(TestPaths.Seeds)) File.Copy(file, Path.Combine(input, Path.GetFileName(file)), overwrite: true);
        var database = Path.Combine(_folder, $"kb-{Guid.NewGuid():N}.db");

        var start = TestPaths.ImportCommand(database, input, Path.Combine(_folder, "logs"));
        start.Environment["KnowledgeBase__FillEmbeddingsOnStart"] = "false";
        foreach (var (name, _) in ImportRuntimeSettings.Settings) start.Environment.Remove(name);
        if (callerSetting is var (settingName, settingValue)) start.Environment[settingName] = settingValue;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var environ = $"/proc/{process.Id}/environ";
        var diagnosticsAnswered = false;
        while (!process.HasExited)
        {
            try
            {
                var variables = (await File.ReadAllTextAsync(environ)).Split('\0');
                foreach (var variable in variables)
                    if (variable.StartsWith("DOTNET_", StringComparison.Ordinal)) seen.Add(variable);
                // Once restarted (its settings in the environment), the runtime's diagnostics socket must answer again.
                if (!diagnosticsAnswered && ImportRuntimeSettings.Settings.All(x => variables.Contains($"{x.Name}={x.Value}"))) diagnosticsAnswered = await DiagnosticsAnswerAsync(process.Id);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Exited between the check and the read.
            }
            await Task.Delay(10);
        }
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return new ImportRun(process.ExitCode, await stdout + await stderr, seen, diagnosticsAnswered);
    }

    /// <summary>Whether the runtime's diagnostics socket for this process (the one dotnet-counters connects to) accepts a connection.</summary>
    private static async Task<bool> DiagnosticsAnswerAsync(int processId)
    {
        foreach (var path in Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{processId}-*-socket"))
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // A name left behind: try the next one.
            }
        }
        return false;
    }

    /// <summary>A fact that needs Linux's <c>/proc</c> and <c>execve</c>: skipped, saying why, elsewhere.</summary>
    private sealed class LinuxFactAttribute : FactAttribute
    {
        public LinuxFactAttribute()
        {
            if (!OperatingSystem.IsLinux()) Skip = "the import restarts with its runtime settings on Linux only";
        }
    }
}
