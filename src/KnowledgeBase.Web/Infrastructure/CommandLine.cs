namespace KnowledgeBase.Web.Infrastructure;

/// <summary>The app's command-line verbs (<c>import seeds/</c>, <c>add-user --email ... --role admin</c>); anything else goes to the web host.</summary>
internal static class CommandLine
{
    public static (ICommand? Command, string[] HostArgs) Parse(string[] args)
    {
        if (args.Length == 0) return (null, args);
        return args[0] switch
        {
            "import" => (new ImportCommand(args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList()),
                         args.Skip(1).SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray()),
            // add-user's own options (--email, --role, --name) are not host settings.
            "add-user" => (new AddUserCommand(args.Skip(1).ToList(), Console.In), []),
            "generate" => (new GenerateCommand(args.Skip(1).ToList()), []),
            // The detection commands' options (--list, --threshold) are theirs.
            "evaluate-detection" => (new EvaluateDetectionCommand(args.Skip(1).ToList()), []),
            "train-detector" => (new TrainDetectorCommand(args.Skip(1).ToList()), []),
            "tune-detector" => (new TuneDetectorCommand(args.Skip(1).ToList()), []),
            // copy-database's options (--from, --to, ...) are not host settings either.
            "copy-database" => (new CopyDatabaseCommand(args.Skip(1).ToList()), []),
            // backup/restore: the file and --force are theirs; other --Key=value options configure the host.
            "backup" => (new BackupCommand(OwnArgs(args)), HostArgs(args)),
            "restore" => (new RestoreCommand(OwnArgs(args)), HostArgs(args)),
            // evaluate-retrieval points the host at its own benchmark database.
            "evaluate-retrieval" => EvaluateRetrievalCommand.Parse(args.Skip(1).ToList()),
            // check-interchange imports the samples into its own throw-away database.
            "check-interchange" => CheckInterchangeCommand.Parse(args.Skip(1).ToList()),
            // check-styles too, then compares the formatted references with citeproc-js.
            "check-styles" => CheckStylesCommand.Parse(args.Skip(1).ToList()),
            _ => (null, args),
        };
    }

    private static List<string> OwnArgs(string[] args) =>
        args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal) || a == "--force").ToList();

    private static string[] HostArgs(string[] args) =>
        args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--force").ToArray();
}

internal interface ICommand
{
    Task<int> RunAsync(IServiceProvider services, TextWriter output);
}
