using System.Text.Json;
using KnowledgeBase.Classification;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;
using KnowledgeBase.Linking.TrialComparison;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// The seeds' reference library as entities, built by the importer's own mapping (<see cref="LibraryMapping"/>): studies
/// from the records (ids 1..n in file order), trials as <see cref="TrialDeriver"/> derives them (ids 1..m), linked both
/// ways, with the facets the database stores (<see cref="FacetClassifier"/>); and the seed claims' exact quotes from
/// seeds/labels/evidence-links.json. No database: the comparison and the suggester are pure.
/// </summary>
internal static class SeedRecords
{
    private static readonly Lazy<(List<Study> Studies, List<Trial> Trials)> Entities = new(Build);

    private static readonly Lazy<List<string>> Quotes = new(() =>
    {
        using var labels = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, "labels", "evidence-links.json")));
        return labels.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("quote").GetString()!).ToList();
    });

    public static IReadOnlyList<Study> Studies => Entities.Value.Studies;

    public static IReadOnlyList<Trial> Trials => Entities.Value.Trials;

    public static Study Study(string libraryId) => Studies.Single(s => s.LibraryId == libraryId);

    public static Trial Trial(string nct) => Trials.Single(t => t.NctId == nct);

    public static ComparedRecord TrialRecord(string nct) => ComparedRecord.From(Trial(nct));

    public static ComparedRecord StudyRecord(string libraryId) => ComparedRecord.From(Study(libraryId));

    /// <summary>The one labelled seed claim whose quote begins with <paramref name="start"/>.</summary>
    public static string Claim(string start) => Quotes.Value.Single(q => q.StartsWith(start, StringComparison.Ordinal));

    private static (List<Study>, List<Trial>) Build()
    {
        var records = ReferenceLibraryParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, "reference-library.json")));
        var therapyTypes = TherapyType.Taxonomy.ToDictionary(t => t.Slug, StringComparer.Ordinal);
        var importedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var studies = records.Select((r, i) =>
        {
            var study = LibraryMapping.ToStudy(r, therapyTypes, importedAt);
            study.Id = i + 1;
            FacetClassifier.Apply(study);
            return study;
        }).ToList();
        var byRecord = studies.ToDictionary(s => s.LibraryId!, StringComparer.Ordinal);
        var trials = TrialDeriver.Derive(records).Select((d, i) =>
        {
            var trial = LibraryMapping.ToTrial(d, therapyTypes, importedAt);
            trial.Id = i + 1;
            FacetClassifier.Apply(trial);
            LibraryMapping.Link(d, trial, byRecord);
            return trial;
        }).ToList();
        return (studies, trials);
    }
}
