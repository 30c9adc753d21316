namespace KnowledgeBase.Data;

/// <summary>Who is making the changes being saved: recorded in the change history.</summary>
public interface IChangeActor
{
    string Name { get; }
}

/// <summary>A fixed actor, for commands, imports and tests.</summary>
public sealed class SystemActor(string name = "system") : IChangeActor
{
    public string Name { get; } = name;
}
