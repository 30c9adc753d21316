using System.Text.Json;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;
using KnowledgeBase.Linking.TrialComparison;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// The seeds' reference library as the entities the comparison reads (studies from the records, trials as
/// <see cref="TrialDeriver"/> derives them, each with the studies reporting it), and the seed claims' exact
/// quotes from seeds/labels/evidence-links.json. No database: the comparison is pure.
/// </summary>
internal static class SeedRecords
{
    private static readonly Lazy<IReadOnlyList<LibraryRecord>> Library = new(() =>
        ReferenceLibraryParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, "reference-library.json"))));

    private static readonly Lazy<Dictionary<string, Study>> Studies = new(() =>
        Library.Value.Select((r, i) => ToStudy(r, i + 1)).ToDictionary(s => s.LibraryId!, StringComparer.Ordinal));

    private static readonly Lazy<List<Trial>> Trials = new(() =>
        TrialDeriver.Derive(Library.Value).Select((d, i) => ToTrial(d, i + 1)).ToList());

    private static readonly Lazy<List<string>> Quotes = new(() =>
    {
        using var labels = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, "labels", "evidence-links.json")));
        return labels.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("quote").GetString()!).ToList();
    });

    public static Study Study(string libraryId) => Studies.Value[libraryId];

    public static Trial Trial(string nct) => Trials.Value.Single(t => t.NctId == nct);

    public static ComparedRecord TrialRecord(string nct) => ComparedRecord.From(Trial(nct));

    public static ComparedRecord StudyRecord(string libraryId) => ComparedRecord.From(Study(libraryId));

    /// <summary>The one labelled seed claim whose quote begins with <paramref name="start"/>.</summary>
    public static string Claim(string start) => Quotes.Value.Single(q => q.StartsWith(start, StringComparison.Ordinal));

    private static Study ToStudy(LibraryRecord r, int id) => new()
    {
        Id = id,
        LibraryId = r.Id,
        Kind = r.Kind,
        RecordType = r.RecordType,
        Title = r.Title,
        ShortLabel = r.ShortLabel,
        Authors = r.Authors,
        Year = r.Year,
        PhaseText = r.Phase,
        PhaseFacet = TrialDeriver.ParsePhase(r.Phase),
        Design = r.Design,
        Participants = r.Participants,
        ParticipantsDetail = r.ParticipantsDetail,
        CellType = r.CellType,
        CellSource = r.CellSource,
        Route = r.Route,
        Dosing = r.Dosing,
        MainResults = r.MainResults,
        Unverified = [.. r.Unverified],
    };

    private static Trial ToTrial(DerivedTrial d, int id) => new()
    {
        Id = id,
        NctId = d.NctId,
        Title = d.Title,
        Phase = d.Phase,
        PhaseText = d.PhaseText,
        Design = d.Design,
        Enrollment = d.Enrollment,
        Status = d.Status,
        Sponsor = d.Sponsor,
        Intervention = d.Intervention,
        Unverified = [.. d.Unverified],
        Studies = [.. d.ReportedBy.Select(Study)],
    };
}
