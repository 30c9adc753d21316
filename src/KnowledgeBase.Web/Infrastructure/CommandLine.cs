using System.CommandLine;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// What the command line asks for: a <see cref="Command"/> to run on a host built with <see cref="HostArgs"/>; the web app
/// (no command, every argument a host setting); or nothing more, because help was printed or the line was wrong
/// (<see cref="ExitCode"/> set).
/// </summary>
internal sealed record CommandLineRequest(ICommand? Command, string[] HostArgs, int? ExitCode = null);

/// <summary>
/// The app's commands (<c>import seeds/</c>, <c>add-user --email ... --role admin</c>, ...), declared once with System.CommandLine:
/// options, arguments and <c>--help</c> for each. A first argument that is not a command (or <c>--help</c>) starts the web
/// app with every argument as a host setting (<c>--urls ...</c>, <c>--Key=value</c>), as before.
/// </summary>
internal static class CommandLine
{
    private static readonly string[] HelpTokens = ["--help", "-h", "-?"];

    public static CommandLineRequest Parse(string[] args) => Parse(args, Console.Out, Console.Error, Console.In);

    public static CommandLineRequest Parse(string[] args, TextWriter output, TextWriter error, TextReader input)
    {
        ArgumentNullException.ThrowIfNull(args);
        ICommand? chosen = null;
        string[] commandHostArgs = [];
        var root = Build(input, (command, hostArgs) => (chosen, commandHostArgs) = (command, hostArgs));
        if (args.Length == 0 || !(HelpTokens.Contains(args[0]) || root.Subcommands.Any(c => c.Name == args[0]))) return new(null, args);

        var (own, host) = SplitHostSettings(args);
        // No response files: an argument starting with @ is a path like any other.
        var result = root.Parse(own, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var exit = result.Invoke(new InvocationConfiguration { Output = output, Error = error });
        // A wrong command line exits 2, as the commands' own usage messages always have (1 means the command failed).
        if (result.Errors.Count > 0) exit = 2;
        return chosen is null ? new(null, [], exit) : new(chosen, [.. host, .. commandHostArgs]);
    }

    /// <summary>
    /// Host settings given with a command: after <c>import</c>'s paths, everything from the first <c>--</c> argument on; with
    /// <c>backup</c> and <c>restore</c>, every <c>--</c> argument but <c>--force</c>. The other commands take none.
    /// </summary>
    private static (string[] Own, string[] Host) SplitHostSettings(string[] args)
    {
        static bool IsHelp(string a) => HelpTokens.Contains(a);
        switch (args[0])
        {
            case "import":
                var split = Array.FindIndex(args, 1, a => a.StartsWith("--", StringComparison.Ordinal) && !IsHelp(a));
                return split < 0 ? (args, []) : (args[..split], args[split..]);
            case "backup" or "restore":
                bool Own(string a) => !a.StartsWith("--", StringComparison.Ordinal) || a == "--force" || IsHelp(a);
                return ([args[0], .. args.Skip(1).Where(Own)], [.. args.Skip(1).Where(a => !Own(a))]);
            default:
                return (args, []);
        }
    }

    private static RootCommand Build(TextReader input, Action<ICommand, string[]> choose)
    {
        var root = new RootCommand("KnowledgeBase. Without a command it runs the web app; settings as --Key=value (README, Configuration).");
        // --version is not a command here: without a command every argument goes to the web app.
        foreach (var version in root.Options.OfType<System.CommandLine.VersionOption>().ToList()) root.Options.Remove(version);
        void Verb(string name, string description, Func<ParseResult, ICommand> create, params Symbol[] symbols) =>
            Verb2(name, description, r => (create(r), []), symbols);
        void Verb2(string name, string description, Func<ParseResult, (ICommand, string[])> create, params Symbol[] symbols)
        {
            var command = new Command(name, description);
            foreach (var symbol in symbols)
            {
                if (symbol is Option option) command.Add(option);
                else command.Add((Argument)symbol);
            }
            command.SetAction(r =>
            {
                var (chosen, hostArgs) = create(r);
                choose(chosen, hostArgs);
                return 0;
            });
            root.Add(command);
        }
        static Option<bool> Flag(string name, string description) => new(name) { Description = description };
        static Option<string> Value(string name, string valueName, string description) => new(name) { Description = description, HelpName = valueName };
        static Argument<string?> Folder(string description) => new("folder") { Description = description, Arity = ArgumentArity.ZeroOrOne };

        var paths = new Argument<string[]>("paths") { Description = "files or folders: articles (.txt, .md), the reference library (.json), reference files (RIS, BibTeX, CSL-JSON, PubMed, Web of Science, ClinicalTrials.gov); host settings (--Key=value) may follow", Arity = ArgumentArity.ZeroOrMore };
        Verb("import", "Import files or folders, each file in its own transaction; exits 1 if any file was rejected.",
            r => new ImportCommand(r.GetValue(paths) ?? []), paths);

        var email = Value("--email", "address", "the account's e-mail address");
        var role = Value("--role", "admin|editor", "the account's role (default: editor)");
        var name = Value("--name", "name", "the name shown in the change history");
        Verb("add-user", $"Create an account. The password comes from ${AddUserCommand.PasswordVariable} or the first line of standard input.",
            r => new AddUserCommand(r.GetValue(email), r.GetValue(role) ?? "editor", r.GetValue(name) ?? "", input), email, role, name);

        var generate = new GenerateCommand.Options(
            Value("--database", "file.db", "the SQLite file to fill with a synthetic knowledge base"),
            Value("--scale", "factor", "the benchmark corpus's size times this (default 1: 100,000 sources, 1,000,000 claims, ...)"),
            Value("--sources", "N", "sources"), Value("--claims", "N", "claims"), Value("--studies", "N", "studies"),
            Value("--trials", "N", "trials"), Value("--links", "N", "evidence links"),
            Value("--seed", "N", "random seed (default 42)"), Flag("--force", "replace an existing file"),
            Value("--articles", "N", "write N article files instead (with --out)"), Value("--out", "folder", "where --articles writes"));
        Verb("generate", "Fill a fresh SQLite file with a synthetic knowledge base, or write article files to import (docs/benchmarks.md).",
            r => new GenerateCommand(generate.Read(r)), generate.All);

        var detectionFolder = Folder("the labelled development set (default: ../shared/articles-dev)");
        var list = Flag("--list", "print every miss and false alarm");
        var threshold = Value("--threshold", "p", "probability threshold (0..1)");
        var timing = Flag("--timing", "measure the detection cost per article only");
        var noCv = Flag("--no-cv", "skip the leave-one-publisher-out cross-validation");
        Verb("evaluate-detection", "Score the claim detector on the development set, leave-one-publisher-out (docs/claim-detection.md).",
            r => new EvaluateDetectionCommand(r.GetValue(detectionFolder), r.GetValue(list), r.GetValue(threshold), r.GetValue(timing), r.GetValue(noCv)),
            detectionFolder, list, threshold, timing, noCv);

        var timeFolder = Folder("article files, or the development set (default: ../shared/articles-dev)");
        var passes = Value("--passes", "N", "passes over the articles (default 12: cold, warm, then steady)");
        var dump = Value("--dump", "file", "after timing, write every unit's features, probability and signals to this file");
        var prepare = Flag("--prepare", "time the import's whole per-file preparation and each of its stages instead");
        var dumpPrepared = Value("--dump-prepared", "file", "with --prepare: write each article's title, hashes, references and classification to this file");
        Verb("time-detection", "Measure the claim detector's (or with --prepare the article preparation's) CPU cost per article, cold and warm (docs/benchmarks.md).",
            r => new TimeDetectionCommand(r.GetValue(timeFolder), r.GetValue(passes), r.GetValue(dump), r.GetValue(prepare), r.GetValue(dumpPrepared)), timeFolder, passes, dump, prepare, dumpPrepared);

        var trainFolder = Folder("the labelled development set (default: ../shared/articles-dev)");
        var trainThreshold = Value("--threshold", "p", "fix the operating point (default: the cross-validated one)");
        Verb("train-detector", "Retrain the committed claim-detection model (src/KnowledgeBase/Linking/Detection/claim-model.json).",
            r => new TrainDetectorCommand(r.GetValue(trainFolder), r.GetValue(trainThreshold)), trainFolder, trainThreshold);

        var tune = new TuneDetectorCommand.Options(
            Folder("the labelled development set (default: ../shared/articles-dev)"),
            Flag("--nested", "choose the setting by cross-validation inside each fold"), Flag("--stacked", "the context stage"),
            Flag("--embeddings", "measure sentence embeddings as features"), Flag("--committed-settings", "with --embeddings: the committed training settings"),
            Flag("--trees", "boosted trees and their modes"), Flag("--quick", "with --stacked: the lexical run only"),
            Flag("--report", "with --trees: the full report per mode"), Flag("--list", "with --report: every miss and false alarm"),
            Value("--drop", "prefixes", "leave out the named features starting with these (comma-separated)"),
            Value("--n-trees", "N", "trees (default 150); with --variants: training seeds per variant (default 5)"), Value("--depth", "N", "tree depth (default 3)"),
            Value("--shrinkage", "x", "learning rate (default 0.1)"), Value("--min-leaf", "x", "least weight in a leaf (default 5)"),
            Value("--lambda", "x", "L2 on leaf values (default 2)"), Value("--modes", "list", "tree modes, comma-separated (with --variants: the variants' numbers)"),
            Flag("--variants", "training aimed at the operating point: page weights, bagging, pairwise loss, page-relative scores"),
            Flag("--segmentation", "how the splitter's units line up with the gold units (with --list: every case)"),
            Flag("--learning-curve", "leave-one-publisher-out with 10, 20, 30 and all 41 training publishers (seeds per size: --n-trees, default 3)"));
        Verb("tune-detector", "The claim detector's settings grid, ablations and measurements (docs/claim-detection.md).",
            r => new TuneDetectorCommand(tune.Read(r)), tune.All);

        var toProvider = Value("--to-provider", "Sqlite|Postgres", "the target's provider");
        var to = Value("--to", "connection string", "the target database (must be empty)");
        var fromProvider = Value("--from-provider", "Sqlite|Postgres", "the source's provider (default: the configured one)");
        var from = Value("--from", "connection string", "the source database (default: the configured one)");
        Verb("copy-database", "Copy the knowledge base into an empty database of either provider and verify every table.",
            r => new CopyDatabaseCommand(r.GetValue(from), r.GetValue(fromProvider), r.GetValue(to), r.GetValue(toProvider)), toProvider, to, fromProvider, from);

        var backupFile = new Argument<string?>("file") { Description = "the backup file to write", Arity = ArgumentArity.ZeroOrOne };
        var backupForce = Flag("--force", "replace an existing file");
        Verb("backup", "A consistent copy of the SQLite database while the app keeps running, with each table's rows and checksum.",
            r => new BackupCommand(r.GetValue(backupFile), r.GetValue(backupForce)), backupFile, backupForce);

        var restoreFile = new Argument<string?>("file") { Description = "the backup to restore", Arity = ArgumentArity.ZeroOrOne };
        var restoreForce = Flag("--force", "replace a database that holds data");
        Verb("restore", "Replace the SQLite database with a backup (stop the app first) and verify every table.",
            r => new RestoreCommand(r.GetValue(restoreFile), r.GetValue(restoreForce)), restoreFile, restoreForce);

        var retrievalFolder = Folder("SciFact in BEIR format (default: ../shared/retrieval/scifact)");
        var limit = new Option<int?>("--limit") { Description = "rank only the first N claims", HelpName = "N" };
        var noFill = Flag("--no-fill", "use the embeddings already stored");
        var sweep = Flag("--sweep", "print the grid of fusion weights");
        Verb2("evaluate-retrieval", "The SciFact retrieval benchmark through the app's evidence ranking (docs/evidence-retrieval.md).",
            r => EvaluateRetrievalCommand.Create(r.GetValue(retrievalFolder), r.GetValue(limit), !r.GetValue(noFill), r.GetValue(sweep)),
            retrievalFolder, limit, noFill, sweep);

        var interchangeFolder = Folder("the interchange samples (default: ../shared/interchange-samples)");
        var warnings = Flag("--warnings", "print each file's warnings");
        Verb2("check-interchange", "Import every interchange sample into a throw-away database and report what each was read as (docs/interchange.md).",
            r => CheckInterchangeCommand.Create(r.GetValue(interchangeFolder), r.GetValue(warnings)), interchangeFolder, warnings);

        var stylesFolder = Folder("the interchange samples (default: ../shared/interchange-samples)");
        var examples = new Option<int>("--examples") { Description = "examples per kind of difference (default 12)", HelpName = "N", DefaultValueFactory = _ => 12 };
        var keep = Value("--out", "folder", "keep the CSL-JSON and both sides' references here");
        Verb2("check-styles", "Compare the app's Vancouver and AMA references with citeproc-js on the interchange samples (docs/interchange.md).",
            r => CheckStylesCommand.Create(r.GetValue(stylesFolder), r.GetValue(examples), r.GetValue(keep)), stylesFolder, examples, keep);

        return root;
    }
}

internal interface ICommand
{
    Task<int> RunAsync(IServiceProvider services, TextWriter output);
}
