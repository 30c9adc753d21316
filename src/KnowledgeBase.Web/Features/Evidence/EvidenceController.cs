using KnowledgeBase.Interchange.Writing;
using KnowledgeBase.Linking;
using KnowledgeBase.Web.Features.Claims;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace KnowledgeBase.Web.Features.Evidence;

/// <summary>
/// <c>GET /evidence/suggest?text=...</c>: anyone checks a sentence against the library and gets the ranked
/// studies and trials with their reasons, through the same ranking as the claim pages. <c>&amp;format=json</c>
/// (or <c>Accept: application/json</c>) answers a JSON array best first, in the shape of the claims export.
/// </summary>
[Route("evidence")]
public sealed class EvidenceController(EvidenceLookup evidence) : Controller
{
    /// <summary>A sentence or two; a whole article belongs in the import, where each claim is found and kept.</summary>
    public const int MaxTextLength = 1000;

    /// <summary>How many suggestions are asked for, best first.</summary>
    public const int Depth = 25;

    [HttpGet("suggest")]
    [EnableRateLimiting(Policies.SuggestRateLimit)]
    public async Task<IActionResult> Suggest([FromQuery] string? text, [FromQuery] string? format, CancellationToken cancellationToken)
    {
        var json = WantsJson(format);
        // Model binding turns "?text=" into null: an empty box submitted is told apart from a first visit by the key.
        var (sentence, problem) = SentenceCheck.Read(text, asked: text is not null || Request.Query.ContainsKey("text"));
        var check = new SentenceCheck(evidence);
        if (json)
        {
            if (problem is not null || sentence is null)
                return BadRequest(new { error = problem ?? "Add the sentence to check as the text parameter: /evidence/suggest?text=...&format=json" });
            using var buffer = new MemoryStream();
            ClaimsJsonWriter.WriteSuggestions(await check.RankAsync(sentence, cancellationToken), buffer);
            return File(buffer.ToArray(), "application/json; charset=utf-8");
        }

        ViewData["Title"] = sentence is { Length: > 0 } && problem is null ? "Check a sentence: " + Shared.Display.Truncate(sentence, 60) : "Check a sentence";
        if (problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new SuggestPageViewModel(text, problem, []));
        }
        if (sentence is null) return View(new SuggestPageViewModel(null, null, []));
        return View(new SuggestPageViewModel(sentence, null, await check.RowsAsync(sentence, cancellationToken)));
    }

    private bool WantsJson(string? format)
    {
        if (format is not null) return string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        var accept = Request.GetTypedHeaders().Accept;
        // A browser asks for text/html first; a client that names JSON and not HTML gets JSON.
        return accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }
}

public sealed record SuggestPageViewModel(string? Text, string? Problem, IReadOnlyList<SuggestedEvidenceRow> Suggestions);

public sealed record SuggestedEvidenceRow(EvidenceOption Option, double Score, IReadOnlyList<string> Reasons, bool Weak);
