using System.Text.Json;
using KnowledgeBase.Tests;
using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests.Support;

/// <summary>
/// Runs axe-core (installed from npm into this project's node_modules, see package.json) inside the page.
/// The script is evaluated through the DevTools protocol, so the app's strict Content-Security-Policy stays on.
/// </summary>
public static class Accessibility
{
    public static string AxePath { get; } = Path.Combine(TestPaths.RepoRoot, "tests", "KnowledgeBase.BrowserTests", "node_modules", "axe-core", "axe.min.js");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(AxePath));

    public static void EnsureAxeInstalled()
    {
        if (!File.Exists(AxePath))
        {
            throw new InvalidOperationException(
                $"axe-core is missing ({AxePath}). Building the test project installs it (`npm ci --prefix tests/KnowledgeBase.BrowserTests`, Node.js 20.19 or later).");
        }
    }

    private const string RunAxe = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return JSON.stringify({ rulesPassed: result.passes.length, violations: result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' ')) })) });
        }
        """;

    /// <summary>Fails with every serious or critical violation on the page (rule, help text, the first offending elements).</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string step)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }
        var json = await page.EvaluateAsync<string>(RunAxe);
        var report = JsonSerializer.Deserialize<Report>(json, Json)!;
        report.RulesPassed.Should().BePositive("axe-core should have run its rules on {0}", step);
        var violations = report.Violations;
        violations.Should().BeEmpty(
            "axe-core should find no serious or critical accessibility problem on {0} ({1}); found:\n{2}",
            step,
            page.Url,
            string.Join("\n", violations.Select(v => $"- [{v.Impact}] {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes))));
    }

    private sealed record Report(int RulesPassed, IReadOnlyList<Violation> Violations);

    private sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Nodes);
}
