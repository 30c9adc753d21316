namespace KnowledgeBase.Tests.Interchange;

/// <summary>The hand-written sample files (real records from seeds/reference-library.json) the parser tests read.</summary>
internal static class ParserSamples
{
    public static string Directory { get; } = Path.Combine(TestPaths.RepoRoot, "tests", "KnowledgeBase.Tests", "Interchange", "Samples");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));
}
