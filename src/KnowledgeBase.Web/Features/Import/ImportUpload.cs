using KnowledgeBase.Importing;
using KnowledgeBase.Interchange;
using KnowledgeBase.Primitives;

namespace KnowledgeBase.Web.Features.Import;

/// <summary>What an uploaded file led to: a message saying why it was refused, an import's result, or a preview to confirm.</summary>
public sealed record UploadOutcome(string? Problem, ImportResultViewModel? Result, PreviewViewModel? Preview);

/// <summary>
/// An uploaded file's content, taken in: decoded, then articles and the curated library imported at once, and reference
/// files read into a preview (what will be added, updated, skipped) and kept until the editor confirms.
/// </summary>
public sealed class ImportUpload(Importer importer, BibliographyImporter bibliography, PendingUploads uploads)
{
    public async Task<UploadOutcome> ReceiveAsync(string name, byte[] content, CancellationToken ct)
    {
        string text;
        try
        {
            text = InputText.Decode(content);
        }
        catch (ImportFormatException ex)
        {
            return new UploadOutcome(ex.Describe(name), null, null);
        }

        if (ImportContentSniffer.ContentOf(text, name) != ImportContent.References)
        {
            // Articles and the curated library import at once; the report says what happened.
            var result = await importer.ImportContentAsync(name, content, replaceChangedSources: false, ct);
            return new UploadOutcome(null, new ImportResultViewModel(name, result, null), null);
        }

        ImportPlan plan;
        try
        {
            plan = await bibliography.PreviewAsync(name, text, ct);
        }
        catch (ImportFormatException ex)
        {
            return new UploadOutcome(ex.Describe(name), null, null);
        }
        var token = await uploads.SaveAsync(content, ct);
        return new UploadOutcome(null, null, new PreviewViewModel(name, token, plan));
    }
}
