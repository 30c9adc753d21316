using System.Collections.Concurrent;
using System.Net;
using KnowledgeBase.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// One log line per request, as operators read it: method, path, the status the client got and the time taken,
/// and never the query string (a search, a token in a link) nor anything from the request body.
/// </summary>
public sealed class RequestLoggingTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    private const string RequestSource = "Serilog.AspNetCore.RequestLoggingMiddleware";

    private sealed class Collector : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }

    private static async Task<LogEvent> RequestLineAsync(Collector collector, string path)
    {
        // The line is written when the pipeline unwinds, which may be just after the client has the response.
        for (var waited = 0; waited < 100; waited++)
        {
            var line = collector.Events.FirstOrDefault(e => IsRequestLine(e) && Scalar(e, "RequestPath") as string == path);
            if (line is not null) return line;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"No request line for {path}; lines: {string.Join(" | ", collector.Events.Where(IsRequestLine).Select(Rendered))}");
    }

    /// <summary>The message as the console and file sinks write it (<c>{Message:lj}</c>: strings unquoted).</summary>
    private static string Rendered(LogEvent e)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        new MessageTemplateTextFormatter("{Message:lj}").Format(e, text);
        return text.ToString();
    }

    private static bool IsRequestLine(LogEvent e) => Scalar(e, "SourceContext") as string == RequestSource;

    private static object? Scalar(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue scalar ? scalar.Value : null;

    [Fact]
    public async Task A_request_is_logged_with_method_path_status_and_time_but_not_its_query_string()
    {
        var collector = new Collector();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(collector)));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using (var found = await client.GetAsync(new Uri("/studies?q=secret-token-7f3a&page=1", UriKind.Relative)))
            found.StatusCode.Should().Be(HttpStatusCode.OK);
        using (var missing = await client.GetAsync(new Uri("/no-such-page?key=secret-token-7f3a", UriKind.Relative)))
            missing.StatusCode.Should().Be(HttpStatusCode.NotFound);

        var ok = await RequestLineAsync(collector, "/studies");
        var text = Rendered(ok);
        text.Should().MatchRegex(@"^HTTP GET /studies responded 200 in \d+\.\d ms$");
        ok.Level.Should().Be(LogEventLevel.Information);
        Scalar(ok, "Elapsed").Should().BeOfType<double>().Which.Should().BePositive();

        var notFound = await RequestLineAsync(collector, "/no-such-page");
        Scalar(notFound, "StatusCode").Should().Be(404, "the line shows the status the client got, after the error page was rendered");

        collector.Events.Select(e => Rendered(e) + string.Join(" ", e.Properties.Values))
            .Should().NotContain(line => line.Contains("secret-token-7f3a", StringComparison.Ordinal), "query strings can carry secrets");
    }
}
