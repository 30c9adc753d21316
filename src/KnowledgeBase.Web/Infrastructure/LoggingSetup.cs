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

        // Request logging: method, path, status and duration of every request, through Serilog.
        builder.Services.AddHttpLogging(o =>
        {
            o.LoggingFields = Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestMethod
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestPath
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.ResponseStatusCode
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        return builder;
    }
}
