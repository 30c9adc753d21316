using KnowledgeBase.Web.Features.Shared;

namespace KnowledgeBase.Tests.Web;

public sealed class PageWindowTests
{
    [Theory]
    [InlineData(0, 1, 1, 1)]
    [InlineData(120, 2, 2, 3)]
    [InlineData(120, 99, 3, 3)]
    [InlineData(120, -5, 1, 3)]
    [InlineData(100, 2, 2, 2)]
    public void Clamps_the_requested_page_to_the_pages_that_exist(int total, int requested, int page, int pageCount)
    {
        var window = PageWindow.Of(total, requested, 50);

        window.Page.Should().Be(page);
        window.PageCount.Should().Be(pageCount);
        window.Skip.Should().Be((page - 1) * 50);
    }
}
