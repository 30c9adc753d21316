using Serilog;

namespace KnowledgeBase.Web.Infrastructure;

internal static class LoggingSetup
{
    /// <summary>The request line operators read: method, path (never the query string, which may carry secrets), status, time.</summary>
    public const string RequestMessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";

    /// <summary>
    /// Serilog from the "Serilog" section (console + rolling file behind the async sink) in place of the default providers.
    /// Sinks registered as services and logger providers added later (a test's collectors) get the events too, at
    /// Serilog's levels. The static <c>Log.Logger</c> is left alone: several app instances may share a process (the
    /// tests), and each logs through its own logger.
    /// </summary>
    public static WebApplicationBuilder AddKnowledgeBaseLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true,
            writeToProviders: true);
        return builder;
    }

    /// <summary>One line per request (Serilog.AspNetCore's request logging), through this app's logger.</summary>
    public static WebApplication UseKnowledgeBaseRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = logger;
            o.MessageTemplate = RequestMessageTemplate;
            o.IncludeQueryInRequestPath = false;
            // Levels are Serilog's: Information, or Error for a 5xx status or an exception that escaped.
        });
        return app;
    }
}
