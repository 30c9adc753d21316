using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;
using KnowledgeBase.Interchange;

namespace KnowledgeBase.Tests.Interchange;

/// <summary>
/// The real reference library (seeds/reference-library.json) as <see cref="BibRecord"/>s, made the way a
/// download makes them: library record → study (as the importer stores it) → <see cref="BibRecordMapping"/>.
/// </summary>
internal static class SeedReferences
{
    private static readonly Lazy<IReadOnlyList<(LibraryRecord Library, BibRecord Record)>> All = new(Load);

    public static IReadOnlyList<BibRecord> Records => All.Value.Select(x => x.Record).ToList();

    public static IReadOnlyList<(LibraryRecord Library, BibRecord Record)> Pairs => All.Value;

    public static BibRecord Get(string id) => All.Value.Single(x => x.Library.Id == id).Record;

    private static List<(LibraryRecord, BibRecord)> Load()
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.Seeds, "reference-library.json"));
        return ReferenceLibraryParser.Parse(json).Select(r => (r, BibRecordMapping.FromStudy(ToStudy(r)))).ToList();
    }

    private static Study ToStudy(LibraryRecord r) => new()
    {
        LibraryId = r.Id,
        Kind = r.Kind,
        RecordType = r.RecordType,
        Title = r.Title,
        ShortLabel = r.ShortLabel,
        Authors = r.Authors,
        Journal = r.Journal,
        Year = r.Year,
        Volume = r.Volume,
        Issue = r.Issue,
        Pages = r.Pages,
        Doi = r.Doi,
        Pmid = r.Pmid,
        Pmcid = r.Pmcid,
        PhaseText = r.Phase,
        Design = r.Design,
        Participants = r.Participants,
        Unverified = [.. r.Unverified],
        Trials = r.NctIds.Select(n => new Trial { NctId = n }).ToList(),
    };
}
