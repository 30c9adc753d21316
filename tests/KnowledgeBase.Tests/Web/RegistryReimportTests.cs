using System.Text.Json;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange;
using KnowledgeBase.Linking.TrialComparison;
using KnowledgeBase.Tests.Interchange;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// A trial's registry record imported again after it changed (issue 18, "records that change"): the registry is the
/// authority on its status, enrolment and posted results, so the new values are taken, the history keeps the old ones, and every claim
/// linked to the trial before the change gets a flag saying what changed.
/// </summary>
public sealed class RegistryReimportTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    private const string Nct = "NCT03280056";

    private async Task<ImportPlan> ImportAsync(string json)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BibliographyImporter>().ApplyAsync($"{Nct}.json", json);
    }

    [Fact]
    public async Task A_changed_status_and_enrolment_are_taken_recorded_and_flagged_on_the_claims_relying_on_the_trial()
    {
        // As registered before its results were posted.
        var registered = ParserSamples.Read($"{Nct}.json").Replace("\"hasResults\": true", "\"hasResults\": false", StringComparison.Ordinal);
        await ImportAsync(registered);
        var before = await factory.QueryAsync(db => db.Trials.AsNoTracking().SingleAsync(t => t.NctId == Nct));

        // An editor linked a claim to the trial as the registry had it.
        var claimId = await factory.QueryAsync(async db =>
        {
            var claim = await db.Claims.FirstAsync(c => c.Quote.Contains("It has shown significant delay in rate of disease progression"));
            db.EvidenceLinks.Add(new EvidenceLink
            {
                ClaimId = claim.Id,
                TrialId = before.Id,
                Relation = EvidenceRelation.AlludesTo,
                CreatedBy = "editor@example.org",
                CreatedAt = DateTime.UtcNow.AddMinutes(-1),
                UpdatedAt = DateTime.UtcNow.AddMinutes(-1),
            });
            await db.SaveChangesAsync();
            return claim.Id;
        });

        var terminated = registered.Replace("\"overallStatus\": \"COMPLETED\"", "\"overallStatus\": \"TERMINATED\"", StringComparison.Ordinal)
            .Replace("\"count\": 196", "\"count\": 189", StringComparison.Ordinal)
            .Replace("\"hasResults\": false", "\"hasResults\": true", StringComparison.Ordinal);
        terminated.Should().NotBe(registered);
        var plan = await ImportAsync(terminated);

        plan.Records.Should().ContainSingle(r => r.Action == PlannedAction.Update).Which.Details.Should().Contain(c => c.StartsWith("status:", StringComparison.Ordinal));
        var after = await factory.QueryAsync(db => db.Trials.AsNoTracking().SingleAsync(t => t.NctId == Nct));
        before.ResultsPosted.Should().BeFalse();
        after.Enrollment.Should().Be(189, "the registry is the authority on its own enrolment");
        after.ResultsPosted.Should().BeTrue();
        after.Status.Should().NotBe(before.Status);
        var history = await factory.QueryAsync(db => db.ChangeRecords.AsNoTracking()
            .Where(r => r.EntityType == nameof(Trial) && r.EntityId == before.Id && r.Action == "updated").ToListAsync());
        history.SelectMany(r => r.Changes).Should().Contain(new FieldChange(nameof(Trial.Status), before.Status, after.Status));

        var reader = factory.CreateClient();
        var page = await reader.GetPageAsync($"/claims/{claimId}");
        var flag = page.QuerySelector($"#check-trial-{before.Id} li[data-flag-kind={FlagKinds.RecordChanged}]");
        flag.Should().NotBeNull("the claim relies on a trial whose record changed after it was linked");
        flag!.TextContent.Should().Contain($"status changed from {before.Status} to {after.Status} on re-import")
            .And.Contain("enrolment changed from 196 to 189")
            .And.Contain("results posted on the registry changed from no to yes");

        using var export = JsonDocument.Parse(await reader.GetStringAsync(new Uri("/claims/export.json", UriKind.Relative)));
        var flags = export.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == claimId).GetProperty("flags");
        flags.EnumerateArray().Should().Contain(f => f.GetProperty("kind").GetString() == FlagKinds.RecordChanged);

        // The same record again changes nothing more.
        var again = await ImportAsync(terminated);
        again.Records.Should().OnlyContain(r => r.Action != PlannedAction.Update && r.Action != PlannedAction.Add);
    }
}
