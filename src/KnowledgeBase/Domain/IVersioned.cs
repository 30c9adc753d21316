namespace KnowledgeBase.Domain;

/// <summary>
/// An entity that editors change concurrently. <see cref="Version"/> is an optimistic-concurrency
/// token, incremented on every save, so a second editor's stale save is refused instead of
/// silently overwriting the first.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
