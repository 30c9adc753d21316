using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Brotli or gzip for readers' pages and JSON, by the request's Accept-Encoding. Placed inside the page cache, so a
/// cached page is kept compressed, once per change stamp and encoding, and a hit writes the stored bytes without
/// compressing again (decision 0033). Only for requests without a signed-in user: editors' pages carry their forms'
/// tokens beside text they typed, which is what compression-length attacks (BREACH) read; readers' pages carry no
/// secret.
/// </summary>
internal static class CompressionSetup
{
    public static IServiceCollection AddKnowledgeBaseCompression(this IServiceCollection services) =>
        services
            .Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal)
            .Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal)
            .AddResponseCompression(o =>
            {
                // The app is served over HTTPS in production; see the class summary for why that is safe here.
                o.EnableForHttps = true;
                o.Providers.Add<BrotliCompressionProvider>();
                o.Providers.Add<GzipCompressionProvider>();
                o.MimeTypes = ResponseCompressionDefaults.MimeTypes;
            });

    /// <summary>Compresses the responses to readers (no signed-in user); call after authentication and the page cache.</summary>
    public static IApplicationBuilder UseKnowledgeBaseCompression(this IApplicationBuilder app) =>
        app.UseWhen(c => c.User.Identity?.IsAuthenticated != true, reader => reader.UseResponseCompression());
}
