using System.ComponentModel.DataAnnotations;
using KnowledgeBase.Importing;
using KnowledgeBase.Interchange;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Web.Features.Import;

/// <summary>
/// Editors upload files: articles (.txt/.md), the curated library (JSON), or references from the
/// tools researchers use (RIS, BibTeX, CSL-JSON, PubMed .nbib, ClinicalTrials.gov JSON). Reference
/// files are previewed first (what will be added, updated, skipped, and unreadable records), then
/// imported on confirmation in one transaction.
/// </summary>
[Route("import")]
[Authorize(Policy = Policies.Editor)]
public sealed partial class ImportController(Importer importer, BibliographyImporter bibliography, PendingUploads uploads) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(new UploadViewModel(null));

    /// <summary>Room for the multipart headers and the antiforgery token around the largest file.</summary>
    public const long FormOverhead = 64 * 1024;

    [HttpPost("")]
    [UploadTooLarge] // the request and form limits, and the upload page with 413 when they are hit
    public async Task<IActionResult> Upload([Required] IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return Problem400("Choose a file to upload: it was missing or empty.");
        // Within the request limit (which leaves room for the form around the file) but over the file limit.
        if (file.Length > InputText.MaxBytes)
            return UploadTooLargeAttribute.TooLarge(HttpContext, ModelState);

        var name = DisplayName(file);
        byte[] content;
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }

        var outcome = await new ImportUpload(importer, bibliography, uploads).ReceiveAsync(name, content, ct);
        if (outcome.Problem is not null) return Problem400(outcome.Problem);
        return outcome.Preview is not null ? View("Preview", outcome.Preview) : View("Result", outcome.Result);
    }

    [HttpPost("apply")]
    public async Task<IActionResult> Apply(ApplyForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var content = await uploads.ReadAsync(form.Token, ct);
        if (content is null) return Problem400("This upload is no longer waiting (previews are kept for six hours): upload the file again.");
        var decisions = new DuplicateDecisions(
            (form.Duplicate ?? []).Where(d => d.Value == "merge").Select(d => d.Key).ToHashSet(),
            (form.Duplicate ?? []).Where(d => d.Value == "add").Select(d => d.Key).ToHashSet());
        ImportPlan plan;
        try
        {
            plan = await bibliography.ApplyAsync(form.FileName ?? "upload", InputText.Decode(content), decisions, ct);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException ex)
        {
            return Problem400($"{form.FileName}: nothing was imported, the records could not be stored ({ex.InnerException?.Message ?? ex.Message}).");
        }
        uploads.Remove(form.Token);
        return View("Result", new ImportResultViewModel(plan.FileName, null, plan));
    }

    private ViewResult Problem400(string message)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", new UploadViewModel(message));
    }

    // The browser's file name, for messages and the source's file name only: never used as a path.
    private static string DisplayName(IFormFile file) =>
        Path.GetFileName(KnowledgeBase.Domain.StoredText.CleanName(file.FileName).Replace('\\', '/')).Trim() is { Length: > 0 } n ? n : "upload";
}

public sealed record ApplyForm
{
    [Required]
    [StringLength(32)]
    public string? Token { get; init; }

    [StringLength(260)]
    public string? FileName { get; init; }

    /// <summary>Per possible duplicate (by line): "skip" (default), "merge" into the existing study, or "add" as new.</summary>
    public Dictionary<int, string>? Duplicate { get; init; }
}

public sealed record UploadViewModel(string? Error);

public sealed record PreviewViewModel(string FileName, string Token, ImportPlan Plan);

public sealed record ImportResultViewModel(string FileName, FileImportResult? FileResult, ImportPlan? Plan);
