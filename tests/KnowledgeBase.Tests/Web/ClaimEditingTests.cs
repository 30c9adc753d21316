using System.Net;
using System.Text.Json;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>An editor's work on claims, through real HTTP requests against the real app and a real SQLite file.</summary>
public sealed class ClaimEditingTests : IClassFixture<KnowledgeBaseAppFactory>, IAsyncLifetime
{
    private readonly KnowledgeBaseAppFactory _factory;
    private readonly HttpClient _editor;
    private readonly string _email = $"editor-{Guid.NewGuid():N}@example.org";

    public ClaimEditingTests(KnowledgeBaseAppFactory factory)
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

    private Task<Claim> ClaimContainingAsync(string words) =>
        QueryAsync(db => db.Claims.Include(c => c.Links).FirstAsync(c => c.Quote.Contains(words)));

    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    [Fact]
    public async Task An_editor_confirms_a_candidate_and_the_change_is_recorded_with_its_author()
    {
        var claim = await ClaimContainingAsync("administered MSCs in 67 patients");
        var page = await _editor.GetPageAsync($"/claims/{claim.Id}");

        using var response = await _editor.PostFormAsync($"/claims/{claim.Id}/status", page, Fields(
            ("Status", "Confirmed"),
            ("Version", page.FormValue($"/claims/{claim.Id}/status", "Version")),
            ("LoadedAt", page.FormValue($"/claims/{claim.Id}/status", "LoadedAt"))));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = await ClaimContainingAsync("administered MSCs in 67 patients");
        saved.Status.Should().Be(ClaimStatus.Confirmed);
        var history = await QueryAsync(db => db.ChangeRecords.Where(r => r.ClaimId == claim.Id && r.Action == "updated").ToListAsync());
        history.Should().Contain(r => r.Actor == _email && r.Changes.Any(c => c.Field == "Status" && c.Before == "Candidate" && c.After == "Confirmed"));
    }

    [Fact]
    public async Task An_editor_accepts_a_suggested_study_and_records_relation_assessment_and_note()
    {
        var claim = await ClaimContainingAsync("administered MSCs in 67 patients");
        var barczewska = await QueryAsync(db => db.Studies.SingleAsync(s => s.LibraryId == "REC-13"));
        var page = await _editor.GetPageAsync($"/claims/{claim.Id}");
        var first = page.QuerySelector(".suggestion")!;
        first.QuerySelector(".suggestion__title")!.GetAttribute("href").Should().Be($"/studies/{barczewska.Id}");
        first.QuerySelectorAll(".suggestion__reasons li").Select(li => li.TextContent).Should().Contain(r => r.Contains("Barczewska", StringComparison.Ordinal));

        var chosen = await _editor.GetPageAsync(first.QuerySelector("a.button")!.GetAttribute("href")!.Split('#')[0]);
        var action = $"/claims/{claim.Id}/links";
        using var response = await _editor.PostFormAsync(action, chosen, Fields(
            ("Target", chosen.FormValue(action, "Target")),
            ("Relation", "CitesExplicitly"),
            ("Assessment", "Overstated"),
            ("Note", "The paper reports a **two-fold** median survival; no hazard ratio of 0.3 is given."),
            ("Version", chosen.FormValue(action, "Version")),
            ("LoadedAt", chosen.FormValue(action, "LoadedAt"))));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var claimPage = await _editor.GetPageAsync($"/claims/{claim.Id}");
        var evidence = claimPage.QuerySelector(".evidence")!;
        evidence.QuerySelector($"a[href='/studies/{barczewska.Id}']").Should().NotBeNull();
        evidence.TextContent.Should().Contain("Cites explicitly").And.Contain("Overstated");
        evidence.QuerySelector(".evidence__note strong")!.TextContent.Should().Be("two-fold");

        var studyPage = await _editor.GetPageAsync($"/studies/{barczewska.Id}");
        studyPage.QuerySelector($"a[href^='/claims/{claim.Id}']").Should().NotBeNull("the study page lists the claims that rely on it");
    }

    [Fact]
    public async Task No_citation_given_is_recorded_without_a_target_and_refused_with_one()
    {
        var claim = await ClaimContainingAsync("immunomodulatory support");
        var study = await QueryAsync(db => db.Studies.FirstAsync());
        var page = await _editor.GetPageAsync($"/claims/{claim.Id}");
        var action = $"/claims/{claim.Id}/links";

        using var refused = await _editor.PostFormAsync(action, page, Fields(
            ("Target", $"study:{study.Id}"), ("Relation", "NoCitationGiven"), ("Assessment", "NotCheckable"),
            ("Version", page.FormValue(action, "Version")), ("LoadedAt", page.FormValue(action, "LoadedAt"))));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await WebTestExtensions.ParseAsync(refused)).QuerySelector(".form-errors")!.TextContent.Should().Contain("No citation given");

        using var accepted = await _editor.PostFormAsync(action, page, Fields(
            ("Target", ""), ("Relation", "NoCitationGiven"), ("Assessment", "NotCheckable"),
            ("Version", page.FormValue(action, "Version")), ("LoadedAt", page.FormValue(action, "LoadedAt"))));
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var links = await QueryAsync(db => db.EvidenceLinks.Where(l => l.ClaimId == claim.Id).ToListAsync());
        links.Should().ContainSingle().Which.Should().Match<EvidenceLink>(l => l.Relation == EvidenceRelation.NoCitationGiven && l.StudyId == null && l.TrialId == null);
    }

    [Fact]
    public async Task Searching_the_library_ignores_case_on_every_provider()
    {
        // Any claim: the search box is the same on every claim page (others' tests may change a claim's words).
        var claim = await QueryAsync(db => db.Claims.OrderBy(c => c.Id).FirstAsync());

        async Task<List<string>> ResultsFor(string query) =>
            (await _editor.GetPageAsync($"/claims/{claim.Id}?q={Uri.EscapeDataString(query)}"))
                .QuerySelectorAll(".search-results li > a:first-child").Select(a => a.GetAttribute("href")!).ToList();

        var lower = await ResultsFor("mesenchymal");
        lower.Should().NotBeEmpty("the library has studies of mesenchymal stem cells");
        (await ResultsFor("MESENCHYMAL")).Should().Equal(lower);
        (await ResultsFor("Mesenchymal")).Should().Equal(lower);
    }

    [Fact]
    public async Task Two_editors_saving_the_same_claim_at_once_never_overwrite_each_other()
    {
        var claim = await ClaimContainingAsync("long-term safety study spanning 9 years");
        var otherEmail = $"other-{Guid.NewGuid():N}@example.org";
        await _factory.CreateAccountAsync(otherEmail, AccountRole.Editor);
        using var other = _factory.CreateBrowser();
        await other.SignInAsync(otherEmail);
        var action = $"/claims/{claim.Id}/span";
        var mine = await _editor.GetPageAsync($"/claims/{claim.Id}");
        var theirs = await other.GetPageAsync($"/claims/{claim.Id}");
        const string myWords = "again performed a long-term safety study spanning 9 years";
        const string theirWords = "The 19 patients of the study received MSCs";

        var responses = await Task.WhenAll(
            _editor.PostFormAsync(action, mine, Fields(("Quote", myWords), ("Version", mine.FormValue(action, "Version")), ("LoadedAt", mine.FormValue(action, "LoadedAt")))),
            other.PostFormAsync(action, theirs, Fields(("Quote", theirWords), ("Version", theirs.FormValue(action, "Version")), ("LoadedAt", theirs.FormValue(action, "LoadedAt")))));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Redirect, HttpStatusCode.Conflict]);
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        var winnerWords = ReferenceEquals(loser, responses[0]) ? theirWords : myWords;
        var loserWords = ReferenceEquals(loser, responses[0]) ? myWords : theirWords;
        var conflictPage = await WebTestExtensions.ParseAsync(loser);
        conflictPage.QuerySelector(".conflict")!.TextContent.Should().Contain("Quote");
        conflictPage.QuerySelector("#span-quote")!.TextContent.Should().Be(loserWords, "the loser's input is kept, ready to re-apply");
        (await ClaimContainingAsync(winnerWords)).Id.Should().Be(claim.Id, "the first save stands");

        // Re-applying from the conflict page (which carries the new version) succeeds.
        var loserClient = ReferenceEquals(loser, responses[0]) ? _editor : other;
        using var reapplied = await loserClient.PostFormAsync(action, conflictPage, Fields(
            ("Quote", loserWords), ("Version", conflictPage.FormValue(action, "Version")), ("LoadedAt", conflictPage.FormValue(action, "LoadedAt"))));
        reapplied.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await QueryAsync(db => db.Claims.SingleAsync(c => c.Id == claim.Id))).Quote.Should().Be(loserWords);
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task An_editor_adds_a_missed_claim_by_pasting_its_words_with_straight_quotes()
    {
        var source = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "000_0a69e49d4b7b84ee.txt"));
        var page = await _editor.GetPageAsync($"/sources/{source.Id}");
        const string pasted = "neurotrophic growth factor secretion of patients' cells was shown to be induced";

        using var response = await _editor.PostFormAsync($"/sources/{source.Id}/claims", page, Fields(("Quote", pasted), ("Near", "")));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var created = await QueryAsync(db => db.Claims.Where(c => c.SourceId == source.Id && c.CreatedBy == _email).ToListAsync());
        var claim = created.Should().ContainSingle().Subject;
        claim.Quote.Should().Be("neurotrophic growth factor secretion of patients’ cells was shown to be induced", "the claim keeps the article's exact text");
        source.CleanedText[claim.Start..claim.End].Should().Be(claim.Quote);
        claim.Status.Should().Be(ClaimStatus.Confirmed);
    }

    [Fact]
    public async Task Words_not_in_the_article_are_refused_and_kept_for_correction()
    {
        var source = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "003_b91c22ed071beb9d.txt"));
        var page = await _editor.GetPageAsync($"/sources/{source.Id}");

        using var response = await _editor.PostFormAsync($"/sources/{source.Id}/claims", page, Fields(("Quote", "Stem cells cure ALS in every patient"), ("Near", "")));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var back = await _editor.GetPageAsync(response.Headers.Location!.OriginalString.Split('#')[0]);
        back.QuerySelector("#add-claim .form-errors")!.TextContent.Should().Contain("not in the article");
        back.QuerySelector("#new-claim-quote")!.TextContent.Should().Be("Stem cells cure ALS in every patient");
    }

    [Fact]
    public async Task A_reader_sees_no_editing_forms()
    {
        using var reader = _factory.CreateBrowser();
        var claim = await ClaimContainingAsync("administered MSCs in 67 patients");

        var page = await reader.GetPageAsync($"/claims/{claim.Id}");

        page.QuerySelectorAll("form[method=post]").Should().BeEmpty();
        page.QuerySelectorAll(".suggestion").Should().NotBeEmpty("readers see what a claim probably cites too");
    }

    [Fact]
    public async Task The_review_queue_lists_claims_without_assessed_evidence_oldest_first()
    {
        var source = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "002_686357fa200a96a7.txt"));
        var ids = await QueryAsync(async db =>
        {
            var claims = await db.Claims.Where(c => c.SourceId == source.Id).OrderBy(c => c.Id).Take(4).ToListAsync();
            var study = await db.Studies.FirstAsync();
            claims[0].Status = ClaimStatus.Rejected;
            claims[1].Links.Add(new EvidenceLink { StudyId = study.Id, Relation = EvidenceRelation.AlludesTo, Assessment = EvidenceAssessment.Unsupported, CreatedBy = "e@example.org" });
            claims[2].Links.Add(new EvidenceLink { StudyId = study.Id, Relation = EvidenceRelation.AlludesTo, Assessment = null, CreatedBy = "e@example.org" });
            await db.SaveChangesAsync();
            return claims.Select(c => c.Id).ToList();
        });

        var page = await _editor.GetPageAsync($"/claims/review?source={source.Id}");

        var listed = page.QuerySelectorAll("table tbody tr td:first-child a")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        listed.Should().NotContain(ids[0], "a rejected claim needs no review");
        listed.Should().NotContain(ids[1], "its evidence is assessed");
        listed.Should().Contain(ids[2], "its evidence is not assessed yet").And.Contain(ids[3], "it has no evidence yet");
        listed.IndexOf(ids[2]).Should().BeLessThan(listed.IndexOf(ids[3]), "older claims come first");
        page.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).Should().Contain(t => t.Contains("an assessment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_review_queue_can_be_ordered_by_confidence_with_claims_without_one_last()
    {
        var source = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "003_b91c22ed071beb9d.txt"));
        var ids = await QueryAsync(async db =>
        {
            var claims = await db.Claims.Where(c => c.SourceId == source.Id && c.Status != ClaimStatus.Rejected && !c.Links.Any()).OrderBy(c => c.Id).Take(3).ToListAsync();
            claims[0].Confidence = 0.20;
            claims[1].Confidence = null;
            claims[2].Confidence = 0.95;
            await db.SaveChangesAsync();
            return claims.Select(c => c.Id).ToList();
        });

        var page = await _editor.GetPageAsync($"/claims/review?source={source.Id}&sort=confidence");

        var listed = page.QuerySelectorAll("table tbody tr td:first-child a")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        listed.IndexOf(ids[2]).Should().BeLessThan(listed.IndexOf(ids[0]), "the most likely claim comes first");
        listed.IndexOf(ids[0]).Should().BeLessThan(listed.IndexOf(ids[1]), "a claim without a confidence sorts last");
        page.QuerySelector("#review-sort option[selected]")!.GetAttribute("value").Should().Be("confidence", "the choice is kept in the form");
        page.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).Should().Contain(t => t.Contains("95%", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_json_export_gives_each_claim_its_anchor_source_links_and_ranked_suggestions()
    {
        var source = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "004_e7acfcdfef7a4db6.txt"));

        using var response = await _editor.GetAsync(new Uri($"/claims/export.json?source={source.Id}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var claims = json.RootElement.EnumerateArray().ToList();
        claims.Should().HaveCount(await QueryAsync(db => db.Claims.CountAsync(c => c.SourceId == source.Id)));
        foreach (var claim in claims)
        {
            var start = claim.GetProperty("start").GetInt32();
            var end = claim.GetProperty("end").GetInt32();
            claim.GetProperty("quote").GetString().Should().Be(source.CleanedText[start..end]);
            claim.GetProperty("source").GetProperty("fileName").GetString().Should().Be(source.FileName);
            var scores = claim.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("score").GetDouble()).ToList();
            scores.Should().BeInDescendingOrder();
        }
        var barzewska = claims.Single(c => c.GetProperty("quote").GetString()!.Contains("Barzewska et al.", StringComparison.Ordinal));
        var top = barzewska.GetProperty("suggestions")[0];
        top.GetProperty("study").GetProperty("pmid").GetString().Should().Be("32725316");
        top.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).Should().Contain(r => r!.Contains("67", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readers_never_see_an_editors_email_address()
    {
        var source = await QueryAsync(db => db.Sources.SingleAsync(s => s.FileName == "003_b91c22ed071beb9d.txt"));
        var page = await _editor.GetPageAsync($"/sources/{source.Id}");
        using (var added = await _editor.PostFormAsync($"/sources/{source.Id}/claims", page, Fields(("Quote", "Presently, there is no cure for ALS"), ("Near", ""))))
            added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var claim = await QueryAsync(db => db.Claims.SingleAsync(c => c.SourceId == source.Id && c.CreatedBy == _email));
        var claimPage = await _editor.GetPageAsync($"/claims/{claim.Id}");
        var action = $"/claims/{claim.Id}/links";
        using (var linked = await _editor.PostFormAsync(action, claimPage, Fields(("Target", ""), ("Relation", "NoCitationGiven"), ("Assessment", "NotCheckable"),
            ("Version", claimPage.FormValue(action, "Version")), ("LoadedAt", claimPage.FormValue(action, "LoadedAt")))))
            linked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var reader = _factory.CreateBrowser();

        var asReader = await reader.GetAsync(new Uri($"/claims/{claim.Id}", UriKind.Relative));
        var json = await reader.GetStringAsync(new Uri($"/claims/export.json?source={source.Id}", UriKind.Relative));
        var csv = await reader.GetStringAsync(new Uri($"/export/claim-links.csv?source={source.Id}", UriKind.Relative));

        (await asReader.Content.ReadAsStringAsync()).Should().NotContain(_email).And.Contain("an editor");
        json.Should().NotContain(_email);
        csv.Should().NotContain(_email);
        (await _editor.GetStringAsync(new Uri($"/claims/{claim.Id}", UriKind.Relative))).Should().Contain(_email, "signed-in users see who did what");
    }

    [Fact]
    public async Task A_study_added_to_the_library_is_suggested_on_the_next_request()
    {
        var claim = await ClaimContainingAsync("administered MSCs in 67 patients");
        await _editor.GetPageAsync($"/claims/{claim.Id}"); // the suggestions' index is built and kept

        await QueryAsync(async db =>
        {
            db.Studies.Add(new Study { Title = "A five-year follow-up of 67 treated patients", Authors = "Barczewska M, Grudniak M", Year = 2024, Participants = 67, ImportedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var page = await _editor.GetPageAsync($"/claims/{claim.Id}");

        page.QuerySelectorAll(".suggestion__title").Select(a => a.TextContent).Should().Contain(t => t.Contains("five-year follow-up", StringComparison.Ordinal));
    }
}
