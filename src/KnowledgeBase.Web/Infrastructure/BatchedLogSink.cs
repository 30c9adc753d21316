using System.Threading.Channels;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Hands log events to the wrapped sinks (console, file) on one background thread, in batches (decision 0044): the
/// thread wakes when an event arrives, writes every event queued, then sleeps <see cref="Interval"/> so that the events
/// of the next moments are written together. A request only enqueues its line. Serilog.Sinks.Async, used before, woke
/// its thread for every event, and under load the waking (a spinning semaphore) cost as much CPU as writing the lines.
/// When <see cref="Capacity"/> events wait, a request waits for room instead of its line being dropped.
/// </summary>
internal sealed class BatchedLogSink : ILogEventSink, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    public const int Capacity = 10_000;

    private readonly ILogEventSink _inner;
    private readonly Channel<LogEvent> _queue = Channel.CreateBounded<LogEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly Thread _writer;

    public BatchedLogSink(ILogEventSink inner)
    {
        _inner = inner;
        // A thread of its own, not the pool's: requests waiting for room must never starve the thread that makes room.
        _writer = new Thread(Write) { IsBackground = true, Name = "Log writer" };
        _writer.Start();
    }

    public void Emit(LogEvent logEvent)
    {
        if (_queue.Writer.TryWrite(logEvent)) return;
        try
        {
            _queue.Writer.WriteAsync(logEvent).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            // Logged after the logger was disposed: nowhere to write it.
        }
    }

    private void Write()
    {
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var logEvent))
            {
                try
                {
                    _inner.Emit(logEvent);
                }
#pragma warning disable CA1031 // a sink's failure must not stop the writer (Serilog reports it through SelfLog)
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    SelfLog.WriteLine("{0} failed to write an event: {1}", nameof(BatchedLogSink), ex);
                }
            }
            // Wakes at most once an interval under load; at rest it waits for the next event without spinning.
            if (!reader.Completion.IsCompleted) Thread.Sleep(Interval);
        }
    }

    /// <summary>Writes what is queued, then disposes the wrapped sinks.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Join();
        (_inner as IDisposable)?.Dispose();
    }
}

/// <summary>Configuration: <c>"Name": "Batched", "Args": { "configure": [ sinks ] }</c>.</summary>
public static class BatchedLogSinkConfiguration
{
    /// <summary>The sinks <paramref name="configure"/> adds, written in batches on a background thread.</summary>
    public static LoggerConfiguration Batched(this LoggerSinkConfiguration loggerSinkConfiguration, Action<LoggerSinkConfiguration> configure) =>
        loggerSinkConfiguration.Sink(LoggerSinkConfiguration.Wrap(inner => new BatchedLogSink(inner), configure));
}
