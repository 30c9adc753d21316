using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Web.Features.Import;

/// <summary>
/// The upload's size limits (<see cref="Limit"/> for the request and the multipart body), applied
/// before anything reads the form — the global antiforgery filter reads it too, and would otherwise
/// read it with the default limits — and, instead of a bare 413 or 400, the upload page again with
/// the limit in words (<see cref="TooLarge"/>). A body that is not over the limit but cannot be read
/// as a form (no boundary, a truncated part, a part without headers) gets the upload page with 400
/// and what was wrong (<see cref="Unreadable"/>), never a 500 or a false "too large".
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
        // Count what is read, so "too large" is said only of a body that really is (the form reader's own
        // InvalidDataException also stands for a missing boundary or a malformed part).
        var counted = new LengthLimitedStream(http.Request.Body, Limit);
        http.Request.Body = counted;
        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = Limit }));
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception ex) when (counted.LimitExceeded || IsTooLarge(ex))
        {
            context.Result = TooLarge(http, context.ModelState);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested && WhyUnreadable(ex) is { } reason)
        {
            context.Result = Unreadable(http, context.ModelState, reason);
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

    /// <summary>The upload page with status 400 saying the form could not be read, and why.</summary>
    public static ViewResult Unreadable(HttpContext http, ModelStateDictionary modelState, string reason)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new()
        {
            ViewName = "Index",
            StatusCode = StatusCodes.Status400BadRequest,
            ViewData = new ViewDataDictionary<UploadViewModel>(new EmptyModelMetadataProvider(), modelState)
            {
                Model = new UploadViewModel($"The upload could not be read: {reason}. Nothing was imported; choose the file and upload it again."),
            },
        };
    }

    // Kestrel's request limit (BadHttpRequestException, 413). The form's multipart limit is never reached
    // first: a part is never longer than the body, which LengthLimitedStream stops at the same limit.
    private static bool IsTooLarge(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is BadHttpRequestException bad && bad.StatusCode == StatusCodes.Status413PayloadTooLarge) return true;
        }
        return false;
    }

    // What the form reader found wrong, in words that hold for this request; null for anything else (a bug: a 500).
    private static string? WhyUnreadable(Exception exception) => exception switch
    {
        // "Missing content-type boundary.", "Multipart boundary length limit 70 exceeded.", "Line length limit 100 exceeded.", ...
        InvalidDataException => $"the form data is malformed ({exception.Message.TrimEnd('.')})",
        BadHttpRequestException => $"the request is malformed ({exception.Message.TrimEnd('.')})",
        // The reader's "Unexpected end of Stream, the content may have already been read by another component."
        IOException => "the form data ended before its last part was complete (a missing or wrong boundary, or an interrupted upload)",
        _ => null,
    };

    /// <summary>The request body, read through a count that stops at the limit (also where Kestrel's limit does not apply).</summary>
    private sealed class LengthLimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public bool LimitExceeded { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Counted(int read)
        {
            _read += read;
            if (_read > limit)
            {
                LimitExceeded = true;
                throw new InvalidDataException($"The request body is longer than {limit} bytes.");
            }
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
