using KnowledgeBase.Browsing;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Classification;
namespace KnowledgeBase.Tests.Browsing;

public sealed class FacetStorageTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Import_stores_the_facets_and_keeps_the_original_text()
    {
        await using (var db = _database.CreateContext())
            await TestDatabase.CreateImporter(db).ImportPathAsync(TestPaths.Seeds);

        await using var check = _database.CreateContext();
        var rec01 = await check.Studies.SingleAsync(s => s.LibraryId == "REC-01");
        rec01.Route.Should().Be("intramuscular (IM), intrathecal (IT), or combined IM+IT");
        rec01.RouteFacet.Should().Be(RouteFacets.Intramuscular | RouteFacets.Intrathecal);
        rec01.PhaseFacet.Should().Be(TrialPhase.Phase1Phase2);
        (await check.Studies.CountAsync(s => s.FacetsVersion != FacetClassifier.Version)).Should().Be(0);
        (await check.Trials.CountAsync(t => t.FacetsVersion != FacetClassifier.Version)).Should().Be(0);
        var trial = await check.Trials.SingleAsync(t => t.NctId == "NCT03268603");
        trial.StatusFacet.Should().Be(TrialStatusFacet.ActiveNotRecruiting);
        trial.CellSourceFacet.Should().Be(CellSourceFacets.Adipose);
    }

    [Fact]
    public async Task Editing_a_text_field_re_derives_its_facet_without_a_history_entry_for_it()
    {
        await using (var db = _database.CreateContext())
            await TestDatabase.CreateImporter(db).ImportPathAsync(TestPaths.Seeds);

        await using (var db = _database.CreateContext())
        {
            var study = await db.Studies.SingleAsync(s => s.LibraryId == "REC-03");
            study.Route = "intravenous";
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateContext();
        var saved = await check.Studies.SingleAsync(s => s.LibraryId == "REC-03");
        saved.RouteFacet.Should().Be(RouteFacets.Intravenous);
        var changes = await check.ChangeRecords.Where(c => c.EntityType == nameof(Study) && c.EntityId == saved.Id && c.Action == "updated").ToListAsync();
        changes.SelectMany(c => c.Changes).Select(c => c.Field).Should().Equal(nameof(Study.Route));
    }

    [SqliteFact] // the bulk insert is SQLite-spelled SQL (unquoted names, JSON lists)
    public async Task Start_up_backfill_derives_rows_written_without_facets()
    {
        await using (var db = _database.CreateContext())
        {
            // As a bulk insert (or a database from before the facet columns) leaves them.
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO Studies (Kind, Title, CellSource, Route, Design, PhaseText, Unverified, VerifiedFrom, Provenance, ImportedAt, Version, CellSourceFacet, RouteFacet, EvidenceLevel, FacetsVersion)
                VALUES ('TrialReport', 'Bulk', 'adipose tissue', 'IV', 'Randomised, double-blind', 'Phase 2', '[]', '[]', '[]', '2026-01-01', 1, 0, 0, 'NotStated', 0);
                INSERT INTO Trials (NctId, Intervention, Status, Provenance, Unverified, ImportedAt, Version, CellSourceFacet, RouteFacet, EvidenceLevel, StatusFacet, FacetsVersion)
                VALUES ('NCT09999999', 'umbilical cord MSC, intrathecal', 'Recruiting', '[]', '[]', '2026-01-01', 1, 0, 0, 'NotStated', 'NotStated', 0);
                """);
            (await FacetBackfill.RunAsync(db)).Should().Be(2);
            (await FacetBackfill.RunAsync(db)).Should().Be(0, "a second run finds nothing to do");
        }

        await using var check = _database.CreateContext();
        var study = await check.Studies.SingleAsync(s => s.Title == "Bulk");
        (study.CellSourceFacet, study.RouteFacet, study.EvidenceLevel, study.PhaseFacet)
            .Should().Be((CellSourceFacets.Adipose, RouteFacets.Intravenous, EvidenceLevel.RandomisedControlled, (TrialPhase?)TrialPhase.Phase2));
        var trial = await check.Trials.SingleAsync(t => t.NctId == "NCT09999999");
        (trial.CellSourceFacet, trial.RouteFacet, trial.StatusFacet).Should().Be((CellSourceFacets.UmbilicalCord, RouteFacets.Intrathecal, TrialStatusFacet.Recruiting));
    }
}
