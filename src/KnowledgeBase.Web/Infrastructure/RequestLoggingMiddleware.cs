using System.Diagnostics;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>One log line per request: method, path, status, duration (Serilog.AspNetCore's request logging is not available here).</summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogRequest(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, elapsed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, PathString path, int statusCode, double elapsed);
}
