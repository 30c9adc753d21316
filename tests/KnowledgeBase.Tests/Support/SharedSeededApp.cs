namespace KnowledgeBase.Tests.Support;

/// <summary>
/// One seeded app for the test classes that only read it (or add accounts of their own, under names no other test uses),
/// instead of an app per class that each migrates a database and imports the seeds again. Classes in a collection run one
/// after another, so a class that changes records (links, studies, sources) keeps its own <c>IClassFixture</c>: its
/// changes would move the counts the others assert.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedSeededApp : ICollectionFixture<KnowledgeBaseAppFactory>
{
    public const string Name = "One seeded app, read only";
}
