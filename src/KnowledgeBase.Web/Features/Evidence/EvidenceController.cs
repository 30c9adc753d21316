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
        // No stored text holds a NUL (PostgreSQL text cannot), and it would end the pasted sentence anyway.
        // Model binding turns "?text=" into null: an empty box submitted is told apart from a first visit by the key.
        var asked = text is not null || Request.Query.ContainsKey("text");
        var sentence = asked ? (text ?? "").Replace("\0", "", StringComparison.Ordinal).Trim() : null;
        string? problem = null;
        if (asked && string.IsNullOrWhiteSpace(sentence))
            problem = "Paste a sentence to check: the text was empty.";
        else if (sentence is { Length: > MaxTextLength })
            problem = $"The text is {sentence.Length:N0} characters long; paste one claim of at most {MaxTextLength:N0} characters (a sentence or two).";

        if (json)
        {
            if (problem is not null || sentence is null)
                return BadRequest(new { error = problem ?? "Add the sentence to check as the text parameter: /evidence/suggest?text=...&format=json" });
            var found = await evidence.SuggestAsync(ClaimContext.Of(sentence), Depth, cancellationToken);
            using var buffer = new MemoryStream();
            ClaimsJsonWriter.WriteSuggestions(found, buffer);
            return File(buffer.ToArray(), "application/json; charset=utf-8");
        }

        ViewData["Title"] = sentence is { Length: > 0 } && problem is null ? "Check a sentence: " + Shared.Display.Truncate(sentence, 60) : "Check a sentence";
        if (problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new SuggestPageViewModel(text, problem, []));
        }
        if (sentence is null) return View(new SuggestPageViewModel(null, null, []));

        var suggestions = await evidence.SuggestAsync(ClaimContext.Of(sentence), Depth, cancellationToken);
        var best = suggestions.Count > 0 ? suggestions[0].Score : 0;
        var rows = suggestions.Select(s => new SuggestedEvidenceRow(
            EvidenceLookup.OptionFor(s.Candidate),
            s.Score,
            [.. s.Reasons.Select(r => SuggestionDisplay.Reason(r.Text))],
            SuggestionDisplay.IsWeak(s, best))).ToList();
        return View(new SuggestPageViewModel(sentence, null, rows));
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
