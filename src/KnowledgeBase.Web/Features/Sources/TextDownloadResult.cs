using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace KnowledgeBase.Web.Features.Sources;

/// <summary>
/// A text as a text/plain UTF-8 download, written to the response in 32,000-character chunks as it is
/// encoded: no HTML around it and no second copy of the whole text in another form.
/// </summary>
public sealed class TextDownloadResult(string text, string fileName) : IActionResult
{
    private const int ChunkChars = 32_000;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("inline") { FileNameStar = fileName }.ToString();
        var ct = context.HttpContext.RequestAborted;
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        for (var at = 0; at < text.Length; at += ChunkChars)
        {
            var length = Math.Min(ChunkChars, text.Length - at);
            if (length == ChunkChars && char.IsHighSurrogate(text[at + length - 1])) length--; // keep a pair together
            await writer.WriteAsync(text.AsMemory(at, length), ct);
            at -= ChunkChars - length;
        }
        await writer.FlushAsync(ct);
    }
}
