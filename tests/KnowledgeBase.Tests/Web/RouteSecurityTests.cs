using System.Net;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// Sweeps every route of the app: whatever a future page adds, a state-changing endpoint must
/// refuse anonymous requests and requests without an antiforgery token.
/// </summary>
[Collection(SharedSeededApp.Name)]
public sealed class RouteSecurityTests(KnowledgeBaseAppFactory factory)
{
    private static readonly string[] SafeMethods = ["GET", "HEAD", "OPTIONS"];

    private IEnumerable<RouteEndpoint> Endpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static string UrlOf(RouteEndpoint endpoint) =>
        "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment =>
            string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "1",
                _ => "",
            }))));

    private List<(string Method, string Url, bool AllowsAnonymous)> UnsafeEndpoints()
    {
        var result = new List<(string, string, bool)>();
        foreach (var endpoint in Endpoints().Where(e => e.Metadata.GetMetadata<RendersOnlyAttribute>() is null))
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["POST", "PUT", "DELETE", "PATCH"];
            var url = UrlOf(endpoint);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            result.AddRange(methods.Where(m => !SafeMethods.Contains(m)).Select(m => (m, url, anonymous)));
        }
        return result;
    }

    [Fact]
    public void The_sweep_finds_the_apps_state_changing_endpoints()
    {
        var endpoints = UnsafeEndpoints();
        endpoints.Should().Contain(e => e.Url == "/account/login" && e.AllowsAnonymous);
        endpoints.Should().Contain(e => e.Url == "/account/logout" && !e.AllowsAnonymous);
    }

    [Fact]
    public void Only_the_error_pages_are_exempt_as_render_only()
    {
        Endpoints().Where(e => e.Metadata.GetMetadata<RendersOnlyAttribute>() is not null)
            .Select(UrlOf)
            .Should().OnlyContain(url => url.StartsWith("/error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_state_changing_endpoint_refuses_an_anonymous_request()
    {
        using var client = factory.CreateBrowser();
        var tokenPage = await client.GetPageAsync("/account/login");
        var token = tokenPage.AntiforgeryToken();

        foreach (var (method, url, anonymous) in UnsafeEndpoints().Where(e => !e.AllowsAnonymous))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
            };
            using var response = await client.SendAsync(request);
            var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal));
            refused.Should().BeTrue($"{method} {url} must require an editor, but an anonymous request got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_state_changing_endpoint_refuses_a_request_without_antiforgery_token()
    {
        await factory.CreateAccountAsync("sweeper@example.org", AccountRole.Admin);
        using var client = factory.CreateBrowser();
        await client.SignInAsync("sweeper@example.org");

        // Logout last: it would end the session the other requests rely on.
        foreach (var (method, url, _) in UnsafeEndpoints().OrderBy(e => e.Url == "/account/logout"))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "sweeper@example.org", ["Password"] = WebTestExtensions.Password }),
            };
            using var response = await client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{method} {url} without a token must be refused");
        }
    }
}
