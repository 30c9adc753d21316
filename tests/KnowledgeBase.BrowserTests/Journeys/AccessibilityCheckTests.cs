using KnowledgeBase.BrowserTests.Support;

namespace KnowledgeBase.BrowserTests.Journeys;

/// <summary>The accessibility check the journeys rely on really fails when a page has a serious problem.</summary>
[Collection(BrowserJourneys.Name)]
public sealed class AccessibilityCheckTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_check_names_an_unlabelled_input_and_an_image_without_alternative_text()
    {
        await using var s = await browser.OpenAsync(output, "accessibility-check");
        await s.Page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Broken form</title></head>
            <body><main><h1>Broken form</h1><form><input type="text" name="q"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></form></main></body></html>
            """);

        var check = () => Accessibility.AssertNoSeriousViolationsAsync(s.Page, "a broken page");

        var failure = await check.Should().ThrowAsync<Exception>();
        failure.Which.Message.Should().Contain("label").And.Contain("image-alt");
    }
}
