using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests.Support;

/// <summary>
/// One test's browser context and page. Every page a journey arrives at is checked with axe-core and
/// photographed; script errors, console errors and dialogs are recorded so a journey can assert there were none.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly string _screenshots;
    private int _shots;

    internal BrowserSession(IBrowserContext context, IPage page, ITestOutputHelper output, string screenshots)
    {
        _context = context;
        _output = output;
        _screenshots = screenshots;
        Page = page;
        Directory.CreateDirectory(screenshots);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") ConsoleErrors.Add($"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => ScriptErrors.Add(error);
        page.Dialog += async (_, dialog) =>
        {
            Dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
    }

    public IPage Page { get; }

    /// <summary>Console messages of type error (includes resources that failed to load and CSP refusals).</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Uncaught exceptions thrown by scripts on the page.</summary>
    public List<string> ScriptErrors { get; } = [];

    /// <summary>alert/confirm/prompt dialogs that were opened (and dismissed).</summary>
    public List<string> Dialogs { get; } = [];

    /// <summary>
    /// The journey has arrived at a page: wait for it to load, check it with axe-core (no serious or critical
    /// violations) and save a screenshot named after the step.
    /// </summary>
    public async Task ArriveAsync(string step)
    {
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await Accessibility.AssertNoSeriousViolationsAsync(Page, step);
        await ScreenshotAsync(step);
    }

    /// <summary>Saves what the user sees now (1280×800) as &lt;journey&gt;/NN-step.png.</summary>
    public async Task ScreenshotAsync(string step)
    {
        _shots++;
        var path = Path.Combine(_screenshots, string.Create(CultureInfo.InvariantCulture, $"{_shots:00}-{step}.png"));
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        _output.WriteLine($"screenshot: {path}");
    }

    public async Task GotoAsync(string path, string step)
    {
        await Page.GotoAsync(path);
        await ArriveAsync(step);
    }

    /// <summary>Signs in through the login form, as a person would (starting from the header's "Sign in" link).</summary>
    public async Task SignInAsync(string email, string password = BrowserFixture.Password)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await ArriveAsync("sign-in");
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(Page.GetByText(email, new() { Exact = true })).ToBeVisibleAsync();
    }

    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
