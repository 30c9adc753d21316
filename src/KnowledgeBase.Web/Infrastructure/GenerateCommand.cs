using System.CommandLine;
using System.Globalization;
using KnowledgeBase.Domain;
using KnowledgeBase.Synthetic;
using Microsoft.AspNetCore.Identity;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// <c>generate --database corpus.db [--scale 0.01] [--sources N --claims N --studies N --trials N --links N] [--seed 42] [--force]</c>
/// fills a fresh SQLite file with a synthetic knowledge base (defaults: the benchmark's 1M-claim corpus);
/// <c>generate --articles N --out folder</c> writes N article files for the import benchmark.
/// Generated accounts (editor01@example.org...) take their password from KNOWLEDGEBASE_PASSWORD, or get none that can sign in.
/// </summary>
internal sealed record GenerateCommand(GenerateCommand.Request Given) : ICommand
{
    /// <summary>The options as typed (numbers are checked by the command, with messages naming the option).</summary>
    internal sealed record Request(string? Database, string? Scale, string? Sources, string? Claims, string? Studies, string? Trials, string? Links,
        string? Seed, bool Force, string? Articles, string? Out);

    /// <summary>The command's options, declared for <see cref="CommandLine"/>.</summary>
    internal sealed record Options(Option<string> Database, Option<string> Scale, Option<string> Sources, Option<string> Claims, Option<string> Studies,
        Option<string> Trials, Option<string> Links, Option<string> Seed, Option<bool> Force, Option<string> Articles, Option<string> Out)
    {
        public Symbol[] All => [Database, Scale, Sources, Claims, Studies, Trials, Links, Seed, Force, Articles, Out];

        public Request Read(ParseResult result) => new(result.GetValue(Database), result.GetValue(Scale), result.GetValue(Sources), result.GetValue(Claims),
            result.GetValue(Studies), result.GetValue(Trials), result.GetValue(Links), result.GetValue(Seed), result.GetValue(Force),
            result.GetValue(Articles), result.GetValue(Out));
    }

    private const string Usage =
        "usage: generate --database <file.db> [--scale 0.01] [--sources N] [--claims N] [--studies N] [--trials N] [--links N] [--seed N] [--force]\n" +
        "       generate --articles <N> --out <folder> [--seed N]";

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        try
        {
            var seed = Int(Given.Seed, "--seed") ?? 42;
            if (Int(Given.Articles, "--articles") is { } articleCount)
            {
                var folder = Given.Out ?? throw new FormatException("--articles needs --out <folder>");
                folder = ImportCommand.ResolveFromInvocationFolder(folder);
                var bytes = SyntheticArticleFiles.Write(folder, articleCount, seed);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {articleCount:N0} article files ({bytes / 1024.0 / 1024.0:F1} MB) to {folder}"));
                return 0;
            }

            var path = Given.Database ?? throw new FormatException("--database <file.db> is required");
            path = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Environment.GetEnvironmentVariable("PWD") ?? ".", path));
            var size = CorpusSize.Benchmark.Scale(Double(Given.Scale, "--scale") ?? 1.0);
            size = new CorpusSize(Int(Given.Sources, "--sources") ?? size.Sources, Int(Given.Claims, "--claims") ?? size.Claims, Int(Given.Studies, "--studies") ?? size.Studies,
                Int(Given.Trials, "--trials") ?? size.Trials, Int(Given.Links, "--links") ?? size.EvidenceLinks);
            size.Validate();
            if (File.Exists(path))
            {
                if (!Given.Force) throw new FormatException($"{path} already exists; pass --force to replace it");
                foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" }) File.Delete(file);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);

            var password = Environment.GetEnvironmentVariable(AddUserCommand.PasswordVariable);
            var hash = new PasswordHasher<Account>().HashPassword(null!, string.IsNullOrEmpty(password) ? Guid.NewGuid().ToString("N") : password);
            await output.WriteLineAsync($"Generating {size} into {path} (seed {seed})");
            var elapsed = await CorpusGenerator.GenerateAsync(path, size, new CorpusOptions { Seed = seed, PasswordHash = hash }, line => output.WriteLine(line));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Generated in {elapsed.TotalSeconds:F1} s ({new FileInfo(path).Length / 1024.0 / 1024.0:F0} MB)"));
            return 0;
        }
        catch (FormatException ex)
        {
            await output.WriteLineAsync(ex.Message);
            await output.WriteLineAsync(Usage);
            return 2;
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 2;
        }
    }

    private static int? Int(string? text, string name) => text is not null
        ? int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new FormatException($"{name}: “{text}” is not a whole number")
        : null;

    private static double? Double(string? text, string name) => text is not null
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"{name}: “{text}” is not a positive number")
        : null;
}
