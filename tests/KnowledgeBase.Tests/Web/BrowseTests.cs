using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>Faceted studies, trials and claims lists and the evidence map, on the seeds, checked against the database.</summary>
public sealed class BrowseTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    private readonly HttpClient _client = factory.CreateBrowser();

    private Task<T> QueryAsync<T>(Func<KnowledgeBaseDbContext, Task<T>> query) => factory.QueryAsync(query);

    private static string Text(IElement? element) => element?.TextContent.Trim() ?? "";

    private static int Number(string text) => int.Parse(text.Split(' ')[0].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    /// <summary>The facet values of one facet: label → (count, href, selected).</summary>
    private static Dictionary<string, (int Count, string Href, bool Selected)> Facet(IHtmlDocument page, string key) =>
        page.QuerySelectorAll($"nav[aria-labelledby='facet-{key}'] a.facet__link").ToDictionary(
            a => Text(a.QuerySelector(".facet__label")),
            a => (Number(Text(a.QuerySelector(".facet__count"))), a.GetAttribute("href")!, a.GetAttribute("aria-current") == "true"));

    private static int Total(IHtmlDocument page) =>
        page.QuerySelector("table[data-total]") is { } table ? int.Parse(table.GetAttribute("data-total")!, CultureInfo.InvariantCulture) : 0;

    /// <summary>Some assessed evidence links, added once, so claim and map counts have something to count.</summary>
    private async Task EnsureLinksAsync()
    {
        await QueryAsync(async db =>
        {
            if (await db.EvidenceLinks.AnyAsync()) return 0;
            var claims = await db.Claims.OrderBy(c => c.Id).Take(40).ToListAsync();
            var studies = await db.Studies.OrderBy(s => s.Id).ToListAsync();
            var trials = await db.Trials.OrderBy(t => t.Id).ToListAsync();
            EvidenceAssessment?[] assessments = [EvidenceAssessment.Supported, EvidenceAssessment.Overstated, null, EvidenceAssessment.Contradicted];
            for (var i = 0; i < claims.Count; i++)
            {
                db.EvidenceLinks.Add(new EvidenceLink
                {
                    ClaimId = claims[i].Id, StudyId = studies[i % studies.Count].Id, Relation = EvidenceRelation.CitesExplicitly,
                    Assessment = assessments[i % assessments.Length], CreatedBy = "test",
                });
                if (i % 3 == 0)
                {
                    db.EvidenceLinks.Add(new EvidenceLink
                    {
                        ClaimId = claims[i].Id, TrialId = trials[i % trials.Count].Id, Relation = EvidenceRelation.AlludesTo,
                        Assessment = EvidenceAssessment.Unsupported, CreatedBy = "test",
                    });
                }
            }
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Study_facet_counts_are_what_each_link_shows_under_the_other_filters()
    {
        var page = await _client.GetPageAsync("/studies?cells=bone-marrow");

        var levels = Facet(page, "level");
        levels.Should().NotBeEmpty();
        foreach (var level in Enum.GetValues<EvidenceLevel>())
        {
            var expected = await QueryAsync(db => db.Studies.CountAsync(s => (s.CellSourceFacet & CellSourceFacets.BoneMarrow) != 0 && s.EvidenceLevel == level));
            var shown = levels.Values.Where(v => v.Href.Contains("level=" + KnowledgeBase.Web.Features.Shared.Display.Slug(level), StringComparison.Ordinal)).ToList();
            if (expected == 0) { shown.Should().BeEmpty(); continue; }
            shown.Should().ContainSingle().Which.Count.Should().Be(expected, "the {0} count is taken with the cell source filter", level);
            var filtered = await _client.GetPageAsync(shown[0].Href);
            Total(filtered).Should().Be(expected);
            filtered.QuerySelectorAll("table tbody tr").Should().HaveCount(expected);
        }

        // The cell source facet itself is counted without its own filter, so other sources can be added (OR).
        var cells = Facet(page, "cells");
        cells["Bone marrow"].Selected.Should().BeTrue();
        cells["Adipose tissue"].Count.Should().Be(await QueryAsync(db => db.Studies.CountAsync(s => (s.CellSourceFacet & CellSourceFacets.Adipose) != 0)));
    }

    [Fact]
    public async Task Values_of_one_facet_combine_with_or_and_facets_with_and()
    {
        var page = await _client.GetPageAsync("/studies?therapy=msc-ntf&therapy=adipose-msc&level=randomised-controlled&level=non-randomised&size=100");

        string[] slugs = [TherapyType.MscNtf, TherapyType.AdiposeMsc];
        var expected = await QueryAsync(db => db.Studies.CountAsync(s =>
            s.TherapyTypes.Any(t => slugs.Contains(t.Slug)) &&
            (s.EvidenceLevel == EvidenceLevel.RandomisedControlled || s.EvidenceLevel == EvidenceLevel.NonRandomised)));
        expected.Should().BeGreaterThan(0);
        Total(page).Should().Be(expected);
        page.QuerySelectorAll("table tbody tr").Should().HaveCount(expected);
        var therapy = Facet(page, "therapy");
        therapy["MSC-NTF (NurOwn)"].Selected.Should().BeTrue();
        therapy["Adipose MSC"].Selected.Should().BeTrue();
    }

    [Fact]
    public async Task Studies_are_sorted_and_paged_and_the_links_keep_the_state()
    {
        var all = await QueryAsync(db => db.Studies.CountAsync());
        var titles = await QueryAsync(db => db.Studies.Select(s => s.Title).ToListAsync());
        titles.Sort(StringComparer.Ordinal);

        var first = await _client.GetPageAsync("/studies?sort=title&size=10");
        first.QuerySelectorAll("table tbody tr th a.cell-title").Select(Text).Should().Equal(titles.Take(10));
        Total(first).Should().Be(all);

        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        next.Should().Contain("sort=title").And.Contain("size=10").And.Contain("page=2");
        var second = await _client.GetPageAsync(next);
        second.QuerySelectorAll("table tbody tr th a.cell-title").Select(Text).Should().Equal(titles.Skip(10).Take(10));

        var lastPage = (all + 9) / 10;
        var last = await _client.GetPageAsync($"/studies?sort=title&size=10&page={lastPage}");
        last.QuerySelectorAll("table tbody tr").Should().HaveCount(all - ((lastPage - 1) * 10));

        // A facet link from page 2 keeps the sort and size but returns to page 1.
        var facetLink = Facet(second, "level").Values.First().Href;
        facetLink.Should().Contain("sort=title").And.Contain("size=10").And.NotContain("page=");
        // The toolbar form carries the facets so that changing the sort keeps them.
        var filtered = await _client.GetPageAsync("/studies?therapy=msc-ntf&phase=phase-3");
        filtered.QuerySelectorAll("form.browse-toolbar input[type=hidden]").Select(i => (i.GetAttribute("name"), i.GetAttribute("value")))
            .Should().BeEquivalentTo([("therapy", "msc-ntf"), ("phase", "phase-3")]);
    }

    [Fact]
    public async Task A_selected_value_links_back_to_the_list_without_it_and_clear_links_drop_the_facet()
    {
        var page = await _client.GetPageAsync("/studies?therapy=msc-ntf&phase=phase-3&sort=oldest");
        var selected = Facet(page, "phase").Values.Single(v => v.Selected);
        selected.Href.Should().Be("/studies?therapy=msc-ntf&sort=oldest");
        page.QuerySelector("nav[aria-labelledby='facet-therapy'] a.facet__clear")!.GetAttribute("href").Should().Be("/studies?phase=phase-3&sort=oldest");
    }

    [Fact]
    public async Task Trials_can_be_narrowed_by_status_and_phase_with_counts_from_the_database()
    {
        var page = await _client.GetPageAsync("/trials?phase=phase-2&phase=phase-3");
        var expected = await QueryAsync(db => db.Trials.CountAsync(t => t.Phase == TrialPhase.Phase2 || t.Phase == TrialPhase.Phase3));
        Total(page).Should().Be(expected);
        var statuses = Facet(page, "status");
        var active = await QueryAsync(db => db.Trials.CountAsync(t =>
            (t.Phase == TrialPhase.Phase2 || t.Phase == TrialPhase.Phase3) && t.StatusFacet == TrialStatusFacet.ActiveNotRecruiting));
        statuses["Active, not recruiting"].Count.Should().Be(active).And.BePositive();
        var narrowed = await _client.GetPageAsync(statuses["Active, not recruiting"].Href);
        narrowed.QuerySelectorAll("table tbody tr").Select(Text).Should().ContainSingle().Which.Should().Contain("NCT03268603");
    }

    [Fact]
    public async Task Empty_results_say_so_and_offer_to_clear_the_filters()
    {
        var page = await _client.GetPageAsync("/studies?from=1900&to=1901");
        Text(page.QuerySelector("p.empty")).Should().Contain("No studies match");
        page.QuerySelector("p.empty a[href='/studies']").Should().NotBeNull();
    }

    [Fact]
    public async Task Claims_can_be_narrowed_by_the_therapy_type_they_rely_on_and_by_assessment()
    {
        await EnsureLinksAsync();
        var page = await _client.GetPageAsync("/claims");
        var therapies = Facet(page, "therapy");
        var ntf = await QueryAsync(db => db.Claims.CountAsync(c => c.Links.Any(l =>
            (l.Study != null && l.Study.TherapyTypes.Any(t => t.Slug == TherapyType.MscNtf)) ||
            (l.Trial != null && l.Trial.TherapyTypes.Any(t => t.Slug == TherapyType.MscNtf)))));
        therapies["MSC-NTF (NurOwn)"].Count.Should().Be(ntf).And.BePositive();

        var narrowed = await _client.GetPageAsync(therapies["MSC-NTF (NurOwn)"].Href);
        Text(narrowed.QuerySelector("table caption")).Should().Contain($"of {ntf}");
        var overstated = await QueryAsync(db => db.Claims.CountAsync(c =>
            c.Links.Any(l => l.Assessment == EvidenceAssessment.Overstated) &&
            c.Links.Any(l => (l.Study != null && l.Study.TherapyTypes.Any(t => t.Slug == TherapyType.MscNtf)) ||
                             (l.Trial != null && l.Trial.TherapyTypes.Any(t => t.Slug == TherapyType.MscNtf)))));
        Facet(narrowed, "assessment")["Overstated"].Count.Should().Be(overstated);
    }

    [Fact]
    public async Task Claims_sorted_by_most_links_come_first()
    {
        await EnsureLinksAsync();
        var most = await QueryAsync(db => db.Claims.MaxAsync(c => c.Links.Count));
        var page = await _client.GetPageAsync("/claims?sort=links");
        Number(Text(page.QuerySelector("table tbody tr td[data-label='Evidence links']"))).Should().Be(most).And.BeGreaterThan(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?view=levels")]
    [InlineData("?view=trials")]
    public async Task Every_evidence_map_cell_count_is_the_count_of_the_list_it_links_to(string view)
    {
        await EnsureLinksAsync();
        var map = await _client.GetPageAsync("/evidence-map" + view);
        var cells = map.QuerySelectorAll("#evidence-map a.map-cell__count").ToList();
        cells.Should().NotBeEmpty();
        foreach (var cell in cells)
        {
            var list = await _client.GetPageAsync(cell.GetAttribute("href")! + "&size=100");
            Total(list).Should().Be(Number(Text(cell)), "the cell {0} counts what its list shows", cell.GetAttribute("href"));
        }
        var rowTotal = map.QuerySelectorAll("#evidence-map tbody tr")[0];
        var totalLinks = rowTotal.QuerySelectorAll("td a");
        var totalLink = totalLinks[^1];
        Total(await _client.GetPageAsync(totalLink.GetAttribute("href")! + "&size=100")).Should().Be(Number(Text(totalLink)));
    }

    [Fact]
    public async Task Evidence_map_bars_and_chart_have_text_alternatives_and_no_inline_style()
    {
        await EnsureLinksAsync();
        using var response = await _client.GetAsync(new Uri("/evidence-map", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await WebTestExtensions.ParseAsync(response);

        page.QuerySelectorAll("[style], style").Should().BeEmpty();
        // Pictures are images with a title; the per-source chart holds links, so it is a labelled group
        // (an image's children are hidden from assistive technology, links included); the rest is decoration.
        var images = page.QuerySelectorAll("svg[role=img], svg[role=group]");
        images.Should().NotBeEmpty();
        images.Should().OnlyContain(svg => svg.QuerySelector("title") != null && !string.IsNullOrWhiteSpace(svg.QuerySelector("title")!.TextContent));
        page.QuerySelectorAll("svg[role=group]").Should().OnlyContain(svg => svg.GetAttribute("aria-labelledby") != null && svg.QuerySelectorAll("a").Length > 0);
        page.QuerySelectorAll("svg:not([role=img]):not([role=group])").Should().OnlyContain(svg => svg.GetAttribute("aria-hidden") == "true");

        // The chart's numbers are in a table too, and they are the database's.
        var rows = page.QuerySelectorAll(".chart-data tbody tr");
        rows.Should().NotBeEmpty();
        foreach (var row in rows)
        {
            var sourceId = int.Parse(row.QuerySelector("a")!.GetAttribute("href")!.Split('=')[1], CultureInfo.InvariantCulture);
            var supported = await QueryAsync(db => db.Claims.CountAsync(c => c.SourceId == sourceId && c.Links.Any(l => l.Assessment == EvidenceAssessment.Supported)));
            var notAssessed = await QueryAsync(db => db.Claims.CountAsync(c => c.SourceId == sourceId && !c.Links.Any(l => l.Assessment != null)));
            var cells = row.QuerySelectorAll("td").Select(td => Number(Text(td))).ToList();
            cells[0].Should().Be(supported);
            cells[^1].Should().Be(notAssessed);
        }
    }

    [Theory]
    [InlineData("/studies?therapy=unknown&page=-1&year=abc&from=abc&to=99999999999")]
    [InlineData("/studies?page=99999999999999999999&size=-5&sort=%27%20OR%201%3D1--")]
    [InlineData("/studies?cells=none&route=%3Cscript%3E&phase=phase-9&kind=x&level=&claims=maybe")]
    [InlineData("/trials?phase=not-stated&status=%27;DROP%20TABLE%20Trials;--&design=review&page=0")]
    [InlineData("/claims?therapy=nope&orphaned=perhaps&sort=zzz&page=-3&source=abc")]
    [InlineData("/evidence-map?view=%22%3E%3Cscript%3E")]
    public async Task Bad_query_values_give_a_clean_page(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await WebTestExtensions.ParseAsync(response);
        page.QuerySelectorAll("script:not([src])").Should().BeEmpty();
        (await QueryAsync(db => db.Trials.CountAsync())).Should().BePositive("nothing was dropped");
    }

    [Fact]
    public async Task Unknown_values_are_named_in_a_notice()
    {
        var page = await _client.GetPageAsync("/studies?therapy=unicorn-cells&from=abc");
        var notice = Text(page.QuerySelector("p.notice"));
        notice.Should().Contain("therapy type “unicorn-cells”").And.Contain("year “abc”");
        Total(page).Should().Be(await QueryAsync(db => db.Studies.CountAsync()));
    }
}
