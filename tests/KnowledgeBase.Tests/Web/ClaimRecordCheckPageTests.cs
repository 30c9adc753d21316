using System.Net;
using System.Text.Json;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The claim-vs-record comparison in the real app on the seeded SQLite database: an editor links the seeds' NurOwn
/// claim to its phase 3 trial, and the claim page, the export and the review queue show the flag a reviewer would raise.
/// </summary>
public sealed class ClaimRecordCheckPageTests : IClassFixture<KnowledgeBaseAppFactory>, IAsyncLifetime
{
    private const string NurOwnWords = "It has shown significant delay in rate of disease progression";
    private readonly KnowledgeBaseAppFactory _factory;
    private readonly HttpClient _editor;
    private readonly string _email = $"editor-{Guid.NewGuid():N}@example.org";

    public ClaimRecordCheckPageTests(KnowledgeBaseAppFactory factory)
    {
        _factory = factory;
        _editor = factory.CreateBrowser();
    }

    public async Task InitializeAsync()
    {
        await _factory.CreateAccountAsync(_email, AccountRole.Editor);
        await _editor.SignInAsync(_email);
    }

    public Task DisposeAsync()
    {
        _editor.Dispose();
        return Task.CompletedTask;
    }

    private Task<T> QueryAsync<T>(Func<KnowledgeBaseDbContext, Task<T>> query) => _factory.QueryAsync(query);

    /// <summary>The seeded NurOwn claim, linked (once per fixture) to the NurOwn phase 3 trial through the editor's form.</summary>
    private Task<(Claim Claim, Trial Trial)> LinkedNurOwnClaimAsync() => LinkAsync(NurOwnWords, "NCT03280056");

    /// <summary>The seeded claim containing <paramref name="words"/>, linked (once) to the trial through the editor's form.</summary>
    private async Task<(Claim Claim, Trial Trial)> LinkAsync(string words, string nct)
    {
        var claim = await QueryAsync(db => db.Claims.Include(c => c.Links).FirstAsync(c => c.Quote.Contains(words)));
        var trial = await QueryAsync(db => db.Trials.SingleAsync(t => t.NctId == nct));
        if (claim.Links.Any(l => l.TrialId == trial.Id)) return (claim, trial);

        var page = await _editor.GetPageAsync($"/claims/{claim.Id}?target=trial:{trial.Id}");
        var action = $"/claims/{claim.Id}/links";
        using var response = await _editor.PostFormAsync(action, page, new Dictionary<string, string>
        {
            ["Target"] = page.FormValue(action, "Target"),
            ["Relation"] = "AlludesTo",
            ["Version"] = page.FormValue(action, "Version"),
            ["LoadedAt"] = page.FormValue(action, "LoadedAt"),
        });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (claim, trial);
    }

    [Fact]
    public async Task The_claim_page_shows_the_claim_and_the_registry_record_side_by_side_with_the_flag_and_its_reason()
    {
        var (claim, trial) = await LinkedNurOwnClaimAsync();

        var page = await new HttpClient(_factory.Server.CreateHandler()) { BaseAddress = _factory.Server.BaseAddress }.GetPageAsync($"/claims/{claim.Id}");

        var check = page.QuerySelector($"#check-trial-{trial.Id}");
        check.Should().NotBeNull("the linked trial is compared with the claim");
        var table = check!.QuerySelector("table")!;
        table.QuerySelector("caption")!.TextContent.Should().Contain("Trial NCT03280056");
        table.QuerySelectorAll("thead th[scope=col]").Select(th => th.TextContent).Should().Equal("Aspect", "The claim says", "The registry record says", "Compared");
        table.QuerySelectorAll("tbody th[scope=row]").Select(th => th.TextContent).Should().Contain(["Phase", "Enrolment and participants", "Primary outcome", "Numbers (percentages, survival)"]);

        var outcome = table.QuerySelector("tr[data-aspect=PrimaryOutcome]")!;
        outcome.GetAttribute("data-verdict").Should().Be("Differs");
        outcome.TextContent.Should().Contain("significant delay").And.Contain("PRIMARY ENDPOINT NOT MET");
        var numbers = table.QuerySelector("tr[data-aspect=Numbers]")!;
        numbers.GetAttribute("data-verdict").Should().Be("NotComparable");
        numbers.TextContent.Should().Contain("not comparable");

        var flag = check.QuerySelector(".record-flag[data-flag-kind=primary-outcome]");
        flag.Should().NotBeNull();
        flag!.TextContent.Should().Contain("Primary outcome").And.Contain("The claim says").And.Contain("PRIMARY ENDPOINT NOT MET");
        check.QuerySelectorAll(".record-flag").Should().NotContain(f => f.GetAttribute("data-flag-kind") == "figure", "a survival rate is not compared with responder rates");
        page.QuerySelector("#record-checks .note")!.TextContent.Should().Contain("not an assessment");
    }

    [Fact]
    public async Task The_claims_export_carries_each_flag_with_its_kind_reason_and_trial()
    {
        var (claim, trial) = await LinkedNurOwnClaimAsync();

        var json = await _editor.GetStringAsync(new Uri($"/claims/export.json?source={claim.SourceId}", UriKind.Relative));
        using var document = JsonDocument.Parse(json);
        var exported = document.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == claim.Id);

        var flag = exported.GetProperty("flags").EnumerateArray().Should().ContainSingle().Subject;
        flag.GetProperty("kind").GetString().Should().Be("primary-outcome");
        flag.GetProperty("reason").GetString().Should().Contain("PRIMARY ENDPOINT NOT MET");
        flag.GetProperty("trial").GetProperty("nctId").GetString().Should().Be("NCT03280056");
        flag.GetProperty("trial").GetProperty("id").GetInt32().Should().Be(trial.Id);
        document.RootElement.EnumerateArray().Where(c => c.GetProperty("links").GetArrayLength() == 0)
            .Should().OnlyContain(c => c.GetProperty("flags").GetArrayLength() == 0, "a claim linked to nothing is compared with nothing");
    }

    [Fact]
    public async Task An_editor_dismisses_a_flag_with_a_note_that_stays_visible_and_is_recorded_in_the_history()
    {
        var (claim, trial) = await LinkedNurOwnClaimAsync();
        var action = $"/claims/{claim.Id}/flags/dismiss";
        var page = await _editor.GetPageAsync($"/claims/{claim.Id}");
        var form = page.QuerySelectorAll($"form[action='{action}']").Single(f => f.QuerySelector("input[name=Kind]")!.GetAttribute("value") == "primary-outcome");
        var record = form.QuerySelector("input[name=Record]")!.GetAttribute("value")!;
        record.Should().Be($"trial:{trial.Id}");

        using (var noNote = await _editor.PostFormAsync(action, page, new Dictionary<string, string> { ["Kind"] = "primary-outcome", ["Record"] = record, ["Note"] = " " }))
            noNote.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a dismissal needs its reason");
        using (var notRaised = await _editor.PostFormAsync(action, page, new Dictionary<string, string> { ["Kind"] = "phase", ["Record"] = record, ["Note"] = "Forged." }))
            notRaised.StatusCode.Should().Be(HttpStatusCode.BadRequest, "only a flag the claim has can be dismissed");
        (await QueryAsync(db => db.FlagDismissals.CountAsync(d => d.ClaimId == claim.Id))).Should().Be(0);

        const string note = "The article means the expanded-access cohort, not this trial's primary endpoint.";
        using (var saved = await _editor.PostFormAsync(action, page, new Dictionary<string, string> { ["Kind"] = "primary-outcome", ["Record"] = record, ["Note"] = note }))
            saved.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var after = await _editor.GetPageAsync($"/claims/{claim.Id}");
        var dismissed = after.QuerySelector($"#check-trial-{trial.Id} .record-flag[data-flag-kind=primary-outcome]")!;
        dismissed.ClassList.Should().Contain("record-flag--dismissed", "a dismissed flag is shown as dismissed, not hidden");
        dismissed.QuerySelector(".record-flag__note")!.TextContent.Should().Be(note);
        dismissed.QuerySelector(".record-flag__reason")!.TextContent.Should().Contain("PRIMARY ENDPOINT NOT MET");

        var history = await QueryAsync(db => db.ChangeRecords.Where(r => r.ClaimId == claim.Id && r.EntityType == nameof(FlagDismissal)).ToListAsync());
        history.Should().ContainSingle().Which.Should().Match<ChangeRecord>(r =>
            r.Actor == _email && r.Action == "created" && r.Changes.Any(c => c.Field == "Note" && c.After == note) && r.Changes.Any(c => c.Field == "FlagKind" && c.After == "primary-outcome"));

        var json = await _editor.GetStringAsync(new Uri($"/claims/export.json?source={claim.SourceId}", UriKind.Relative));
        using var document = JsonDocument.Parse(json);
        var flag = document.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == claim.Id).GetProperty("flags")[0];
        flag.GetProperty("dismissed").GetProperty("note").GetString().Should().Be(note);
    }

    [Fact]
    public async Task Readers_see_the_flags_but_no_dismiss_form_and_cannot_post_one()
    {
        var (claim, trial) = await LinkedNurOwnClaimAsync();
        using var reader = _factory.CreateBrowser();

        var page = await reader.GetPageAsync($"/claims/{claim.Id}");
        page.QuerySelector($"#check-trial-{trial.Id} .record-flag[data-flag-kind=primary-outcome]").Should().NotBeNull();
        page.QuerySelector($"form[action='/claims/{claim.Id}/flags/dismiss']").Should().BeNull();

        var login = await reader.GetPageAsync("/account/login");
        using var response = await reader.PostFormAsync($"/claims/{claim.Id}/flags/dismiss", login,
            new Dictionary<string, string> { ["Kind"] = "primary-outcome", ["Record"] = $"trial:{trial.Id}", ["Note"] = "Not an editor." });
        (response.Headers.Location?.OriginalString ?? "").Should().NotStartWith($"/claims/{claim.Id}", "a reader is sent to sign in, not back to a saved dismissal");
        (await QueryAsync(db => db.FlagDismissals.AnyAsync(d => d.Note == "Not an editor."))).Should().BeFalse();
    }

    [Fact]
    public async Task The_review_queue_counts_each_claims_open_flags_and_the_claims_list_filters_by_them()
    {
        var (claim, _) = await LinkAsync("Soon, they will be approved for use in hospital settings.", "NCT03280056");
        var (agreeing, _) = await LinkAsync("NurOwn, another MSC-based product", "NCT06973629");

        string? flagsCell = null;
        for (var page = 1; flagsCell is null && page <= 20; page++)
        {
            var queue = await _editor.GetPageAsync($"/claims/review?source={claim.SourceId}&page={page}");
            var row = queue.QuerySelectorAll("tbody tr").FirstOrDefault(r => r.QuerySelector($"a[href='/claims/{claim.Id}']") is not null);
            flagsCell = row?.QuerySelector("td[data-label=Flags]")!.GetAttribute("data-flags");
            var other = queue.QuerySelectorAll("tbody tr").FirstOrDefault(r => r.QuerySelector($"a[href='/claims/{agreeing.Id}']") is not null);
            other?.QuerySelector("td[data-label=Flags]")!.GetAttribute("data-flags").Should().Be("0", "the phase 3b claim agrees with its registration");
        }
        flagsCell.Should().Be("1", "the claim expects approval; the record holds a refusal and a negative vote");

        var flagged = await _editor.GetPageAsync($"/claims?source={claim.SourceId}&flags=yes");
        var listed = flagged.QuerySelectorAll("a[href^='/claims/']").Select(a => a.GetAttribute("href")).ToList();
        listed.Should().Contain($"/claims/{claim.Id}").And.NotContain($"/claims/{agreeing.Id}");
        var all = await _editor.GetPageAsync($"/claims?source={claim.SourceId}");
        var facet = all.QuerySelectorAll("a").FirstOrDefault(a => a.GetAttribute("href")?.Contains("flags=yes", StringComparison.Ordinal) == true);
        facet.Should().NotBeNull("the list offers the flagged claims");
        facet!.TextContent.Should().Contain("flagged against their trial or study record");
    }

    [Fact]
    public async Task Download_these_claims_with_the_flags_filter_exports_exactly_the_flagged_list()
    {
        var (claim, _) = await LinkAsync("Soon, they will be approved for use in hospital settings.", "NCT03280056");
        var (agreeing, _) = await LinkAsync("NurOwn, another MSC-based product", "NCT06973629");
        var list = await _editor.GetPageAsync($"/claims?source={claim.SourceId}&flags=yes");
        var listed = list.QuerySelectorAll("table a[href^='/claims/']").Select(a => a.GetAttribute("href")!)
            .Where(h => System.Text.RegularExpressions.Regex.IsMatch(h, "^/claims/[0-9]+$")).Distinct().ToList();
        var download = list.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("Download these", StringComparison.Ordinal)).GetAttribute("href")!;

        using var export = JsonDocument.Parse(await _editor.GetStringAsync(new Uri(download, UriKind.Relative)));

        download.Should().Contain("flags=yes").And.Contain($"source={claim.SourceId}");
        listed.Should().Contain($"/claims/{claim.Id}").And.NotContain($"/claims/{agreeing.Id}");
        export.RootElement.EnumerateArray().Select(c => $"/claims/{c.GetProperty("id").GetInt32()}").Should().BeEquivalentTo(listed, "the download is the flagged list");
    }

    [Fact]
    public async Task The_evidence_map_can_count_only_the_claims_flagged_against_their_record()
    {
        var (claim, _) = await LinkedNurOwnClaimAsync();
        var reader = new HttpClient(_factory.Server.CreateHandler()) { BaseAddress = _factory.Server.BaseAddress };

        var all = await reader.GetPageAsync("/evidence-map?view=trials");
        all.QuerySelector("#map-flags a")!.GetAttribute("href").Should().Be("/evidence-map?view=trials&flags=yes");

        var flagged = await reader.GetPageAsync("/evidence-map?view=trials&flags=yes");
        var note = flagged.QuerySelector("#map-flags")!;
        var count = int.Parse(System.Text.RegularExpressions.Regex.Match(note.QuerySelector("strong")!.TextContent, "^[0-9,]+").Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        var expected = (await _factory.Services.CreateScope().ServiceProvider.GetRequiredService<KnowledgeBase.Web.Features.Claims.ClaimRecordChecks>()
            .OpenFlagCountsAsync(await QueryAsync(db => db.Claims.Where(c => c.Links.Any(l => l.TrialId != null || l.StudyId != null)).Select(c => c.Id).ToListAsync()), default)).Count;
        count.Should().Be(expected).And.BeGreaterThan(0, "the NurOwn claim {0} is flagged against its phase 3 trial", claim.Id);
        note.QuerySelector("a")!.GetAttribute("href").Should().Be("/evidence-map?view=trials");
        flagged.QuerySelector("nav.map-views a[aria-current=page]")!.GetAttribute("href").Should().Be("/evidence-map?view=trials&flags=yes", "switching views keeps the filter");

        var unknown = await reader.GetPageAsync("/evidence-map?flags=maybe");
        unknown.QuerySelector("p.notice[role=status]")!.TextContent.Should().Contain("no flags filter “maybe”");
    }
}
