namespace KnowledgeBase.Tests.Support;

/// <summary>
/// One seeded app for the test classes that only read it, or add only what no other member looks at (accounts under
/// their own names; SearchPageTests' one study with a made-up word), instead of an app per class that each migrates a
/// database and imports the seeds again. Classes in a collection run one after another. A class whose changes could
/// move what another asserts (links, which feed the rankings; sources; tags) keeps its own <c>IClassFixture</c>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedSeededApp : ICollectionFixture<KnowledgeBaseAppFactory>
{
    public const string Name = "One seeded app, read only";
}
