using System.Net;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests.Support;

/// <summary>The real app on a real Kestrel port (127.0.0.1, a free port), on a fresh SQLite file with the seeds imported.</summary>
public sealed class KestrelAppFactory : KnowledgeBaseAppFactory
{
    public KestrelAppFactory() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
}

/// <summary>All journeys share one app and one browser; each test gets a fresh browser context (no shared cookies).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserJourneys : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser journeys";
}

/// <summary>
/// Starts the app and Debian's chromium once for the collection. Playwright never downloads a browser here:
/// a missing /usr/bin/chromium fails every journey with a message saying how to install it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "correct horse battery staple";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelAppFactory App { get; } = new();

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Screenshots of the journeys' key pages (under the test output folder).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}, and it is missing. Install it with `apt-get install chromium` " +
                "(Playwright is not allowed to download a browser of its own).");
        }
        Accessibility.EnsureAxeInstalled();

        // Journeys run on a shared, busy machine: wait generously for what a user would wait for, never sleep.
        Assertions.SetDefaultExpectTimeout(15_000);

        App.StartServer();
        // The journeys run without the start-up warm-up (which compiles the claim facet index's update, decision 0042):
        // on a loaded machine the first update after an editor's change may take longer than the 100 ms a request waits
        // for exact counts, and a journey that tags claims then follows the tag's facet link needs the exact ones.
        App.Services.GetRequiredService<KnowledgeBase.Web.Infrastructure.ChangeStampedCache>().FreshWithin = TimeSpan.FromSeconds(5);
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
        Directory.CreateDirectory(ScreenshotFolder);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (own cookies and storage) with one page, 1280 pixels wide.</summary>
    public async Task<BrowserSession> OpenAsync(ITestOutputHelper output, string journey)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            AcceptDownloads = true,
            Locale = "en-GB",
            // No smooth scrolling: a page jumped to an anchor is where it will stay when it is checked.
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, output, Path.Combine(ScreenshotFolder, journey));
    }

    /// <summary>Creates an editor account through the app's own account service.</summary>
    public async Task<string> CreateEditorAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(email, email, AccountRole.Editor, Password);
        return email;
    }

    /// <summary>Runs a query (or arranges data) on the app's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<KnowledgeBaseDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
