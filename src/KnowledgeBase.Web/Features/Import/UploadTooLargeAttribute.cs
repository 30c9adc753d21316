using KnowledgeBase.Importing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace KnowledgeBase.Web.Features.Import;

/// <summary>
/// The upload's size limits (<see cref="Limit"/> for the request and the multipart body), applied
/// before anything reads the form — the global antiforgery filter reads it too, and would otherwise
/// read it with the default limits — and, instead of a bare 413 or 400, the upload page again with
/// the limit in words (<see cref="TooLarge"/>).
/// </summary>
/// <remarks>
/// An authorization filter with an order below the antiforgery filter's (1000), so it runs first;
/// authentication and the editor policy have already run in the middleware.
/// </remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadTooLargeAttribute : Attribute, IAsyncAuthorizationFilter, IExceptionFilter, IOrderedFilter
{
    /// <summary>The largest request: the largest file plus room for the multipart headers and the antiforgery token.</summary>
    public const long Limit = InputText.MaxBytes + ImportController.FormOverhead;

    public static string Message { get; } =
        $"The upload is larger than {InputText.MaxBytes / 1024 / 1024} MB, the largest file accepted; nothing was imported. Split the file or remove what is not needed, then upload it again.";

    public int Order => -1000;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        // Browsers send the length first: refuse before reading 10 MB we would throw away.
        if (http.Request.ContentLength > Limit)
        {
            context.Result = TooLarge(http, context.ModelState);
            return;
        }
        // Without a length (chunked), stop reading at the limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = Limit;
        if (!http.Request.HasFormContentType || http.Features.Get<IFormFeature>()?.Form is not null) return;
        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = Limit }));
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception ex) when (IsTooLarge(ex))
        {
            context.Result = TooLarge(http, context.ModelState);
        }
    }

    public void OnException(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // In case anything still hits a limit while binding the form.
        if (IsTooLarge(context.Exception))
        {
            context.Result = TooLarge(context.HttpContext, context.ModelState);
            context.ExceptionHandled = true;
        }
    }

    /// <summary>The upload page with <see cref="Message"/> and status 413.</summary>
    public static ViewResult TooLarge(HttpContext http, ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new()
        {
            ViewName = "Index",
            StatusCode = StatusCodes.Status413PayloadTooLarge,
            ViewData = new ViewDataDictionary<UploadViewModel>(new EmptyModelMetadataProvider(), modelState) { Model = new UploadViewModel(Message) },
        };
    }

    // Kestrel's request limit (BadHttpRequestException, 413) or the form's multipart limit (InvalidDataException).
    private static bool IsTooLarge(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is InvalidDataException || (ex is BadHttpRequestException bad && bad.StatusCode == StatusCodes.Status413PayloadTooLarge)) return true;
        }
        return false;
    }
}
