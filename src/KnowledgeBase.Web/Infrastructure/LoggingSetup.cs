using Serilog;

namespace KnowledgeBase.Web.Infrastructure;

internal static class LoggingSetup
{
    /// <summary>Serilog from the "Serilog" section (console + rolling file), replacing the default providers.</summary>
    public static WebApplicationBuilder AddKnowledgeBaseLogging(this WebApplicationBuilder builder)
    {
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
        builder.Logging.ClearProviders().AddSerilog(logger, dispose: true);

        return builder;
    }
}
