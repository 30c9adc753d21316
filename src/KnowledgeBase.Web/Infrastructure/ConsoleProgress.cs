using KnowledgeBase.Importing;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// A one-line console progress report ("[3/6] importing 002_....txt"): for the first and the last file, and for the file
/// being imported every <see cref="Interval"/> in between (a line for each of thousands of small files cost the import's
/// single writer about a tenth of its time; an error still names its file).
/// </summary>
internal static class ConsoleProgress
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static IProgress<ImportProgress> Create(TextWriter output)
    {
        var last = 0L;
        return new SynchronousProgress(p =>
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            if (p.FileNumber > 1 && p.FileNumber < p.FileCount && System.Diagnostics.Stopwatch.GetElapsedTime(last, now) < Interval) return;
            last = now;
            output.WriteLine($"[{p.FileNumber}/{p.FileCount}] importing {p.FileName}");
        });
    }

    // Progress<T> posts to the thread pool; a console line must appear before the work it announces.
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
