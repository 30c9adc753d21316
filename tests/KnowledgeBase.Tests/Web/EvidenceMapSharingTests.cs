using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The evidence map's numbers are computed once per change and shared by every request, editors
/// included (who never get the page cache): the same numbers until the next change; the request right after it gets
/// them marked as being updated, and the next one after the recount shows the change (decision 0039).
/// </summary>
public sealed partial class EvidenceMapSharingTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    // These tests read the older counts a change leaves: a recount on this small database would finish within the wait.
    private readonly bool _staleAtOnce = factory.StaleCountsAtOnce();

    [Fact]
    public async Task An_editor_gets_the_shared_map_until_a_change_and_the_change_on_the_next_request()
    {
        var editor = await factory.SignedInEditorAsync();

        var first = await factory.SettledPageAsync(() => GetAsync(editor, "/evidence-map"));
        var sourceId = int.Parse(ClaimsOfSourceLink().Match(first).Groups[1].Value, CultureInfo.InvariantCulture);
        var title = await factory.QueryAsync(db => db.Sources.Where(s => s.Id == sourceId).Select(s => s.Title).SingleAsync());
        first.Should().Contain(WebUtility.HtmlEncode(title));

        // A write that leaves no change-history row (nothing in the app does this) shows the map is not recomputed.
        var unrecorded = $"Unrecorded {Guid.NewGuid():N}";
        await factory.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Sources\" SET \"Title\" = {unrecorded} WHERE \"Id\" = {sourceId}"));
        var shared = await GetAsync(editor, "/evidence-map");
        shared.Should().Contain(WebUtility.HtmlEncode(title)).And.NotContain(unrecorded, "the map computed before is shared until the change stamp moves");
        (await GetAsync(editor, "/evidence-map?view=trials")).Should().Contain(unrecorded, "another view is its own entry, computed now");

        // A recorded change (any save through the app's context, or another process's) is seen at once.
        var renamed = $"Renamed {Guid.NewGuid():N}";
        await using (var other = DatabaseSetup.CreateContext(factory.Database, new SystemActor("import"), TimeProvider.System))
        {
            (await other.Sources.SingleAsync(s => s.Id == sourceId)).Title = renamed;
            await other.SaveChangesAsync();
        }
        await factory.WaitForChangeStampAsync(); // once the file event (SQLite) or notification (PostgreSQL) has arrived
        (await GetAsync(editor, "/evidence-map")).Should().Contain(WebTestExtensions.StaleCountsNote).And.Contain(WebUtility.HtmlEncode(title)).And.NotContain(renamed);
        await factory.CountsRecountedAsync();
        (await GetAsync(editor, "/evidence-map")).Should().Contain(renamed).And.NotContain(unrecorded).And.NotContain(WebTestExtensions.StaleCountsNote);
    }

    [Fact]
    public async Task A_new_assessed_link_changes_the_counts_on_the_next_request()
    {
        var editor = await factory.SignedInEditorAsync();
        var before = Contradicted(await factory.SettledPageAsync(() => GetAsync(editor, "/evidence-map")));

        await using (var other = DatabaseSetup.CreateContext(factory.Database, new SystemActor("import"), TimeProvider.System))
        {
            var study = await other.Studies.Where(s => s.TherapyTypes.Any() && s.PhaseFacet != null).OrderBy(s => s.Id).FirstAsync();
            var claim = await other.Claims.Where(c => !c.Links.Any()).OrderBy(c => c.Id).FirstAsync();
            other.EvidenceLinks.Add(new EvidenceLink { ClaimId = claim.Id, StudyId = study.Id, Assessment = EvidenceAssessment.Contradicted, CreatedBy = "test" });
            await other.SaveChangesAsync();
        }
        await factory.WaitForChangeStampAsync(); // once the file event (SQLite) or notification (PostgreSQL) has arrived

        Contradicted(await GetAsync(editor, "/evidence-map")).Should().Be(before, "the numbers before the change, while they are recounted");
        await factory.CountsRecountedAsync();
        Contradicted(await GetAsync(editor, "/evidence-map")).Should().BeGreaterThan(before);
    }

    /// <summary>The sum of the "contradicted" figures in the map's text alternatives.</summary>
    private static int Contradicted(string html) =>
        ContradictedCount().Matches(html).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Age.Should().BeNull("an editor is never served the page cache");
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("href=\"/claims\\?source=([0-9]+)\"")]
    private static partial Regex ClaimsOfSourceLink();

    [GeneratedRegex("([0-9]+) contradicted")]
    private static partial Regex ContradictedCount();
}
