using System.Net;
using KnowledgeBase.Interchange;
using KnowledgeBase.Primitives;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Web.Features.Import;

/// <summary>
/// "Add by identifier": an editor gives a PMID, DOI or NCT id, the record is fetched from PubMed, the DOI resolver or
/// ClinicalTrials.gov (<see cref="RecordLookupClient"/>) and shown in the same preview as an uploaded file; nothing
/// changes until the editor confirms it there. Off unless <c>KnowledgeBase:Lookup:Enabled</c> is set.
/// </summary>
public sealed partial class ImportController
{
    public const int MaxIdentifierLength = 300;

    [HttpPost("lookup")]
    public async Task<IActionResult> Lookup([FromForm] string? identifier, [FromServices] RecordLookupClient lookup,
        [FromServices] IOptions<LookupOptions> options, CancellationToken ct)
    {
        if (!options.Value.Enabled)
            return LookupProblem(HttpStatusCode.NotFound, "Looking records up online is off on this server (setting KnowledgeBase:Lookup:Enabled): download the record as a file and upload it instead.");
        if (identifier is { Length: > MaxIdentifierLength } || LookupRequest.Parse(identifier) is not { } request)
            return LookupProblem(HttpStatusCode.BadRequest, "Give a PubMed id (26751635), a DOI (10.1001/jamaneurol.2015.4321) or a ClinicalTrials.gov id (NCT01363401).");

        var fetched = await lookup.FetchAsync(request, ct);
        if (fetched.Content is null) return LookupProblem(fetched.Status, fetched.Problem!);

        ImportPlan plan;
        try
        {
            plan = await bibliography.PreviewAsync(request.Label, InputText.Decode(fetched.Content), ct);
        }
        catch (ImportFormatException ex)
        {
            return LookupProblem(HttpStatusCode.BadGateway, $"{request.Service} answered something this knowledge base cannot read: {ex.Describe(request.Label)}");
        }
        var token = await uploads.SaveAsync(fetched.Content, ct);
        return View("Preview", new PreviewViewModel(request.Label, token, plan));
    }

    private ViewResult LookupProblem(HttpStatusCode status, string message)
    {
        Response.StatusCode = (int)status;
        return View("Index", new UploadViewModel(message));
    }
}
