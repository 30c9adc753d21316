using System.Collections.Concurrent;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The log writer behind the console and file sinks (decision 0044): a request only queues its line; every line is
/// written, in order, by one background thread; none is dropped when the writer falls behind (the request waits); and
/// what is queued when the app stops is written before it exits.
/// </summary>
public sealed class BatchedLogSinkTests
{
    private static readonly MessageTemplate Template = new MessageTemplateParser().Parse("event {N}");

    private static LogEvent Event(int n) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, Template, [new LogEventProperty("N", new ScalarValue(n))]);

    private static int Number(LogEvent e) => (int)((ScalarValue)e.Properties["N"]).Value!;

    private sealed class Recorder(ManualResetEventSlim? gate = null) : ILogEventSink, IDisposable
    {
        public ConcurrentQueue<int> Written { get; } = new();
        public bool Disposed { get; private set; }

        public void Emit(LogEvent logEvent)
        {
            gate?.Wait();
            Written.Enqueue(Number(logEvent));
        }

        public void Dispose() => Disposed = true;
    }

    [Fact]
    public void Every_event_is_written_in_order_and_the_queue_is_written_before_dispose_returns()
    {
        var inner = new Recorder();
        var sink = new BatchedLogSink(inner);
        for (var n = 0; n < 5_000; n++) sink.Emit(Event(n));

        sink.Dispose();

        inner.Written.Should().Equal(Enumerable.Range(0, 5_000));
        inner.Disposed.Should().BeTrue("the wrapped sinks are closed with it (the file is flushed)");
    }

    [Fact]
    public async Task When_the_writer_falls_behind_a_request_waits_for_room_and_no_line_is_dropped()
    {
        using var gate = new ManualResetEventSlim(false);
        var inner = new Recorder(gate);
        var sink = new BatchedLogSink(inner);
        // The writer takes the first event and is held in the sink; then the queue fills up.
        var total = BatchedLogSink.Capacity + 2;
        var producer = Task.Run(() =>
        {
            for (var n = 0; n < total; n++) sink.Emit(Event(n));
        });

        (await Task.WhenAny(producer, Task.Delay(500))).Should().NotBeSameAs(producer, "the last event waits for room instead of being dropped");

        gate.Set();
        await producer;
        sink.Dispose();
        inner.Written.Should().Equal(Enumerable.Range(0, total));
    }

    [Fact]
    public void The_shipped_settings_write_every_line_to_the_file_by_the_time_the_logger_is_disposed()
    {
        var folder = Directory.CreateTempSubdirectory("kb-log-").FullName;
        try
        {
            // appsettings.json as shipped (console and buffered file behind the writer), the file moved to a folder of the test's.
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(TestPaths.RepoRoot, "src", "KnowledgeBase.Web", "appsettings.json"))
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Serilog:WriteTo:0:Args:configure:1:Args:path"] = Path.Combine(folder, "kb-.log"),
                    ["Serilog:WriteTo:0:Args:configure:0:Args:restrictedToMinimumLevel"] = "Fatal", // keeps the test's console quiet
                })
                .Build();
            using (var logger = new Serilog.LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger())
            {
                for (var n = 0; n < 1_000; n++) logger.Information("line {N}", n);
            }

            var lines = Directory.GetFiles(folder, "kb-*.log").SelectMany(File.ReadAllLines).ToList();
            lines.Should().HaveCount(1_000, "a buffered line is written when the app stops, not lost");
            lines[999].Should().EndWith("[INF] line 999");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
