using System.Diagnostics;
using KnowledgeBase.Retrieval;
using KnowledgeBase.Web.Features.Claims;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Builds the evidence ranking's library once the app has started, and loads the embedding model when records
/// have embeddings, so that the first claim page or suggestion after a start is as fast as the next ones (at
/// 70,000 studies and trials the build takes seconds). A request that comes earlier waits for the same build,
/// never a second one. Off with <c>KnowledgeBase:WarmEvidenceOnStart=false</c>.
/// </summary>
internal sealed partial class EvidenceWarmup(
    IServiceScopeFactory scopes, ITextEmbedder embedder, IHostApplicationLifetime lifetime, IOptions<KnowledgeBaseOptions> options, ILogger<EvidenceWarmup> logger)
    : BackgroundService
{
    private volatile string? _state = options.Value.WarmEvidenceOnStart ? "the evidence ranking is loading" : null;

    /// <summary>Null once the ranking is ready (or warming is off); otherwise what is still being done.</summary>
    public string? Pending => _state;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_state is null) return;
        // After start-up (migrations, seeds on a first run), so the library is the one requests will see.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        try
        {
            var clock = Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var library = await Task.Run(() => scope.ServiceProvider.GetRequiredService<EvidenceLookup>().LibraryAsync(stoppingToken), stoppingToken);
            if (library.Vectors.Filled > 0)
            {
                _state = "the embedding model is loading";
                await Task.Run(() => embedder.EmbedQuery("warm-up", stoppingToken), stoppingToken);
            }
            LogReady(logger, library.Count, library.Vectors.Filled, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // Requests build the library themselves, as without warming.
            LogFailed(logger, ex);
        }
        _state = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence ranking ready: {Records} studies and trials, {Vectors} with embeddings, in {Seconds:F1} s")]
    private static partial void LogReady(ILogger logger, int records, int vectors, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Preparing the evidence ranking at start-up failed; the first claim page will build it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>"Degraded" (still 200) while <see cref="EvidenceWarmup"/> works, so a deployment can wait for "Healthy" before sending traffic.</summary>
internal sealed class EvidenceWarmupHealthCheck(EvidenceWarmup warmup) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmup.Pending is { } pending ? HealthCheckResult.Degraded(pending) : HealthCheckResult.Healthy());
}
