using KnowledgeBase.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// <c>GET /health</c> for a reverse proxy or orchestrator: 200 "Healthy" when the database answers
/// and every migration is applied, otherwise 503 with the reason in one line (no connection
/// string, path or exception details). 200 "Degraded: ..." while the evidence ranking is still being
/// prepared after a start (<see cref="EvidenceWarmup"/>): the app answers, a claim page may wait for it.
/// </summary>
internal static class HealthSetup
{
    public const string Path = "/health";

    public static IServiceCollection AddKnowledgeBaseHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<EvidenceWarmupHealthCheck>("evidence");
        return services;
    }

    public static IEndpointConventionBuilder MapKnowledgeBaseHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteAsync,
        })
        .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]))
        .AllowAnonymous()
        .DisableRateLimiting();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var reasons = report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy).Select(e => e.Description).OfType<string>().ToList();
        var text = reasons.Count == 0 ? report.Status.ToString() : $"{report.Status}: {string.Join("; ", reasons)}";
        return context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }
}

/// <summary>The database answers a query and has no pending migrations.</summary>
internal sealed partial class DatabaseHealthCheck(KnowledgeBaseDbContext db, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy("the database cannot be reached");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            if (pending > 0)
                return HealthCheckResult.Unhealthy($"the database schema is out of date ({pending} migration(s) not applied; restart the app to apply them)");
            // A real query, so a file that opens but is not a knowledge base (or is corrupt) is noticed.
            _ = await db.Sources.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // The details go to the log only: the response must not reveal paths or connection settings.
            LogFailed(logger, ex);
            return HealthCheckResult.Unhealthy("the database cannot be queried");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Health check: the database cannot be queried")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
