using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using KnowledgeBase.Browsing;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// Sources classified by therapy kind and condition: stored at import, browsed with counts on /sources and /claims,
/// corrected by editors (with history, and kept through re-derivation). The real app on a real SQLite file.
/// </summary>
public sealed class SourceClassificationWebTests : IClassFixture<KnowledgeBaseAppFactory>, IAsyncLifetime
{
    private readonly KnowledgeBaseAppFactory _factory;
    private readonly HttpClient _reader;
    private readonly HttpClient _editor;
    private readonly string _email = $"editor-{Guid.NewGuid():N}@example.org";

    public SourceClassificationWebTests(KnowledgeBaseAppFactory factory)
    {
        _factory = factory;
        _reader = factory.CreateBrowser();
        _editor = factory.CreateBrowser();
    }

    public async Task InitializeAsync()
    {
        await _factory.CreateAccountAsync(_email, AccountRole.Editor);
        await _editor.SignInAsync(_email);
        // Four synthetic sources beside the seven seed articles (all stem cells for ALS).
        await _factory.QueryAsync(async db =>
        {
            if (await db.Sources.AnyAsync(s => s.FileName.StartsWith("synthetic-class-"))) return 0;
            db.Sources.AddRange(
                Synthetic("synthetic-class-1.txt", "PRP for Sore Knees", [SourceTaxonomy.Prp], ["joints-sports-injuries"]),
                Synthetic("synthetic-class-2.txt", "PRP for Hair Loss", [SourceTaxonomy.Prp], ["hair-loss"]),
                Synthetic("synthetic-class-3.txt", "Ozone for Stiff Knees", [SourceTaxonomy.Ozone], ["joints-sports-injuries"]),
                Synthetic("synthetic-class-4.txt", "Peptides for Tired Hearts", [SourceTaxonomy.Peptides], ["ageing-wellness"]));
            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync()
    {
        _reader.Dispose();
        _editor.Dispose();
        return Task.CompletedTask;
    }

    private static Source Synthetic(string file, string title, string[] kinds, string[] conditions)
    {
        var text = $"{title}\n\nA short synthetic article about {title.ToLowerInvariant()}.";
        var source = new Source
        {
            Title = title, OriginalText = text, CleanedText = text, FileName = file,
            ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
        };
        source.Classify(kinds, conditions, SourceClassifier.Version);
        return source;
    }

    private static string Text(IElement? element) => element?.TextContent.Trim() ?? "";

    private static Dictionary<string, (int Count, string Href, bool Selected)> Facet(IHtmlDocument page, string key) =>
        page.QuerySelectorAll($"nav[aria-labelledby='facet-{key}'] a.facet__link").ToDictionary(
            a => Text(a.QuerySelector(".facet__label")),
            a => (int.Parse(Text(a.QuerySelector(".facet__count")).Split(' ')[0].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture),
                a.GetAttribute("href")!, a.GetAttribute("aria-current") == "true"));

    private static List<string> Titles(IHtmlDocument page) => [.. page.QuerySelectorAll("table tbody tr th a.cell-title").Select(a => Text(a))];

    [Fact]
    public async Task Seed_articles_are_classified_at_import_as_stem_cells_for_als()
    {
        var seeds = await _factory.QueryAsync(db => db.Sources.Where(s => !s.FileName.StartsWith("synthetic-class-"))
            .Select(s => new { s.ClassificationVersion, Kinds = s.TherapyKinds.Select(k => k.Slug).ToList(), Conditions = s.Conditions.Select(c => c.Slug).ToList() })
            .ToListAsync());

        seeds.Should().HaveCount(7);
        seeds.Should().OnlyContain(s => s.ClassificationVersion == SourceClassifier.Version && s.Conditions.Contains("als") && s.Kinds.Count > 0);
    }

    [Fact]
    public async Task Sources_list_counts_each_value_and_filters_by_kind_and_condition()
    {
        var all = await _reader.GetPageAsync("/sources");
        var kinds = Facet(all, "kind");
        kinds["Platelet-rich plasma (PRP)"].Count.Should().Be(2);
        kinds["Ozone"].Count.Should().Be(1);
        Facet(all, "condition")["Joint osteoarthritis and sports injuries"].Count.Should().Be(2);
        Facet(all, "condition")["ALS / motor neuron disease"].Count.Should().Be(7);

        var prp = await _reader.GetPageAsync(kinds["Platelet-rich plasma (PRP)"].Href);
        Titles(prp).Should().BeEquivalentTo("PRP for Sore Knees", "PRP for Hair Loss");
        var conditionsUnderPrp = Facet(prp, "condition");
        conditionsUnderPrp.Should().HaveCount(2, "the condition counts are taken with the kind filter");
        conditionsUnderPrp["Hair loss"].Count.Should().Be(1);
        Facet(prp, "kind")["Platelet-rich plasma (PRP)"].Selected.Should().BeTrue();
        Facet(prp, "kind")["Ozone"].Count.Should().Be(1, "a kind's count is what its link adds (OR within the facet)");

        var both = await _reader.GetPageAsync("/sources?kind=prp&kind=ozone&condition=joints-sports-injuries");
        Titles(both).Should().BeEquivalentTo("PRP for Sore Knees", "Ozone for Stiff Knees");

        var unknown = await _reader.GetPageAsync("/sources?condition=scurvy");
        Text(unknown.QuerySelector(".notice")).Should().Contain("scurvy");
        Titles(unknown).Should().HaveCount(await _factory.QueryAsync(db => db.Sources.CountAsync()));
    }

    [Fact]
    public async Task Claims_list_filters_by_the_condition_and_kind_of_their_source()
    {
        var expected = await _factory.QueryAsync(db => db.Claims.CountAsync(c => c.Source!.Conditions.Any(x => x.Slug == "als")));
        expected.Should().BeGreaterThan(0);

        var page = await _reader.GetPageAsync("/claims");
        Facet(page, "condition")["ALS / motor neuron disease"].Count.Should().Be(expected);

        var filtered = await _reader.GetPageAsync("/claims?condition=als");
        Facet(filtered, "condition")["ALS / motor neuron disease"].Selected.Should().BeTrue();
        var none = await _reader.GetPageAsync("/claims?kind=ozone");
        none.QuerySelectorAll("table tbody tr").Should().BeEmpty("the ozone source has no claims");
    }

    [Fact]
    public async Task An_editor_corrects_the_classification_which_is_recorded_and_survives_re_derivation()
    {
        var id = await _factory.QueryAsync(db => db.Sources.Where(s => s.FileName == "synthetic-class-4.txt").Select(s => s.Id).SingleAsync());
        var page = await _editor.GetPageAsync($"/sources/{id}");
        var action = $"/sources/{id}/classification";

        using var response = await _editor.PostFormAsync(action, page,
        [
            new("Kind", SourceTaxonomy.Chelation), new("Condition", "heart-disease"), new("Condition", "stroke"),
            new("Version", page.FormValue(action, "Version")),
        ]);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        async Task<(List<string> Kinds, List<string> Conditions)> Stored() => await _factory.QueryAsync(async db =>
            (await db.SourceTherapyKinds.Where(k => k.SourceId == id).Select(k => k.Slug).ToListAsync(),
             await db.SourceConditions.Where(c => c.SourceId == id).Select(c => c.Slug).OrderBy(s => s).ToListAsync()));
        (await Stored()).Kinds.Should().Equal(SourceTaxonomy.Chelation);
        (await Stored()).Conditions.Should().Equal("heart-disease", "stroke");
        var history = await _factory.QueryAsync(db => db.ChangeRecords.Where(r => r.EntityType == "Source" && r.EntityId == id && r.Action == "classification corrected").ToListAsync());
        history.Should().ContainSingle().Which.Changes.Should().Contain(c => c.Field == "Therapy kinds" && c.Before == "Peptides" && c.After == "Chelation");
        history[0].Actor.Should().Be(_email);

        // Rules change (version 0 forces re-derivation): the correction stays.
        await _factory.QueryAsync(db => db.Sources.ExecuteUpdateAsync(u => u.SetProperty(s => s.ClassificationVersion, 0)));
        await _factory.QueryAsync(db => SourceClassificationBackfill.RunAsync(db));
        (await Stored()).Kinds.Should().Equal(SourceTaxonomy.Chelation);

        var shown = await _reader.GetPageAsync($"/sources/{id}");
        Text(shown.QuerySelector("#classification")).Should().Contain("Chelation").And.Contain("Set by an editor");
    }

    [Fact]
    public async Task Readers_cannot_correct_a_classification()
    {
        var id = await _factory.QueryAsync(db => db.Sources.Where(s => s.FileName == "synthetic-class-1.txt").Select(s => s.Id).SingleAsync());
        var page = await _reader.GetPageAsync($"/sources/{id}");
        page.QuerySelector($"form[action='/sources/{id}/classification']").Should().BeNull();

        // A reader's page has no form: the token comes from the sign-in form, as a forged post would.
        var login = await _reader.GetPageAsync("/account/login");
        using var response = await _reader.PostFormAsync($"/sources/{id}/classification", login, [new("Kind", SourceTaxonomy.Ozone), new("Version", "0")]);

        if (response.StatusCode == HttpStatusCode.Redirect) response.Headers.Location!.ToString().Should().Contain("login");
        else ((int)response.StatusCode).Should().BeInRange(400, 499);
        (await _factory.QueryAsync(db => db.SourceTherapyKinds.Where(k => k.SourceId == id).Select(k => k.Slug).ToListAsync())).Should().Equal(SourceTaxonomy.Prp);
    }

    [Fact]
    public async Task Source_page_lists_the_removed_boilerplate_lines_with_why()
    {
        // Seed 000 carries 40 lines of newsletter and information-packet widgets.
        var id = await _factory.QueryAsync(db => db.Sources.Where(s => s.FileName.StartsWith("000_")).Select(s => s.Id).SingleAsync());

        var page = await _reader.GetPageAsync($"/sources/{id}");

        var items = page.QuerySelectorAll("#stripped details li");
        items.Should().HaveCount(40);
        items.Should().OnlyContain(li => li.QuerySelector(".cell-note") != null && li.QuerySelector(".cell-note")!.TextContent.Contains("line "));
        Text(page.QuerySelector("#stripped")).Should().Contain("newsletter sign-up widget");
    }
}
