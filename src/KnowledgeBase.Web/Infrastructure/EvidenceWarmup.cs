using System.Diagnostics;
using KnowledgeBase.Data;
using KnowledgeBase.Retrieval;
using KnowledgeBase.Web.Features.Claims;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Builds the evidence ranking's library once the app has started, and loads the embedding model when records
/// have embeddings, so that the first claim page or suggestion after a start is as fast as the next ones (at
/// 70,000 studies and trials the build takes seconds). A request that comes earlier waits for the same build,
/// never a second one. Then it asks the app, over its own loopback address, for one claim page and one suggestion,
/// so that the first reader does not pay for compiling their code and queries either (about a second on two busy
/// cores). Before that it computes the shared counts of the claims list, the review queue, the evidence map and the home
/// page, so that the first editor does not pay for them (decision 0039), and asks for those pages too. Last, it runs the
/// whole-library export's code over the library's first records in every format, so that the first download does not
/// compile it either (decision 0043). Off with <c>KnowledgeBase:WarmEvidenceOnStart=false</c>.
/// </summary>
internal sealed partial class EvidenceWarmup(
    IServiceScopeFactory scopes, ITextEmbedder embedder, IServer server, IHostApplicationLifetime lifetime, IOptions<KnowledgeBaseOptions> options,
    ILogger<EvidenceWarmup> logger)
    : BackgroundService
{
    private volatile string? _state = options.Value.WarmEvidenceOnStart ? "the evidence ranking is loading" : null;

    /// <summary>Null once the ranking is ready (or warming is off); otherwise what is still being done.</summary>
    public string? Pending => _state;

    /// <summary>How long the claim and suggestion pages took to warm; null when they were not (no HTTP address, no claim, a failure).</summary>
    public TimeSpan? PagesWarmedIn { get; private set; }

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
            _state = "the evidence ranking is loading (counting the lists)";
            await WarmCountsAsync(scope.ServiceProvider, stoppingToken);
            _state = "the evidence ranking is loading (warming the claim page)";
            await WarmPagesAsync(scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>(), stoppingToken);
            _state = "the evidence ranking is loading (warming the library export)";
            await WarmExportAsync(stoppingToken);
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

    /// <summary>
    /// The counts editors' first pages would pay for (decision 0039): the claims list and the review queue (the claim
    /// facet index, decision 0042), the evidence map, the home page and the studies list of each therapy type, computed through the code those pages use, into the shared
    /// <see cref="ChangeStampedCache"/>. With or without an HTTP address (the review queue is an editor's page, and a
    /// test server has none). A failure is logged; the first request counts, as without warming.
    /// </summary>
    private async Task WarmCountsAsync(IServiceProvider services, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var db = services.GetRequiredService<KnowledgeBaseDbContext>();
            var shared = services.GetRequiredService<ChangeStampedCache>();
            var claims = new ClaimListQuery(db, shared);
            await claims.PageAsync(await claims.ParseAsync(new Features.Shared.FacetRequest(QueryCollection.Empty), ct), 1, ct);
            await ClaimFacetIndex.WarmUpdateAsync((await ClaimFacetIndex.SharedAsync(shared, db, ct)).Value, db, ct);
            await ClaimsController.ReviewCountsAsync(shared, db, null, ct);
            await Features.EvidenceMap.EvidenceMapController.SharedMapAsync(shared, db, Features.EvidenceMap.EvidenceMapView.Studies, ct);
            await Features.Home.HomeController.SharedAsync(shared, db, ct);
            // Browsing studies by therapy type (the home page's entry to the evidence): the counts of each type's list.
            var studies = new Features.Studies.StudyListQuery(db, shared);
            foreach (var slug in await db.TherapyTypes.AsNoTracking().Select(t => t.Slug).ToListAsync(ct))
            {
                var query = new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { [Features.Studies.StudyFacet.Therapy] = slug });
                await studies.PageAsync(await studies.ParseAsync(new Features.Shared.FacetRequest(query), ct), 1, ct);
            }
            // A change during start-up leaves older counts that are being recounted: wait for them too.
            await shared.RecountsFinishedAsync(ct);
            LogCountsWarmed(logger, clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogCountsNotWarmed(logger, ex);
        }
    }

    /// <summary>
    /// One claim page and one suggestion page, asked for over the first plain-HTTP address the server listens on (a
    /// wildcard host asked as localhost). Nothing to do without such an address (a test server, HTTPS only) or
    /// without claims; a failure is logged and changes nothing else.
    /// </summary>
    private async Task WarmPagesAsync(KnowledgeBaseDbContext db, CancellationToken ct)
    {
        if (LoopbackAddress(server.Features.Get<IServerAddressesFeature>()?.Addresses) is not { } address) return;
        var claim = await db.Claims.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Quote }).FirstOrDefaultAsync(ct);
        if (claim is null) return;
        var clock = Stopwatch.StartNew();
        try
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            // The list pages' counts are shared already (WarmCountsAsync): asking for them compiles their views and queries.
            foreach (var path in new[] { $"claims/{claim.Id}", "evidence/suggest?text=" + Uri.EscapeDataString(claim.Quote[..Math.Min(claim.Quote.Length, 300)]), "claims", "claims/review", "evidence-map" })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
                if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{path} answered {(int)response.StatusCode}");
            }
            PagesWarmedIn = clock.Elapsed;
            LogPagesWarmed(logger, clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogPagesNotWarmed(logger, address, ex.Message);
        }
    }

    /// <summary>
    /// The whole-library export's queries and code over the library's first records in every format, written nowhere
    /// (<see cref="Features.Export.ExportController.WarmUpAsync"/>), on a context of its own. A failure is logged; the
    /// first download compiles them, as without warming.
    /// </summary>
    private async Task WarmExportAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
            // The writers are synchronous (they run on a worker thread in a download too).
            var written = await Task.Run(() => Features.Export.ExportController.WarmUpAsync(db, ct), ct);
            ExportWarmedIn = clock.Elapsed;
            LogExportWarmed(logger, written, clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogExportNotWarmed(logger, ex);
        }
    }

    /// <summary>How long the export's warm-up took; null when it was not done (warming off, a failure).</summary>
    public TimeSpan? ExportWarmedIn { get; private set; }

    /// <summary>The first <c>http://</c> address, with a wildcard host (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) replaced by localhost.</summary>
    internal static Uri? LoopbackAddress(IEnumerable<string>? addresses)
    {
        var first = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (first is null) return null;
        var hostStart = "http://".Length;
        var portStart = first.LastIndexOf(':');
        if (portStart < hostStart) return null;
        var host = first[hostStart..portStart];
        if (host is "*" or "+" or "0.0.0.0" or "[::]") host = "localhost";
        return Uri.TryCreate($"http://{host}{first[portStart..].TrimEnd('/')}/", UriKind.Absolute, out var uri) ? uri : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counts of the claims list, review queue, evidence map, home page and studies by therapy type ready in {Milliseconds:F0} ms")]
    private static partial void LogCountsWarmed(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the list pages at start-up failed; their first request counts")]
    private static partial void LogCountsNotWarmed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claim, suggestion and list pages warmed in {Milliseconds:F0} ms")]
    private static partial void LogPagesWarmed(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Library export warmed ({References} references written nowhere, all formats) in {Milliseconds:F0} ms")]
    private static partial void LogExportWarmed(ILogger logger, int references, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming the library export at start-up failed; the first download compiles it")]
    private static partial void LogExportNotWarmed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warming the claim page at {Address} failed ({Problem}); the first reader compiles it")]
    private static partial void LogPagesNotWarmed(ILogger logger, Uri address, string problem);

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
