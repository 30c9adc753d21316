using KnowledgeBase.Data;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace KnowledgeBase.Web.Features.Errors;

/// <summary>
/// Friendly pages for UseExceptionHandler("/error") and UseStatusCodePagesWithReExecute("/error/{0}").
/// Any method: a failed POST is re-executed as a POST, and must not fail again on its antiforgery token.
/// </summary>
[IgnoreAntiforgeryToken]
[RendersOnly]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorsController : Controller
{
    [Route("error")]
    public IActionResult Index()
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (DatabaseBusy.Is(failure?.Error))
        {
            // Another writer held the database past the busy timeout: nothing was written, and trying again works.
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "5";
            return View("Error", new ErrorViewModel(StatusCodes.Status503ServiceUnavailable, "Busy: not saved",
                "The knowledge base was busy with another long operation, so nothing was saved. Go back (your browser keeps what you typed) and send it again in a moment.",
                failure?.Path));
        }
        var failed = failure is not null;
        var code = failed || Response.StatusCode < 400 ? StatusCodes.Status500InternalServerError : Response.StatusCode;
        return Page(code);
    }

    // The code from the route, not model binding: binding also reads the re-executed request's form, and a form
    // that cannot be read (a NUL in an url-encoded field) failed it, so a 400 was shown as "Not found".
    [Route("error/{code:int}")]
    public IActionResult Status() =>
        Page(int.TryParse(RouteData.Values["code"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && code is >= 400 and <= 599
            ? code
            : StatusCodes.Status404NotFound);

    private ViewResult Page(int code)
    {
        Response.StatusCode = code;
        var reExecute = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var (title, message) = code switch
        {
            404 => ("Not found", "There is no page at this address. The record may have been removed, or the link may be mistyped."),
            400 => ("Bad request", "The request could not be understood. Please go back and try again."),
            403 => ("Not allowed", "You do not have permission to see this page."),
            405 => ("Not allowed", "This page cannot be used that way."),
            413 => ("Too large", "The request is larger than the knowledge base accepts (uploads up to 10 MB). Please go back and send less."),
            429 => ("Too many attempts", "Too many requests came from your address in a short time (sign-in is limited to ten attempts a minute). Wait a minute and try again."),
            >= 500 => ("Something went wrong", "The knowledge base could not show this page because of an error on our side. Please try again in a moment."),
            _ => ("Something went wrong", "The page could not be shown."),
        };
        return View("Error", new ErrorViewModel(code, title, message, reExecute?.OriginalPath));
    }
}
