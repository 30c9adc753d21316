namespace KnowledgeBase.Tests;

/// <summary>Locates the repository from the test binaries, so tests read the real seed files.</summary>
public static class TestPaths
{
    /// <summary>The directory holding KnowledgeBase.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The seed files: the real article scrapes and the reference library.</summary>
    public static string Seeds { get; } = Path.Combine(RepoRoot, "seeds");

    /// <summary>
    /// The development data beside the checkout (<c>../shared</c>: articles-dev, retrieval/scifact,
    /// interchange-samples). Test data only: read from there, never copied into the repository.
    /// Absent in a user's clone; tests that need it use <see cref="DevelopmentDataFactAttribute"/>.
    /// </summary>
    public static string Shared { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>The web app's built assembly in the tests' configuration, for tests that run its commands as a process.</summary>
    public static string WebAppDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(RepoRoot, "src", "KnowledgeBase.Web", "bin", configuration, "net10.0", "KnowledgeBase.Web.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException($"the web app is built with the tests, but {dll} is missing", dll);
            return dll;
        }
    }

    /// <summary>
    /// The built app's <c>import</c> command on <paramref name="input"/> into the SQLite file <paramref name="database"/>, as a
    /// process to start (standard output and error redirected), its log under <paramref name="logFolder"/>.
    /// </summary>
    public static System.Diagnostics.ProcessStartInfo ImportCommand(string database, string input, string logFolder)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(WebAppDll);
        start.ArgumentList.Add("import");
        start.ArgumentList.Add(input);
        start.Environment["ConnectionStrings__KnowledgeBase"] = $"Data Source={database}";
        start.Environment["Serilog__WriteTo__0__Args__configure__1__Args__path"] = Path.Combine(logFolder, "kb-.log");
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    /// <summary>Whether the development data is present (it is in CI; it is not in a user's clone).</summary>
    public static bool HasShared(string relative) => Path.Exists(Path.Combine(Shared, relative));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KnowledgeBase.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No directory containing KnowledgeBase.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A fact that reads the development data in <c>../shared/&lt;relative&gt;</c>: skipped, saying why, where it is absent.</summary>
public sealed class DevelopmentDataFactAttribute : FactAttribute
{
    public DevelopmentDataFactAttribute(string relative)
    {
        if (!TestPaths.HasShared(relative)) Skip = $"needs the development data at {Path.Combine(TestPaths.Shared, relative)}, which is not beside this clone";
    }
}

/// <summary>A theory over the development data in <c>../shared/&lt;relative&gt;</c>: skipped, saying why, where it is absent.</summary>
public sealed class DevelopmentDataTheoryAttribute : TheoryAttribute
{
    public DevelopmentDataTheoryAttribute(string relative)
    {
        if (!TestPaths.HasShared(relative)) Skip = $"needs the development data at {Path.Combine(TestPaths.Shared, relative)}, which is not beside this clone";
    }
}
