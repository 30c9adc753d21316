using KnowledgeBase.Web.Infrastructure;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The command lines the README, docs/, bench/*.sh and CI type still mean what they meant before the move to
/// System.CommandLine, <c>--help</c> works for every command, and anything that is not a command still starts the web app.
/// </summary>
public sealed class CommandLineTests
{
    private static (CommandLineRequest Request, string Output, string Error) Parse(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var request = CommandLine.Parse(args, output, error, TextReader.Null);
        return (request, output.ToString(), error.ToString());
    }

    private static T Command<T>(params string[] args)
        where T : ICommand
    {
        var (request, output, error) = Parse(args);
        request.ExitCode.Should().BeNull($"`{string.Join(' ', args)}` is a valid command line (output: {output}{error})");
        return request.Command.Should().BeOfType<T>().Subject;
    }

    [Fact]
    public void Import_takes_paths_and_passes_settings_after_them_to_the_host()
    {
        Command<ImportCommand>("import", "seeds/").Paths.Should().Equal("seeds/");
        var (request, _, _) = Parse("import", "a.txt", "folder", "--ConnectionStrings:KnowledgeBase=Data Source=x.db", "--Database:Provider", "Sqlite");
        request.Command.Should().BeOfType<ImportCommand>().Which.Paths.Should().Equal("a.txt", "folder");
        request.HostArgs.Should().Equal("--ConnectionStrings:KnowledgeBase=Data Source=x.db", "--Database:Provider", "Sqlite");
        Command<ImportCommand>("import").Paths.Should().BeEmpty("the command prints its usage and exits 2, as before");
    }

    [Fact]
    public void Add_user_reads_its_options()
    {
        Command<AddUserCommand>("add-user", "--email", "you@example.org", "--role", "admin", "--name", "Your Name")
            .Should().BeEquivalentTo(new { Email = "you@example.org", Role = "admin", Name = "Your Name" });
        Command<AddUserCommand>("add-user", "--email", "a@example.org")
            .Should().BeEquivalentTo(new { Email = "a@example.org", Role = "editor", Name = "" }, "the role defaults to editor");
        Parse("add-user", "--email", "a@example.org").Request.HostArgs.Should().BeEmpty("add-user's options are not host settings");
    }

    [Fact]
    public void Generate_reads_the_benchmark_scripts_lines()
    {
        Command<GenerateCommand>("generate", "--database", "corpus.db", "--scale", "0.01", "--seed", "42").Given
            .Should().BeEquivalentTo(new { Database = "corpus.db", Scale = "0.01", Seed = "42", Force = false, Articles = (string?)null });
        Command<GenerateCommand>("generate", "--articles", "5000", "--out", "articles", "--seed", "7").Given
            .Should().BeEquivalentTo(new { Articles = "5000", Out = "articles", Seed = "7", Database = (string?)null });
        Command<GenerateCommand>("generate", "--database", "c.db", "--sources", "2000", "--claims", "20000", "--studies", "50000", "--trials", "20000",
                "--links", "10000", "--seed", "42", "--force").Given
            .Should().BeEquivalentTo(new { Sources = "2000", Claims = "20000", Studies = "50000", Trials = "20000", Links = "10000", Force = true });
    }

    [Fact]
    public void The_detection_commands_read_the_documented_lines()
    {
        Command<EvaluateDetectionCommand>("evaluate-detection").Should().BeEquivalentTo(new { Folder = (string?)null, List = false, Threshold = (string?)null, Timing = false, NoCv = false });
        Command<EvaluateDetectionCommand>("evaluate-detection", "--list", "--threshold", "0.12")
            .Should().BeEquivalentTo(new { Folder = (string?)null, List = true, Threshold = "0.12" }, "0.12 is the threshold's value, not the folder");
        Command<EvaluateDetectionCommand>("evaluate-detection", "../shared/articles-dev", "--timing", "--no-cv")
            .Should().BeEquivalentTo(new { Folder = "../shared/articles-dev", Timing = true, NoCv = true });
        Command<TimeDetectionCommand>("time-detection", "/tmp/arts", "--passes", "5", "--dump", "/tmp/d.txt")
            .Should().BeEquivalentTo(new { Folder = "/tmp/arts", Passes = "5", Dump = "/tmp/d.txt" });
        Command<TrainDetectorCommand>("train-detector", "../shared/articles-dev").Should().BeEquivalentTo(new { Folder = "../shared/articles-dev", Threshold = (string?)null });
        Command<TrainDetectorCommand>("train-detector", "--threshold", "0.12").Should().BeEquivalentTo(new { Folder = (string?)null, Threshold = "0.12" });
        Command<TuneDetectorCommand>("tune-detector", "--nested").Given.Nested.Should().BeTrue();
        Command<TuneDetectorCommand>("tune-detector", "--stacked", "--quick").Given.Should().BeEquivalentTo(new { Stacked = true, Quick = true, Nested = false });
        Command<TuneDetectorCommand>("tune-detector", "--embeddings", "--committed-settings").Given.Should().BeEquivalentTo(new { Embeddings = true, CommittedSettings = true });
        Command<TuneDetectorCommand>("tune-detector", "--drop", "prev:,next:").Given.Drop.Should().Be("prev:,next:");
        Command<TuneDetectorCommand>("tune-detector", "--variants", "--modes", "0,5", "--n-trees", "3").Given
            .Should().BeEquivalentTo(new { Variants = true, Segmentation = false, Modes = "0,5", NTrees = "3" });
        Command<TuneDetectorCommand>("tune-detector", "--segmentation", "--list").Given.Should().BeEquivalentTo(new { Segmentation = true, List = true, Variants = false });
        Command<TuneDetectorCommand>("tune-detector", "--trees", "--modes", "linear", "--drop", "subject:").Given
            .Should().BeEquivalentTo(new { Trees = true, Modes = "linear", Drop = "subject:", Folder = (string?)null });
        Command<TuneDetectorCommand>("tune-detector", "--trees", "--modes", "linear,Stacked,Residual,NamedOnly,mlp:8:0.1", "--depth", "3", "--n-trees", "150",
                "--shrinkage", "0.1", "--min-leaf", "5", "--lambda", "2", "--report").Given
            .Should().BeEquivalentTo(new { Modes = "linear,Stacked,Residual,NamedOnly,mlp:8:0.1", Depth = "3", NTrees = "150", Shrinkage = "0.1", MinLeaf = "5", Lambda = "2", Report = true });
    }

    [Fact]
    public void Copy_database_backup_and_restore_read_the_documented_lines()
    {
        Command<CopyDatabaseCommand>("copy-database", "--to-provider", "Postgres", "--to", "Host=127.0.0.1;Database=knowledgebase;Username=kb;Password=change-me")
            .Should().BeEquivalentTo(new { To = "Host=127.0.0.1;Database=knowledgebase;Username=kb;Password=change-me", ToProvider = "Postgres", From = (string?)null, FromProvider = (string?)null });
        Command<CopyDatabaseCommand>("copy-database", "--from-provider", "Sqlite", "--from", "Data Source=corpus.db", "--to-provider", "Postgres", "--to", "Host=h;Database=d_tmp")
            .Should().BeEquivalentTo(new { From = "Data Source=corpus.db", FromProvider = "Sqlite", To = "Host=h;Database=d_tmp", ToProvider = "Postgres" });

        Command<BackupCommand>("backup", "/var/backups/kb-2026-11-21.db").Should().Be(new BackupCommand("/var/backups/kb-2026-11-21.db", Force: false));
        Command<RestoreCommand>("restore", "/var/backups/kb-2026-11-21.db", "--force").Should().Be(new RestoreCommand("/var/backups/kb-2026-11-21.db", Force: true));
        var (request, _, _) = Parse("backup", "kb.db", "--ConnectionStrings:KnowledgeBase=Data Source=live.db", "--force");
        request.Command.Should().Be(new BackupCommand("kb.db", Force: true));
        request.HostArgs.Should().Equal("--ConnectionStrings:KnowledgeBase=Data Source=live.db");
        Command<BackupCommand>("backup").File.Should().BeNull("the command prints its usage and exits 2, as before");
    }

    [Fact]
    public void The_evaluation_and_check_commands_point_the_host_at_their_own_database()
    {
        foreach (var line in new[] { new[] { "evaluate-retrieval" }, ["evaluate-retrieval", "../shared/retrieval/scifact", "--limit", "100", "--no-fill"], ["evaluate-retrieval", "--sweep"] })
        {
            var (request, output, error) = Parse(line);
            request.ExitCode.Should().BeNull(output + error);
            request.Command.Should().BeOfType<EvaluateRetrievalCommand>();
            request.HostArgs.Should().Contain("--Database:Provider=Sqlite").And.Contain(a => a.StartsWith("--ConnectionStrings:KnowledgeBase=Data Source=", StringComparison.Ordinal) && a.Contains("scifact-", StringComparison.Ordinal));
        }
        Parse("evaluate-retrieval", "--limit", "many").Request.ExitCode.Should().Be(2, "--limit takes a number");

        foreach (var line in new[] { new[] { "check-interchange" }, ["check-interchange", "--warnings"], ["check-styles", "--examples", "5", "--out", "styles-out"] })
        {
            var (request, output, error) = Parse(line);
            request.ExitCode.Should().BeNull(output + error);
            request.Command.Should().BeOfType(line[0] == "check-styles" ? typeof(CheckStylesCommand) : typeof(CheckInterchangeCommand));
            request.HostArgs.Should().Contain("--KnowledgeBase:ImportSeedsOnFirstRun=false").And.Contain(a => a.Contains("kb-" + line[0], StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("import", "paths")]
    [InlineData("add-user", "--email")]
    [InlineData("generate", "--database")]
    [InlineData("evaluate-detection", "--threshold")]
    [InlineData("time-detection", "--passes")]
    [InlineData("train-detector", "--threshold")]
    [InlineData("tune-detector", "--n-trees")]
    [InlineData("copy-database", "--to-provider")]
    [InlineData("backup", "--force")]
    [InlineData("restore", "--force")]
    [InlineData("evaluate-retrieval", "--no-fill")]
    [InlineData("check-interchange", "--warnings")]
    [InlineData("check-styles", "--examples")]
    public void Help_describes_each_command_and_runs_nothing(string command, string mentioned)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var (request, output, _) = Parse(command, help);
            request.Command.Should().BeNull("help runs nothing");
            request.ExitCode.Should().Be(0);
            output.Should().Contain(command).And.Contain(mentioned);
        }
    }

    [Fact]
    public void Help_without_a_command_lists_the_commands()
    {
        var (request, output, _) = Parse("--help");
        request.ExitCode.Should().Be(0);
        output.Should().Contain("import").And.Contain("add-user").And.Contain("copy-database").And.Contain("check-styles");
    }

    [Fact]
    public void Anything_else_starts_the_web_app_with_every_argument_as_a_host_setting()
    {
        var (request, _, _) = Parse("--urls", "http://127.0.0.1:8080", "--KnowledgeBase:Lookup:Enabled=true");
        request.Should().BeEquivalentTo(new CommandLineRequest(null, ["--urls", "http://127.0.0.1:8080", "--KnowledgeBase:Lookup:Enabled=true"]));
        Parse().Request.Should().BeEquivalentTo(new CommandLineRequest(null, []));
    }

    [Fact]
    public void A_mistyped_option_is_refused_with_a_message_and_runs_nothing()
    {
        var (request, _, error) = Parse("add-user", "--emial", "a@example.org");
        request.Command.Should().BeNull();
        request.ExitCode.Should().Be(2, "a wrong command line exits 2, like the commands' usage messages");
        error.Should().Contain("--emial");
    }
}
