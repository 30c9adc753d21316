namespace KnowledgeBase.Web.Infrastructure;

/// <summary>The app's command-line verbs (for example <c>import seeds/</c>); anything else goes to the web host.</summary>
internal static class CommandLine
{
    public static (ICommand? Command, string[] HostArgs) Parse(string[] args)
    {
        if (args.Length == 0) return (null, args);
        return args[0] switch
        {
            "import" => (new ImportCommand(args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList()),
                         args.Skip(1).SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray()),
            _ => (null, args),
        };
    }
}

internal interface ICommand
{
    Task<int> RunAsync(IServiceProvider services, TextWriter output);
}
