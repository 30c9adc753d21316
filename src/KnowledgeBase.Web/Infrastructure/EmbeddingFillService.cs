using KnowledgeBase.Data;
using KnowledgeBase.Retrieval;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// At start-up, embeds the studies and trials that have no embedding yet (or a stale one), off the request
/// path, logging its progress; until it is done the ranking uses words and citations for those records.
/// Off with <c>KnowledgeBase:FillEmbeddingsOnStart=false</c>.
/// </summary>
internal sealed partial class EmbeddingFillService(IServiceScopeFactory scopes, ITextEmbedder embedder, IOptions<KnowledgeBaseOptions> options, ILogger<EmbeddingFillService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.FillEmbeddingsOnStart) return;
        // Let the app finish starting (migrations, seeds) first; the fill is not urgent.
        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
            var lastLogged = DateTime.MinValue;
            var progress = new Progress<EmbeddingProgress>(p =>
            {
                if (DateTime.UtcNow - lastLogged < TimeSpan.FromSeconds(10) && p.Done < p.Total) return;
                lastLogged = DateTime.UtcNow;
                LogProgress(logger, p.Done, p.Total, p.RecordsPerSecond);
            });
            var report = await Task.Run(() => RecordEmbeddings.FillAsync(db, embedder, progress, stoppingToken), stoppingToken);
            if (report.Embedded > 0 || report.Removed > 0) LogDone(logger, report.Embedded, report.Unchanged, report.Removed, report.RecordsPerSecond);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding records: {Done}/{Total} ({Rate:F1}/s)")]
    private static partial void LogProgress(ILogger logger, int done, int total, double rate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embeddings filled: {Embedded} embedded, {Unchanged} unchanged, {Removed} removed ({Rate:F1} records/s)")]
    private static partial void LogDone(ILogger logger, int embedded, int unchanged, int removed, double rate);

    [LoggerMessage(Level = LogLevel.Error, Message = "Filling the embeddings failed; the ranking uses words and citations for records without one")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
