using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Claims;
using KnowledgeBase.Web.Features.Sources;
using KnowledgeBase.Web.Features.Studies;
using KnowledgeBase.Web.Features.Trials;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Tests.Reliability;

/// <summary>
/// Hostile input through every way in: XSS payloads through the editors' text fields and the
/// importers, rendered by the real pages and checked for executable markup; SQL-injection and
/// query-syntax probes through every query parameter of every page (found from the action
/// descriptors, so a new filter is covered without touching this test); who may reach what.
/// </summary>
public sealed class SecuritySweepTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    internal static readonly string[] XssPayloads =
    [
        "<script>alert('xss-1')</script>",
        "<img src=x onerror=alert('xss-2')>",
        "<svg onload=alert('xss-3')><circle r=1 /></svg>",
        "<a href=\"javascript:alert('xss-4')\">click</a>",
        "\"><script>alert('xss-5')</script><input value=\"",
        "' onmouseover='alert(6)' x='",
        "[click me](javascript:alert('xss-7'))",
        "![pic](javascript:alert('xss-8'))",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==)",
        "<iframe src=\"javascript:alert('xss-10')\"></iframe><object data=x></object><embed src=x>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-11')>",
        "[x](  JaVaScRiPt:alert('xss-12'))",
        "<form action=javascript:alert(13)><button formaction=javascript:alert(14)>go</button></form>",
    ];

    private static readonly string[] SqlProbes =
    [
        "' OR '1'='1", "1; DROP TABLE Claims; --", "\"); DELETE FROM Sources; --", "%' UNION SELECT sqlite_version() --",
        "\0", "*", "NEAR(", "\"unterminated", "AND OR NOT", "-1", "99999999999999999999", "a:b", "{col}:x", new string('z', 5000),
    ];

    /// <summary>What must never appear in a page: script the site did not write, handlers, script URLs, embedded documents.</summary>
    internal static IEnumerable<string> ExecutableMarkup(IHtmlDocument page)
    {
        foreach (var script in page.QuerySelectorAll("script"))
        {
            var src = script.GetAttribute("src");
            if (src is null || !src.StartsWith("/js/", StringComparison.Ordinal)) yield return $"script element: {Outer(script)}";
        }
        foreach (var element in page.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) yield return $"event handler: {Outer(element)}";
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href" or "data")
                {
                    var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                    if (value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase))
                        yield return $"script URL: {Outer(element)}";
                }
            }
            if (element.LocalName is "svg" or "iframe" or "object" or "embed" or "math" or "base" or "frame" or "frameset" or "applet")
                yield return $"{element.LocalName} element: {Outer(element)}";
        }
    }

    private static string Outer(IElement element) => element.OuterHtml.Length <= 200 ? element.OuterHtml : element.OuterHtml[..200] + "…";

    [Fact]
    public async Task Xss_payloads_typed_into_every_text_field_or_imported_render_as_text_on_every_page()
    {
        await factory.CreateAccountAsync("xss-admin@example.org", AccountRole.Admin);
        using var admin = factory.CreateBrowser();
        await admin.SignInAsync("xss-admin@example.org");
        var payload = string.Join("\n\n", XssPayloads);

        // Editors' text fields: an evidence note (Markdown), a tag on a claim, a category's name and description, an account's name.
        var claimId = await factory.QueryAsync(db => db.Claims.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var claimPage = await admin.GetPageAsync($"/claims/{claimId}");
        using (var saved = await admin.PostFormAsync($"/claims/{claimId}/links", claimPage, new Dictionary<string, string>
        {
            ["Target"] = "", ["Relation"] = nameof(EvidenceRelation.NoCitationGiven), ["Note"] = payload,
            ["Version"] = claimPage.FormValue($"/claims/{claimId}/links", "Version"), ["LoadedAt"] = claimPage.FormValue($"/claims/{claimId}/links", "LoadedAt"),
        }))
        {
            saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        foreach (var tag in new[] { "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "\" onfocus=\"alert(3)" })
        {
            claimPage = await admin.GetPageAsync($"/claims/{claimId}");
            using var tagged = await admin.PostFormAsync($"/claims/{claimId}/tags", claimPage, new Dictionary<string, string> { ["Name"] = tag });
            ((int)tagged.StatusCode).Should().BeLessThan(500);
        }
        var tagsPage = await admin.GetPageAsync("/admin/tags");
        using (await admin.PostFormAsync("/admin/tags", tagsPage, new Dictionary<string, string> { ["Name"] = "<svg onload=alert(4)>", ["Description"] = XssPayloads[3] })) { }
        var accountsPage = await admin.GetPageAsync("/admin/accounts");
        using (await admin.PostFormAsync("/admin/accounts", accountsPage, new Dictionary<string, string>
        {
            ["Email"] = "named@example.org", ["DisplayName"] = "<script>alert(5)</script>", ["Role"] = "Editor", ["Password"] = WebTestExtensions.Password,
        })) { }

        // Importers: an article and RIS, BibTeX and CSL-JSON records carrying the payloads.
        var article = $"Miracle cure <script>alert('title')</script>\nMiracle cure <script>alert('title')</script>\n\n" +
            string.Join("\n\n", XssPayloads.Select(p => $"Patients improved by 90% {p} in our clinic."));
        var ris = $"TY  - JOUR\nTI  - {XssPayloads[0]} study\nAU  - Onerror, <img src=x onerror=alert(1)>\nT2  - {XssPayloads[2]}\nUR  - javascript:alert('ris')\nDO  - 10.9999/xss.1\nPY  - 2020\nER  - \n";
        var bib = $"@article{{xss2,\n  title = {{{XssPayloads[1]} trial}},\n  author = {{Script, Alert}},\n  journal = {{{XssPayloads[4]}}},\n  url = {{javascript:alert('bib')}},\n  doi = {{10.9999/xss.2}},\n  year = {{2021}}\n}}\n";
        var csl = "[{\"id\":\"xss3\",\"type\":\"article-journal\",\"title\":\"<svg onload=alert(1)> csl\",\"container-title\":\"<iframe src=javascript:alert(2)>\",\"URL\":\"javascript:alert(3)\",\"DOI\":\"10.9999/xss.3\",\"author\":[{\"family\":\"<b onclick=alert(4)>X</b>\",\"given\":\"Y\"}],\"issued\":{\"date-parts\":[[2022]]}}]";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<Importer>();
            foreach (var (name, content) in new[] { ("xss-article.txt", article), ("xss.ris", ris), ("xss.bib", bib), ("xss.csl.json", csl) })
            {
                var result = await importer.ImportContentAsync(name, System.Text.Encoding.UTF8.GetBytes(content));
                result.Error.Should().BeNull(name);
            }
        }

        var sourceId = await factory.QueryAsync(db => db.Sources.Where(s => s.FileName == "xss-article.txt").Select(s => s.Id).SingleAsync());
        var studyIds = await factory.QueryAsync(db => db.Studies.Where(s => s.Doi != null && s.Doi.StartsWith("10.9999/xss")).Select(s => s.Id).ToListAsync());
        studyIds.Should().HaveCount(3);
        var tagIds = await factory.QueryAsync(db => db.Tags.Select(t => t.Id).ToListAsync());
        var accountIds = await factory.QueryAsync(db => db.Accounts.Select(a => a.Id).ToListAsync());
        var xssClaims = await factory.QueryAsync(db => db.Claims.Where(c => c.SourceId == sourceId).Select(c => c.Id).ToListAsync());

        var pages = new List<string> { "/", "/sources", $"/sources/{sourceId}", $"/sources/{sourceId}/original", "/claims", "/claims/review", $"/claims/{claimId}",
            "/studies", "/trials", "/admin/history", "/admin/tags", "/admin/accounts", $"/export/references?format=vancouver-html&source={sourceId}",
            "/export/references?format=ama-html", $"/claims?tag={Uri.EscapeDataString("<script>alert(1)</script>")}",
            $"/evidence/suggest?text={Uri.EscapeDataString("<script>alert(1)</script> <img src=x onerror=alert(2)> xss")}" };
        pages.AddRange(studyIds.Select(id => $"/studies/{id}"));
        pages.AddRange(tagIds.Select(id => $"/admin/tags/{id}"));
        pages.AddRange(accountIds.Select(id => $"/admin/accounts/{id}"));
        pages.AddRange(xssClaims.Take(20).Select(id => $"/claims/{id}"));

        var problems = new List<string>();
        foreach (var url in pages)
        {
            using var response = await admin.GetAsync(new Uri(url, UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK, url);
            var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            problems.AddRange(ExecutableMarkup(page).Select(p => $"{url}: {p}"));
        }
        problems.Should().BeEmpty();

        // The payloads are there, as text: the note and the article show them to the reader.
        var note = await admin.GetPageAsync($"/claims/{claimId}");
        note.Body!.TextContent.Should().Contain("alert('xss-1')");
        var source = await admin.GetPageAsync($"/sources/{sourceId}");
        source.Body!.TextContent.Should().Contain("<script>alert('xss-1')</script>");
    }

    [Fact]
    public async Task Every_query_parameter_of_every_page_survives_sql_and_query_syntax_probes_without_error_or_change()
    {
        await factory.CreateAccountAsync("probe-admin@example.org", AccountRole.Admin);
        using var admin = factory.CreateBrowser();
        await admin.SignInAsync("probe-admin@example.org");
        var before = await factory.QueryAsync(db => TableChecksums.ComputeAsync(db));

        var routes = GetRoutesWithQueryParameters();
        routes.Select(r => r.Url).Should().Contain("/claims").And.Contain("/export/references");
        routes.SelectMany(r => r.Parameters).Should().Contain(["status", "format", "page"]);

        var failures = new List<string>();
        var requests = 0;
        foreach (var (url, parameters) in routes)
        {
            foreach (var parameter in parameters)
            {
                foreach (var probe in SqlProbes)
                {
                    var address = $"{url}?{Uri.EscapeDataString(parameter)}={Uri.EscapeDataString(probe)}";
                    using var response = await admin.GetAsync(new Uri(address, UriKind.Relative));
                    requests++;
                    if ((int)response.StatusCode >= 500) failures.Add($"{address[..Math.Min(120, address.Length)]}: {(int)response.StatusCode}");
                }
            }
        }

        failures.Should().BeEmpty();
        requests.Should().BeGreaterThan(100);
        (await factory.QueryAsync(db => TableChecksums.ComputeAsync(db))).Should().Equal(before, "a GET never changes a table, whatever its parameters");
    }

    /// <summary>Every GET page with the names of its query parameters (simple ones and the properties of [FromQuery] models); route values get an existing id.</summary>
    private List<(string Url, List<string> Parameters)> GetRoutesWithQueryParameters()
    {
        var result = new List<(string, List<string>)>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var action = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>();
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (action is null || methods is null || !methods.Contains("GET") || action.ControllerName == "Errors") continue;
            var names = new List<string>();
            foreach (var parameter in action.Parameters)
            {
                var source = parameter.BindingInfo?.BindingSource;
                if (source == BindingSource.Path || source == BindingSource.Services || source == BindingSource.Form || parameter.ParameterType == typeof(CancellationToken)) continue;
                if (endpoint.RoutePattern.GetParameter(parameter.Name) is not null) continue;
                var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) || type.IsArray || type.IsGenericType)
                    names.Add(parameter.BindingInfo?.BinderModelName ?? parameter.Name);
                else
                    names.AddRange(type.GetProperties().Where(p => p.CanWrite).Select(p => p.Name));
            }
            var url = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "1",
                _ => "",
            }))));
            if (ReadThroughFacetRequest.TryGetValue(url, out var read)) names.AddRange(read);
            if (names.Count > 0) result.Add((url, names.Select(n => n.ToLowerInvariant()).Distinct().ToList()));
        }
        return result;
    }

    private static readonly string[] StudyKeys =
        [StudyFacet.Therapy, StudyFacet.Kind, StudyFacet.Level, StudyFacet.Phase, StudyFacet.Cells, StudyFacet.Route, StudyFacet.From, StudyFacet.To, StudyFacet.Claims, StudyFacet.Sort, StudyFacet.Size];

    private static readonly string[] TrialKeys =
        [TrialFacet.Therapy, TrialFacet.Phase, TrialFacet.Design, TrialFacet.Status, TrialFacet.Cells, TrialFacet.Route, TrialFacet.Claims, TrialFacet.Sort, TrialFacet.Size];

    private static readonly string[] ClaimKeys =
        [ClaimListQuery.SourceKey, ClaimListQuery.StatusKey, ClaimListQuery.AssessmentKey, ClaimListQuery.TherapyKey, ClaimListQuery.OrphanedKey,
         ClaimListQuery.FlagsKey, ClaimListQuery.TagKey, ClaimListQuery.SortKey, SourceClassificationFacets.KindKey, SourceClassificationFacets.ConditionKey];

    /// <summary>Pages that read their filters from the query string through FacetRequest, not as action parameters.</summary>
    private static readonly Dictionary<string, string[]> ReadThroughFacetRequest = new(StringComparer.Ordinal)
    {
        ["/studies"] = StudyKeys,
        ["/trials"] = TrialKeys,
        ["/claims"] = ClaimKeys,
        ["/claims/export.json"] = ClaimKeys,
        ["/export/references"] = [.. StudyKeys, .. TrialKeys],
    };

    [Fact]
    public async Task An_editor_cannot_reach_the_admin_pages_or_another_accounts_page()
    {
        await factory.CreateAccountAsync("plain-editor@example.org", AccountRole.Editor);
        var other = await factory.CreateAccountAsync("other-editor@example.org", AccountRole.Editor);
        var tagId = await factory.QueryAsync(db => db.Tags.Select(t => t.Id).FirstAsync());
        using var editor = factory.CreateBrowser();
        await editor.SignInAsync("plain-editor@example.org");

        foreach (var url in new[] { "/admin/accounts", $"/admin/accounts/{other.Id}", "/admin/tags", $"/admin/tags/{tagId}", "/admin/history" })
        {
            using var response = await editor.GetAsync(new Uri(url, UriKind.Relative));
            var refused = response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal));
            refused.Should().BeTrue($"an editor must not see {url} (got {(int)response.StatusCode})");
        }

        var token = (await editor.GetPageAsync("/claims")).AntiforgeryToken();
        foreach (var url in new[] { $"/admin/accounts/{other.Id}/disable", $"/admin/accounts/{other.Id}/role", $"/admin/accounts/{other.Id}/password" })
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Role"] = "Admin", ["Password"] = "another long password" });
            using var response = await editor.PostAsync(new Uri(url, UriKind.Relative), content);
            ((int)response.StatusCode).Should().BeOneOf(302, 403);
        }
        var after = await factory.QueryAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == other.Id));
        after.IsDisabled.Should().BeFalse();
        after.Role.Should().Be(AccountRole.Editor);
        after.PasswordHash.Should().Be(other.PasswordHash);
    }

    [Fact]
    public async Task A_disabled_account_and_an_anonymous_reader_get_no_edit_forms_and_cannot_edit()
    {
        var account = await factory.CreateAccountAsync("soon-disabled@example.org", AccountRole.Editor);
        var claimId = await factory.QueryAsync(db => db.Claims.OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        using var editor = factory.CreateBrowser();
        await editor.SignInAsync("soon-disabled@example.org");
        var page = await editor.GetPageAsync($"/claims/{claimId}");
        page.QuerySelector($"form[action='/claims/{claimId}/status']").Should().NotBeNull("an editor gets the forms");

        await factory.QueryAsync(async db =>
        {
            var stored = await db.Accounts.SingleAsync(a => a.Id == account.Id);
            stored.IsDisabled = true;
            return await db.SaveChangesAsync();
        });
        var version = await factory.QueryAsync(db => db.Claims.Where(c => c.Id == claimId).Select(c => c.Version).SingleAsync());
        using var response = await editor.PostFormAsync($"/claims/{claimId}/status", page, new Dictionary<string, string>
        {
            ["Status"] = nameof(ClaimStatus.Rejected), ["Version"] = page.FormValue($"/claims/{claimId}/status", "Version"), ["LoadedAt"] = "0",
        });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/account/login");
        (await factory.QueryAsync(db => db.Claims.Where(c => c.Id == claimId).Select(c => c.Version).SingleAsync())).Should().Be(version);

        using var reader = factory.CreateBrowser();
        var anonymous = await reader.GetPageAsync($"/claims/{claimId}");
        anonymous.QuerySelectorAll("form[method=post]").Select(f => f.GetAttribute("action")).Where(a => a != "/account/logout" && a != "/account/login").Should().BeEmpty();
    }

    [Fact]
    public void The_repository_holds_no_secrets()
    {
        var files = Git("ls-files").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        files.Should().Contain("KnowledgeBase.sln");
        var patterns = new Dictionary<string, Regex>
        {
            // Examples in the docs use the placeholder "change-me"; scripts take passwords from variables ($VAR).
            ["connection string with a password"] = new(@"(?i)(server|host|data source)\s*=[^""\n]*;\s*(password|pwd)\s*=\s*(?!change-me\b)(?!\$)[^;""\s]+"),
            ["private key"] = new(@"-----BEGIN (RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
            ["cloud access key"] = new(@"\bAKIA[0-9A-Z]{16}\b"),
            ["access token"] = new(@"\b(ghp|gho|github_pat|glpat|xox[bp])[-_][A-Za-z0-9_]{20,}"),
            ["API key assignment"] = new(@"(?i)\b(api[_-]?key|secret[_-]?key|client[_-]?secret)\b\s*[:=]\s*[""'][A-Za-z0-9+/_\-]{16,}[""']"),
        };
        var found = new List<string>();
        foreach (var file in files.Where(f => !f.EndsWith(".png", StringComparison.Ordinal) && !f.EndsWith(".jpg", StringComparison.Ordinal)))
        {
            var path = Path.Combine(TestPaths.RepoRoot, file);
            if (!File.Exists(path) || new FileInfo(path).Length > 5_000_000) continue;
            var text = File.ReadAllText(path);
            found.AddRange(patterns.Where(p => p.Value.IsMatch(text)).Select(p => $"{file}: {p.Key}"));
        }
        found.Should().BeEmpty();
        files.Should().NotContain(f => f.EndsWith(".pfx", StringComparison.Ordinal) || f.EndsWith(".pem", StringComparison.Ordinal) || f.EndsWith(".key", StringComparison.Ordinal) || Path.GetFileName(f) == "secrets.json");
    }

    /// <summary>The categories appsettings.json logs at a higher level than the default.</summary>
    private static readonly string[] QuietedLogCategories = ["Microsoft", "Microsoft.Hosting.Lifetime", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager"];

    [Fact]
    public async Task The_add_user_password_is_never_logged_or_printed()
    {
        const string password = "Unmistakable-Secret-Passphrase-4711";
        var captured = new CapturingLoggerProvider();
        // Everything at every level: Serilog decides what reaches the providers, so its levels are opened up too.
        using var app = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
            foreach (var category in QuietedLogCategories)
                b.UseSetting($"Serilog:MinimumLevel:Override:{category}", "Verbose");
            b.ConfigureLogging(l => l.AddProvider(captured).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace));
        });
        _ = app.Server;
        var output = new StringWriter();
        var code = await new AddUserCommand("first-admin@example.org", "admin", "First", new StringReader(password + "\n")).RunAsync(app.Services, output);

        code.Should().Be(0, output.ToString());
        output.ToString().Should().Contain("first-admin@example.org").And.NotContain(password);
        captured.Messages.Should().NotBeEmpty("the app's log is captured");
        captured.Messages.Should().NotContain(m => m.Contains(password, StringComparison.Ordinal));
        (await factory.QueryAsync(db => db.Accounts.AnyAsync(a => a.PasswordHash.Contains(password)))).Should().BeFalse();
    }

    private sealed class CapturingLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + exception);
        }
    }

    private static string Git(string arguments)
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = TestPaths.RepoRoot, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }
}
