using KnowledgeBase.Search;
using Microsoft.AspNetCore.Mvc;

namespace KnowledgeBase.Web.Features.Search;

[Route("search")]
public sealed class SearchController(ISearchEngine engine) : Controller
{
    /// <summary>
    /// Full-text search (<c>?q=stem cells&amp;kind=claims&amp;page=2</c>). A query that is one identifier
    /// matching exactly one record opens that record.
    /// </summary>
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] string? q, [FromQuery] string? kind, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var parsed = SearchQueryParser.Parse(q);
        var selectedKind = SearchKinds.Parse(kind);
        var request = new SearchRequest(parsed, selectedKind, Math.Max(1, page));
        var results = await engine.SearchAsync(request, cancellationToken);

        if (parsed.IsSingleIdentifier && selectedKind is null && results.IdentifierMatches.Count == 1)
            return Redirect(SearchKinds.RecordHref(results.IdentifierMatches[0]));

        ViewData["Title"] = parsed.IsEmpty ? "Search" : "Search: " + parsed.Text;
        return View(new SearchViewModel(
            parsed.Text,
            selectedKind,
            UnknownKind: selectedKind is null && !string.IsNullOrWhiteSpace(kind) ? kind : null,
            parsed,
            results));
    }
}
