using KnowledgeBase.Importing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace KnowledgeBase.Web.Features.Import;

/// <summary>
/// An upload over the request or form limit fails while the form is read (before the action runs):
/// instead of a bare 413 or 400, the editor gets the upload page again with the limit in words.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadTooLargeAttribute : Attribute, IExceptionFilter, IResourceFilter
{
    public static string Message { get; } =
        $"The upload is larger than {InputText.MaxBytes / 1024 / 1024} MB, the largest file accepted; nothing was imported. Split the file or remove what is not needed, then upload it again.";

    // Browsers send the length first: refuse before reading 10 MB we would throw away.
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        if (context.HttpContext.Request.ContentLength > InputText.MaxBytes + ImportController.FormOverhead)
            context.Result = TooLarge(context.HttpContext, context.ModelState);
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }

    public void OnException(ExceptionContext context)
    {
        // Kestrel's request limit (BadHttpRequestException, 413) or the form's multipart limit (InvalidDataException), as MVC reports them.
        for (var ex = context.Exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is InvalidDataException || (ex is BadHttpRequestException bad && bad.StatusCode == StatusCodes.Status413PayloadTooLarge))
            {
                context.Result = TooLarge(context.HttpContext, context.ModelState);
                context.ExceptionHandled = true;
                return;
            }
        }
    }

    private static ViewResult TooLarge(HttpContext http, ModelStateDictionary modelState) => new()
    {
        ViewName = "Index",
        StatusCode = StatusCodes.Status413PayloadTooLarge,
        ViewData = new ViewDataDictionary<UploadViewModel>(new EmptyModelMetadataProvider(), modelState) { Model = new UploadViewModel(Message) },
    };
}
