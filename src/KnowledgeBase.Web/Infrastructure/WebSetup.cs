using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;

namespace KnowledgeBase.Web.Infrastructure;

internal static class WebSetup
{
    public static IServiceCollection AddKnowledgeBaseWeb(this IServiceCollection services)
    {
        services
            .AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                SecuritySetup.RequireEditorForUnsafeMethods(o);
                o.Conventions.Add(new RouteValuesFromRouteConvention());
                o.ModelBinderProviders.Insert(0, new StoredTextModelBinderProvider());
            })
            .AddRazorOptions(o =>
            {
                // Feature folders: a screen's controller, view models and views live together.
                o.ViewLocationFormats.Clear();
                o.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
                o.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            });
        services.AddKnowledgeBasePageCache();
        services.AddKnowledgeBaseChangeListener();
        services.AddKnowledgeBaseCompression();
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<Features.Claims.EvidenceLookup>();
        services.AddScoped<Features.Shared.ActorNames>();
        services.AddSingleton<Features.Claims.EvidenceLibraryCache>();
        // A large library's int8 vectors live in a file beside the model (decision 0040).
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<KnowledgeBaseOptions>>().Value;
            var data = Path.GetFullPath(options.DataFolder, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            return new KnowledgeBase.Retrieval.VectorFileOptions(Path.Combine(data, "vectors"), options.VectorsInFileFrom);
        });
        services.AddSingleton<KnowledgeBase.Retrieval.ITextEmbedder>(sp => CreateEmbedder(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<KnowledgeBaseOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
            sp.GetRequiredService<ILogger<KnowledgeBase.Retrieval.ArcticXsEmbedder>>()));
        services.AddSingleton<Features.Claims.ClaimEmbeddings>();
        services.AddHostedService<EmbeddingFillService>();
        services.AddSingleton<EvidenceWarmup>();
        services.AddHostedService(sp => sp.GetRequiredService<EvidenceWarmup>());
        services.AddScoped<Features.Claims.SimilarClaims>();
        services.AddScoped<Features.Claims.ClaimRecordChecks>();
        services.AddScoped<Features.Import.PendingUploads>();
        services.AddOptions<Features.Import.LookupOptions>().BindConfiguration(Features.Import.LookupOptions.Section);
        services.AddSingleton<Features.Import.LookupGate>();
        // The client's own time-out is per attempt (LookupOptions.Timeout), so the HttpClient's is off.
        services.AddHttpClient<Features.Import.RecordLookupClient>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<Features.Sources.SourcePageMaps>();
        // Encode what HTML requires (<, >, &, quotes) but write letters and typographic quotes as they are.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return services;
    }

    /// <summary>The embedding model as configured: int8 (cached under the model folder) or the package's float model.</summary>
    internal static KnowledgeBase.Retrieval.ArcticXsEmbedder CreateEmbedder(KnowledgeBaseOptions options, string contentRoot, ILogger<KnowledgeBase.Retrieval.ArcticXsEmbedder> logger)
    {
        var folder = Path.GetFullPath(options.ModelFolder.Length > 0 ? options.ModelFolder : Path.Combine(options.DataFolder, "models"), contentRoot);
        return new KnowledgeBase.Retrieval.ArcticXsEmbedder(new KnowledgeBase.Retrieval.ArcticXsOptions { Weights = options.EmbeddingWeights, CacheFolder = folder }, logger);
    }

    public static WebApplication UseKnowledgeBaseWeb(this WebApplication app)
    {
        // Outermost, so the line shows the status the client finally got (error pages included).
        app.UseKnowledgeBaseRequestLogging();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache(); // after authentication: signed-in users are never served a cached page
        app.UseKnowledgeBaseCompression(); // inside the page cache: pages are cached compressed, one variant per Accept-Encoding
        app.UseAntiforgery();
        app.MapControllers();
        app.MapKnowledgeBaseHealth();
        return app;
    }

    /// <summary>Prints where the app can be opened once Kestrel is listening.</summary>
    public static void AnnounceUrlsOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
                Console.WriteLine($"KnowledgeBase is running: open {url} in a browser (Ctrl+C stops it).");
        });
    }
}
