using System.Net;
using AngleSharp.Html.Dom;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// No silent defaults when an editor takes a suggestion: the relation is chosen by the editor, pre-selected
/// only when the claim names the record (and the page says so); a link without an assessment says so wherever it shows.
/// </summary>
public sealed class EvidenceChoiceTests : IClassFixture<KnowledgeBaseAppFactory>, IAsyncLifetime
{
    private readonly KnowledgeBaseAppFactory _factory;
    private readonly HttpClient _editor;
    private readonly string _email = $"editor-{Guid.NewGuid():N}@example.org";

    public EvidenceChoiceTests(KnowledgeBaseAppFactory factory)
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

    private Task<int> ClaimIdAsync(string words) =>
        _factory.QueryAsync(db => db.Claims.Where(c => c.Quote.Contains(words)).Select(c => c.Id).FirstAsync());

    /// <summary>Follows the "Use this" of the first suggestion, as the editor clicks it.</summary>
    private async Task<(IHtmlDocument Page, string Target)> UseFirstSuggestionAsync(int claimId)
    {
        var page = await _editor.GetPageAsync($"/claims/{claimId}");
        var use = page.QuerySelector("#suggestions .suggestion a.button")!.GetAttribute("href")!;
        var target = Uri.UnescapeDataString(use.Split("target=")[1].Split('#')[0]);
        return (await _editor.GetPageAsync(use), target);
    }

    private static IEnumerable<string> CheckedRelations(IHtmlDocument page) =>
        page.QuerySelectorAll("#record-evidence input[name=Relation]").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value);

    [Fact]
    public async Task A_suggestion_the_claim_does_not_name_leaves_the_relation_to_the_editor()
    {
        var claimId = await ClaimIdAsync("included 8 patients whose ALS was either definite or probable");

        var (page, _) = await UseFirstSuggestionAsync(claimId);

        CheckedRelations(page).Should().BeEmpty("the claim gives a count and a phase, it does not name the record");
        page.QuerySelector("#relation-preselected").Should().BeNull();
        page.QuerySelector("#record-evidence")!.TextContent.Should().Contain("nothing is pre-selected");
    }

    [Fact]
    public async Task A_suggestion_the_claim_names_is_pre_selected_as_cited_and_the_page_says_why()
    {
        var claimId = await ClaimIdAsync("administered MSCs in 67 patients");

        var (page, _) = await UseFirstSuggestionAsync(claimId);

        CheckedRelations(page).Should().Equal("CitesExplicitly");
        page.QuerySelector("#relation-preselected")!.TextContent.Should().Contain("names this record").And.Contain("Author Barczewska");
    }

    [Fact]
    public async Task A_search_result_the_claim_does_not_name_is_not_pre_selected()
    {
        var claimId = await ClaimIdAsync("administered MSCs in 67 patients");
        var search = await _editor.GetPageAsync($"/claims/{claimId}?q=Cochrane");
        var use = search.QuerySelector(".search-results a.button")!.GetAttribute("href")!;

        var page = await _editor.GetPageAsync(use);

        CheckedRelations(page).Should().BeEmpty();
    }

    [Fact]
    public async Task Recording_without_choosing_a_relation_is_refused_and_saves_nothing()
    {
        var claimId = await ClaimIdAsync("included 8 patients whose ALS was either definite or probable");
        var (page, target) = await UseFirstSuggestionAsync(claimId);
        var before = await _factory.QueryAsync(db => db.EvidenceLinks.CountAsync(l => l.ClaimId == claimId));

        using var response = await _editor.PostFormAsync($"/claims/{claimId}/links", page, new Dictionary<string, string>
        {
            ["Target"] = target,
            ["Assessment"] = "",
            ["Note"] = "",
            ["Version"] = page.FormValue($"/claims/{claimId}/links", "Version"),
            ["LoadedAt"] = page.FormValue($"/claims/{claimId}/links", "LoadedAt"),
        });

        response.StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        (await WebTestExtensions.ParseAsync(response)).QuerySelector(".form-errors")!.TextContent.Should().Contain("Choose how the claim relates to the evidence.");
        (await _factory.QueryAsync(db => db.EvidenceLinks.CountAsync(l => l.ClaimId == claimId))).Should().Be(before);
    }

    [Fact]
    public async Task A_link_recorded_without_an_assessment_shows_not_assessed_yet_on_the_claim_and_the_record()
    {
        var claimId = await ClaimIdAsync("6 clinical trials were analyzed");
        var (page, target) = await UseFirstSuggestionAsync(claimId);
        using var response = await _editor.PostFormAsync($"/claims/{claimId}/links", page, new Dictionary<string, string>
        {
            ["Target"] = target,
            ["Relation"] = "AlludesTo",
            ["Assessment"] = "",
            ["Note"] = "",
            ["Version"] = page.FormValue($"/claims/{claimId}/links", "Version"),
            ["LoadedAt"] = page.FormValue($"/claims/{claimId}/links", "LoadedAt"),
        });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var claim = await _editor.GetPageAsync($"/claims/{claimId}");
        claim.QuerySelectorAll("#evidence .evidence").Should().Contain(e => e.TextContent.Contains("Not assessed yet", StringComparison.Ordinal));
        var record = await _editor.GetPageAsync("/" + target.Replace("study:", "studies/", StringComparison.Ordinal).Replace("trial:", "trials/", StringComparison.Ordinal));
        record.QuerySelectorAll("tr").Should().Contain(r => r.TextContent.Contains("6 clinical trials", StringComparison.Ordinal) && r.TextContent.Contains("Not assessed yet", StringComparison.Ordinal));
    }
}
