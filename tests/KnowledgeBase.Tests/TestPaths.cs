namespace KnowledgeBase.Tests;

/// <summary>Locates the repository from the test binaries, so tests read the real seed files.</summary>
public static class TestPaths
{
    /// <summary>The directory holding KnowledgeBase.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The seed files: the real article scrapes and the reference library.</summary>
    public static string Seeds { get; } = Path.Combine(RepoRoot, "seeds");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KnowledgeBase.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No directory containing KnowledgeBase.sln above {AppContext.BaseDirectory}.");
    }
}
