using KnowledgeBase.Importing;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>A one-line console progress report ("[3/6] importing 002_....txt").</summary>
internal static class ConsoleProgress
{
    public static IProgress<ImportProgress> Create(TextWriter output) =>
        new SynchronousProgress(p => output.WriteLine($"[{p.FileNumber}/{p.FileCount}] importing {p.FileName}"));

    // Progress<T> posts to the thread pool; a console line must appear before the work it announces.
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
