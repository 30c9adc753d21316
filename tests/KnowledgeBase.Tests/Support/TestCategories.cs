namespace KnowledgeBase.Tests.Support;

/// <summary>
/// Traits a local run can filter on. The crash and fuzz tests take minutes (they kill processes and import
/// thousands of files); <c>dotnet test --filter "Category!=Slow"</c> leaves them out, and CI runs everything.
/// </summary>
public static class TestCategories
{
    public const string Name = "Category";
    public const string Slow = "Slow";
}
