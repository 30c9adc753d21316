using System.Net;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;

namespace KnowledgeBase.Tests.Web;

/// <summary>Input a client controls gets a 4xx with a true message, or is handled, never a 500.</summary>
[Collection(SharedSeededApp.Name)]
public sealed class ClientInputErrorTests(KnowledgeBaseAppFactory factory)
{
    [Fact]
    public async Task An_empty_selection_of_references_is_a_400_that_says_so()
    {
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync(new Uri("/export/references?ids=&format=ris", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("selection is empty");
    }

    [Theory]
    [InlineData("/claims?tag=é", "/claims?tag=%C3%A9")]
    [InlineData("/。evil.example", "/%E3%80%82evil.example")]
    public async Task A_non_ascii_return_address_signs_in_and_returns_there_encoded(string returnUrl, string expected)
    {
        var email = $"return-{Guid.NewGuid():N}@example.org";
        await factory.CreateAccountAsync(email, AccountRole.Editor);
        using var client = factory.CreateBrowser();
        var login = await client.GetPageAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        using var response = await client.PostFormAsync("/account/login", login, new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = WebTestExtensions.Password,
            ["ReturnUrl"] = returnUrl,
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(expected);
        (await client.GetPageAsync("/")).QuerySelector(".site-account__who")!.TextContent.Should().Be(email, "the sign-in is kept");
    }
}
