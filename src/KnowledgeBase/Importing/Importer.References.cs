using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing;

/// <summary>Reference files from other tools, through <see cref="BibliographyImporter"/>, reported in the importer's terms.</summary>
public sealed partial class Importer
{
    /// <summary>RIS, BibTeX, CSL-JSON, MEDLINE or ClinicalTrials.gov records: matched into the library, never overwriting curated values.</summary>
    private async Task ImportReferencesAsync(string fileName, string text, FileImportResult result, NewSourceRows rows, CancellationToken ct)
    {
        var plan = await new BibliographyImporter(db, clock).ApplyAsync(fileName, text, DuplicateDecisions.None, ct);
        if (plan.Records.Count == 0 && plan.Errors.Count > 0) throw NoRecordRead(plan.Errors);
        result.Format = plan.Format.DisplayName();
        result.RecordsRead = plan.Records.Count;
        result.RecordsUnreadable = plan.Errors.Count;
        bool Is(PlannedRecord r, PlannedAction action, BibRecordKind kind) => r.Action == action && r.Kind == kind;
        result.StudiesAdded += plan.Records.Count(r => Is(r, PlannedAction.Add, BibRecordKind.Publication)) + plan.StudiesFromRegistry.Count;
        result.StudiesUpdated += plan.Records.Count(r => Is(r, PlannedAction.Update, BibRecordKind.Publication));
        result.StudiesUnchanged += plan.Records.Count(r => Is(r, PlannedAction.Unchanged, BibRecordKind.Publication));
        result.TrialsAdded += plan.Records.Count(r => Is(r, PlannedAction.Add, BibRecordKind.RegisteredTrial));
        result.TrialsUpdated += plan.Records.Count(r => Is(r, PlannedAction.Update, BibRecordKind.RegisteredTrial));
        result.TrialsUnchanged += plan.Records.Count(r => Is(r, PlannedAction.Unchanged, BibRecordKind.RegisteredTrial));
        foreach (var skipped in plan.Records.Where(r => r.Action is PlannedAction.Conflict or PlannedAction.PossibleDuplicate))
            result.Warnings.Add($"line {skipped.Line} (“{skipped.Label}”) not imported: {string.Join("; ", skipped.Details)}");
        foreach (var error in plan.Errors)
            result.Warnings.Add($"line {error.Line}{(error.Key is null ? "" : $" ({error.Key})")} could not be read: {error.Message}");
        foreach (var warning in plan.Warnings)
            result.Warnings.Add($"line {warning.Line}{(warning.Key is null ? "" : $" ({warning.Key})")}: {warning.Message}");
        await ResolveDanglingReferencesAsync(rows, ct);
    }

    /// <summary>
    /// A reference file none of whose records could be read: the first problem, and when there are more, how many and
    /// at which lines, so sixty untitled records are not all reported as the first one.
    /// </summary>
    internal static ImportFormatException NoRecordRead(IReadOnlyList<EntryError> errors)
    {
        var first = errors[0];
        if (errors.Count == 1) return new ImportFormatException($"no record could be read ({first.Message})", first.Line, first.Key);
        var lines = string.Join(", ", errors.Take(10).Select(e => e.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new ImportFormatException(
            $"no record could be read: {errors.Count} records could not be, at lines {lines}{(errors.Count > 10 ? ", ..." : "")}; at line {first.Line}: {first.Message}",
            first.Line, first.Key);
    }
}
