namespace KnowledgeBase.Web.Features.Shared;

/// <summary>Which page of a list to show: the requested page clamped to the pages that exist (at least one).</summary>
public readonly record struct PageWindow(int Page, int PageCount, int PageSize)
{
    public int Skip => (Page - 1) * PageSize;

    public static PageWindow Of(int total, int requestedPage, int pageSize)
    {
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        return new PageWindow(Math.Clamp(requestedPage, 1, pageCount), pageCount, pageSize);
    }
}

public static class PageWindowQueries
{
    /// <summary>The rows of one page of an ordered query.</summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> ordered, PageWindow window) => ordered.Skip(window.Skip).Take(window.PageSize);
}
