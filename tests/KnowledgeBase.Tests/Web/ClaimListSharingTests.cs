using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The claims list's and the review queue's counts over all claims are computed once per change and filter and
/// shared by every request, editors included: the same counts until the next change; the request right after it gets
/// them marked as being updated, and the next one after the recount counts the change (decision 0039). The rows of a
/// page are always read afresh.
/// </summary>
public sealed partial class ClaimListSharingTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    // These tests read the older counts a change leaves: a recount on this small database would finish within the wait.
    private readonly bool _staleAtOnce = factory.StaleCountsAtOnce();

    [Fact]
    public async Task The_list_s_counts_are_shared_until_a_recorded_change_and_that_change_shows_on_the_next_request()
    {
        var editor = await factory.SignedInEditorAsync();
        var rejected = Total(await factory.SettledPageAsync(() => GetAsync(editor, "/claims?status=rejected")));
        var ids = await factory.QueryAsync(db => db.Claims.Where(c => c.Status == ClaimStatus.Candidate).OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync());

        // A write that leaves no change-history row (nothing in the app does this): the counts computed before stand.
        await factory.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Claims\" SET \"Status\" = 'Rejected' WHERE \"Id\" = {ids[0]}"));
        Total(await GetAsync(editor, "/claims?status=rejected")).Should().Be(rejected, "the counts are shared until the change stamp moves");
        Total(await GetAsync(editor, "/claims?status=rejected&sort=newest")).Should().Be(rejected, "every filter and order counts from the same index");

        // A recorded change (any save through the app's context, or another process's) is counted at once.
        await using (var other = DatabaseSetup.CreateContext(factory.Database, new SystemActor("import"), TimeProvider.System))
        {
            (await other.Claims.SingleAsync(c => c.Id == ids[1])).Status = ClaimStatus.Rejected;
            await other.SaveChangesAsync();
        }
        await factory.WaitForChangeStampAsync(); // once the file event (SQLite) or notification (PostgreSQL) has arrived
        var afterChange = await GetAsync(editor, "/claims?status=rejected");
        afterChange.Should().Contain(WebTestExtensions.StaleCountsNote);
        Total(afterChange).Should().Be(rejected, "the counts before the change, while they are recounted");
        await factory.CountsRecountedAsync();
        var recounted = await GetAsync(editor, "/claims?status=rejected");
        recounted.Should().NotContain(WebTestExtensions.StaleCountsNote);
        // The index is brought up to date with the claims the history names: the unrecorded write shows once it is read
        // whole again (at the latest ClaimFacetIndex.ReadWholeEvery later).
        Total(recounted).Should().Be(rejected + 1);
    }

    [Fact]
    public async Task The_review_queue_counts_a_link_assessed_by_an_editor_at_once()
    {
        var editor = await factory.SignedInEditorAsync();
        var before = Waiting(await factory.SettledPageAsync(() => GetAsync(editor, "/claims/review")));

        await using (var other = DatabaseSetup.CreateContext(factory.Database, new SystemActor("import"), TimeProvider.System))
        {
            var study = await other.Studies.OrderBy(s => s.Id).FirstAsync();
            var claim = await other.Claims.Where(c => !c.Links.Any() && c.Status != ClaimStatus.Rejected && !c.IsOrphaned).OrderBy(c => c.Id).FirstAsync();
            other.EvidenceLinks.Add(new EvidenceLink { ClaimId = claim.Id, StudyId = study.Id, Assessment = EvidenceAssessment.Supported, CreatedBy = "test" });
            await other.SaveChangesAsync();
        }
        await factory.WaitForChangeStampAsync(); // once the file event (SQLite) or notification (PostgreSQL) has arrived

        var afterChange = await GetAsync(editor, "/claims/review");
        afterChange.Should().Contain(WebTestExtensions.StaleCountsNote);
        Waiting(afterChange).Should().Be(before);
        await factory.CountsRecountedAsync();
        Waiting(await GetAsync(editor, "/claims/review")).Should().Be(before - 1);
    }

    /// <summary>The list's total, from its download link (absent, with a notice, when nothing matches).</summary>
    private static int Total(string html) => ListTotal().Match(html) is { Success: true } m
        ? int.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
        : html.Contains("No claims match these filters", StringComparison.Ordinal) ? 0 : throw new InvalidOperationException("the page shows no total");

    private static int Waiting(string html) => int.Parse(ReviewTotal().Match(html).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Age.Should().BeNull("an editor is never served the page cache");
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("Download these ([0-9,]+) claims? as JSON")]
    private static partial Regex ListTotal();

    [GeneratedRegex("([0-9,]+) claims? waiting")]
    private static partial Regex ReviewTotal();
}
