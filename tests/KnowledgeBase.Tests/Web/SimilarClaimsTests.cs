using System.Net;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// A claim's page lists the same claim from other sources with the evidence editors recorded for it, and an
/// editor reuses that evidence in one click. Two synthetic articles repeat one claim in different words.
/// </summary>
public sealed class SimilarClaimsTests : IClassFixture<KnowledgeBaseAppFactory>, IAsyncLifetime
{
    private const string ClaimA = "Umbilical cord stem cell injections doubled the survival of 67 patients with ALS in a Polish clinic trial.";
    private const string ClaimB = "In a Polish clinic trial, umbilical cord stem cell injections doubled survival for 67 ALS patients.";

    private readonly KnowledgeBaseAppFactory _factory;
    private readonly HttpClient _editor;
    private readonly string _email = $"editor-{Guid.NewGuid():N}@example.org";

    public SimilarClaimsTests(KnowledgeBaseAppFactory factory)
    {
        _factory = factory;
        _editor = factory.CreateBrowser();
    }

    public async Task InitializeAsync()
    {
        await _factory.CreateAccountAsync(_email, AccountRole.Editor);
        await _editor.SignInAsync(_email);
        _ = _factory.Server;
        await using var scope = _factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<Importer>();
        foreach (var (name, text) in new[]
        {
            ("similar-a.txt", "Amyotrophic lateral sclerosis weakens the muscles over time.\n\n" + ClaimA + "\n\nThe cells are prepared in a licensed laboratory.\n"),
            ("similar-b.txt", "Motor neuron disease has few treatment options.\n\n" + ClaimB + "\n\nEach patient is assessed before the first session.\n"),
        })
        {
            var result = await importer.ImportContentAsync(name, System.Text.Encoding.UTF8.GetBytes(text));
            result.Error.Should().BeNull(name);
        }
    }

    public Task DisposeAsync()
    {
        _editor.Dispose();
        return Task.CompletedTask;
    }

    private async Task<(int A, int B, int Study13, int Study27)> SetUpAsync() => await _factory.QueryAsync(async db =>
    {
        var a = await db.Claims.Where(c => c.Source!.FileName == "similar-a.txt" && c.Quote.Contains("doubled the survival")).Select(c => c.Id).SingleAsync();
        var b = await db.Claims.Where(c => c.Source!.FileName == "similar-b.txt" && c.Quote.Contains("doubled survival")).Select(c => c.Id).SingleAsync();
        var s13 = await db.Studies.Where(s => s.LibraryId == "REC-13").Select(s => s.Id).SingleAsync();
        var s27 = await db.Studies.Where(s => s.LibraryId == "REC-27").Select(s => s.Id).SingleAsync();
        if (!await db.EvidenceLinks.AnyAsync(l => l.ClaimId == a))
        {
            db.EvidenceLinks.Add(new EvidenceLink { ClaimId = a, StudyId = s13, Relation = EvidenceRelation.AlludesTo, Assessment = EvidenceAssessment.Overstated, CreatedBy = "other-editor" });
            db.EvidenceLinks.Add(new EvidenceLink { ClaimId = a, StudyId = s27, Relation = EvidenceRelation.AlludesTo, Assessment = EvidenceAssessment.Unsupported, CreatedBy = "other-editor" });
            await db.SaveChangesAsync();
        }
        return (a, b, s13, s27);
    });

    [Fact]
    public async Task A_claim_page_lists_the_same_claim_from_another_source_with_its_assessments()
    {
        var (a, b, _, _) = await SetUpAsync();

        var page = await _editor.GetPageAsync($"/claims/{b}");

        var similar = page.QuerySelectorAll("#similar-claims .similar-claim").Single(li => li.QuerySelector($"a[href='/claims/{a}']") is not null);
        similar.TextContent.Should().Contain(ClaimA);
        similar.QuerySelector(".similar-claim__summary")!.TextContent.Should().Be("assessed twice: overstated once, unsupported once");
        var links = similar.QuerySelectorAll(".similar-claim__links > li");
        links.Should().HaveCount(2);
        // Each recorded link offers a reuse form with its antiforgery token, unless this claim already links it (another test may reuse one).
        links.Should().OnlyContain(li => li.QuerySelector($"form[action='/claims/{b}/links/reuse'] input[name=__RequestVerificationToken]") != null
            || li.TextContent.Contains("linked here too", StringComparison.Ordinal));
        page.QuerySelectorAll("#similar-claims a").Should().NotContain(l => l.GetAttribute("href") == $"/claims/{b}", "a claim is not similar to itself");
    }

    [Fact]
    public async Task Reusing_a_link_records_a_new_link_by_this_editor_in_the_history()
    {
        var (a, b, study13, _) = await SetUpAsync();
        var page = await _editor.GetPageAsync($"/claims/{b}");
        var linkId = await _factory.QueryAsync(db => db.EvidenceLinks.Where(l => l.ClaimId == a && l.StudyId == study13).Select(l => l.Id).SingleAsync());
        var form = $"form[action='/claims/{b}/links/reuse']";

        using var response = await _editor.PostFormAsync($"/claims/{b}/links/reuse", page, new Dictionary<string, string>
        {
            ["LinkId"] = linkId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Version"] = page.QuerySelector($"{form} input[name=Version]")!.GetAttribute("value")!,
            ["LoadedAt"] = page.QuerySelector($"{form} input[name=LoadedAt]")!.GetAttribute("value")!,
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var link = await _factory.QueryAsync(db => db.EvidenceLinks.SingleAsync(l => l.ClaimId == b && l.StudyId == study13));
        link.CreatedBy.Should().Be(_email);
        link.Relation.Should().Be(EvidenceRelation.AlludesTo);
        link.Assessment.Should().Be(EvidenceAssessment.Overstated);
        (await _factory.QueryAsync(db => db.ChangeRecords.AnyAsync(r => r.EntityType == nameof(EvidenceLink) && r.EntityId == link.Id && r.Action == "created" && r.Actor == _email)))
            .Should().BeTrue();

        var after = await _editor.GetPageAsync($"/claims/{b}");
        after.QuerySelectorAll("#similar-claims form").Should().HaveCount(1, "the reused record is now linked here and not offered again");
        after.QuerySelector("#similar-claims")!.TextContent.Should().Contain("linked here too");
    }

    [Fact]
    public async Task Readers_see_similar_claims_without_the_reuse_forms()
    {
        var (a, b, _, _) = await SetUpAsync();
        using var reader = _factory.CreateBrowser();

        var page = await reader.GetPageAsync($"/claims/{b}");

        page.QuerySelector($"#similar-claims a[href='/claims/{a}']").Should().NotBeNull();
        page.QuerySelectorAll("#similar-claims form").Should().BeEmpty();
    }

    [Fact]
    public async Task Reusing_without_being_signed_in_is_refused()
    {
        var (_, b, _, _) = await SetUpAsync();
        using var reader = _factory.CreateBrowser();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["LinkId"] = "1" });

        using var response = await reader.PostAsync(new Uri($"/claims/{b}/links/reuse", UriKind.Relative), content);

        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await _factory.QueryAsync(db => db.EvidenceLinks.CountAsync(l => l.ClaimId == b && l.CreatedBy != _email))).Should().Be(0);
    }
}
