using System.Text.Json;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Studies;
using KnowledgeBase.Web.Features.Trials;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The studies and trials lists as query classes (filter in, page model out), counted against the seeded SQLite
/// database without parsing HTML; and the export reading the same filters, so "download these" is exactly the list.
/// Filters are taken from a seeded record (its therapy type, level or phase, year or status) so each selects at
/// least that record, and the expected rows are counted here with plain LINQ, independently of the filter classes.
/// </summary>
[Collection(SharedSeededApp.Name)]
public sealed class BrowseQueryTests(KnowledgeBaseAppFactory factory)
{
    private static FacetRequest Request(string query) => new(new QueryCollection(QueryHelpers.ParseQuery(query)));

    private async Task<(string Query, List<string> Titles)> StudyFilterAsync() => await factory.QueryAsync(async db =>
    {
        var sample = await db.Studies.Where(s => s.TherapyTypes.Any() && s.Year != null).OrderBy(s => s.Id)
            .Select(s => new { Therapy = s.TherapyTypes.OrderBy(t => t.SortOrder).First().Slug, s.EvidenceLevel, Year = s.Year!.Value }).FirstAsync();
        var titles = await db.Studies.Where(s => s.TherapyTypes.Any(t => t.Slug == sample.Therapy) && s.EvidenceLevel == sample.EvidenceLevel && s.Year >= sample.Year)
            .Select(s => s.Title).ToListAsync();
        return ($"therapy={sample.Therapy}&level={Display.Slug(sample.EvidenceLevel)}&from={sample.Year}", titles);
    });

    private async Task<(string Query, int Count)> TrialFilterAsync() => await factory.QueryAsync(async db =>
    {
        var sample = await db.Trials.Where(t => t.TherapyTypes.Any() && t.Phase != null).OrderBy(t => t.Id)
            .Select(t => new { Therapy = t.TherapyTypes.OrderBy(tt => tt.SortOrder).First().Slug, Phase = t.Phase!.Value, t.StatusFacet }).FirstAsync();
        var count = await db.Trials.CountAsync(t => t.TherapyTypes.Any(tt => tt.Slug == sample.Therapy) && t.Phase == sample.Phase && t.StatusFacet == sample.StatusFacet);
        return ($"therapy={sample.Therapy}&phase={Display.Slug(sample.Phase)}&status={Display.Slug(sample.StatusFacet)}", count);
    });

    private Task<T> WithQueryAsync<T>(Func<KnowledgeBaseDbContext, Task<T>> run) => factory.QueryAsync(run);

    [Fact]
    public async Task The_studies_query_counts_what_a_combined_filter_selects()
    {
        var (query, titles) = await StudyFilterAsync();

        var page = await WithQueryAsync(async db =>
        {
            var studies = new StudyListQuery(db);
            return await studies.PageAsync(await studies.ParseAsync(Request(query), CancellationToken.None), 1, CancellationToken.None);
        });

        titles.Should().NotBeEmpty("the filter is taken from a seeded study");
        page.Paging.Total.Should().Be(titles.Count);
        page.Studies.Select(s => s.Title).Should().BeEquivalentTo(titles.Take(page.Paging.PageSize));
        page.Unknown.Should().BeEmpty();
        // Each facet counts with its own choice left out: the therapy facet's selected value counts the other two filters' studies.
        page.Facets.Single(f => f.Key == StudyFacet.Therapy).Values.Single(v => v.Selected).Count.Should().Be(titles.Count);
    }

    [Fact]
    public async Task The_trials_query_counts_what_a_combined_filter_selects()
    {
        var (query, count) = await TrialFilterAsync();

        var page = await WithQueryAsync(async db =>
        {
            var trials = new TrialListQuery(db);
            return await trials.PageAsync(await trials.ParseAsync(Request(query), CancellationToken.None), 1, CancellationToken.None);
        });

        count.Should().BeGreaterThan(0, "the filter is taken from a seeded trial");
        page.Paging.Total.Should().Be(count);
        page.Trials.Should().HaveCount(Math.Min(count, page.Paging.PageSize));
        page.Unknown.Should().BeEmpty();
    }

    [Fact]
    public async Task Values_that_name_nothing_are_reported_once_each_and_ignored()
    {
        var request = await WithQueryAsync(db => new StudyListQuery(db).ParseAsync(Request("therapy=no-such&level=nope&from=19x&claims=maybe&sort=sideways"), CancellationToken.None));

        request.Filter.IsEmpty.Should().BeTrue();
        request.Unknown.Should().Equal("therapy type “no-such”", "evidence level “nope”", "year “19x”", "claims filter “maybe” (use with or without)", "sort order “sideways”");
    }

    [Fact]
    public async Task Download_these_studies_exports_exactly_the_combined_filters_studies()
    {
        var (query, titles) = await StudyFilterAsync();
        var exportQuery = await WithQueryAsync(async db =>
        {
            var studies = new StudyListQuery(db);
            return (await studies.PageAsync(await studies.ParseAsync(Request(query), CancellationToken.None), 1, CancellationToken.None)).ExportQuery;
        });

        using var reader = factory.CreateBrowser();
        var body = await reader.GetStringAsync(new Uri($"/export/references?format=csl-json&{exportQuery}", UriKind.Relative));

        exportQuery.Should().Contain("level=").And.Contain("from=", "the link carries every filter, not only therapy and kind");
        using var json = JsonDocument.Parse(body);
        json.RootElement.EnumerateArray().Select(i => i.GetProperty("title").GetString()).Should().BeEquivalentTo(titles);
    }

    [Fact]
    public async Task Download_these_trials_exports_exactly_the_combined_filters_trials()
    {
        var (query, count) = await TrialFilterAsync();
        var exportQuery = await WithQueryAsync(async db =>
        {
            var trials = new TrialListQuery(db);
            return (await trials.PageAsync(await trials.ParseAsync(Request(query), CancellationToken.None), 1, CancellationToken.None)).ExportQuery;
        });

        using var reader = factory.CreateBrowser();
        var body = await reader.GetStringAsync(new Uri($"/export/references?format=csl-json&{exportQuery}", UriKind.Relative));

        exportQuery.Should().Contain("status=", "the link carries every filter, not only therapy and phase");
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetArrayLength().Should().Be(count);
    }

    [Fact]
    public async Task A_therapy_type_walked_in_the_newest_first_index_gives_the_same_studies_in_the_same_order()
    {
        var (sorted, walked, plan) = await factory.QueryAsync(async db =>
        {
            var slug = await db.TherapyTypes.Where(t => t.Studies.Count() > 1).OrderBy(t => t.SortOrder).Select(t => t.Slug).FirstAsync();
            var filter = new StudyFilter([slug], [], [], [], false, CellSourceFacets.None, RouteFacets.None, null, null, null);
            IQueryable<Study> Page(bool walk) => filter.Apply(db.Studies, db.TherapyTypes, walkInOrder: walk)
                .OrderByDescending(s => s.Year ?? 0).ThenBy(s => s.Title).ThenBy(s => s.Id);
            string? plan = null;
            if (db.Database.IsSqlite())
            {
                await db.Database.OpenConnectionAsync();
                await using var explain = Page(true).Take(2).CreateDbCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + explain.CommandText;
                await using var reader = await explain.ExecuteReaderAsync();
                var details = new List<string>();
                while (await reader.ReadAsync()) details.Add(reader.GetString(3));
                plan = string.Join("\n", details);
            }
            return (await Page(false).Select(s => s.Id).ToListAsync(), await Page(true).Select(s => s.Id).ToListAsync(), plan);
        });

        sorted.Should().HaveCountGreaterThan(1);
        walked.Should().Equal(sorted);
        if (plan is not null) plan.Should().Contain("IX_Studies_Newest", "SQLite walks the order's index").And.NotContain("TEMP B-TREE FOR ORDER BY");
    }
}

/// <summary>The evidence map as a query class: its cells count what plain LINQ over the seeded database counts.</summary>
public sealed class EvidenceMapQueryTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    [Fact]
    public async Task Each_therapy_rows_cells_add_up_to_its_studies_by_phase()
    {
        var map = await factory.QueryAsync(db => new KnowledgeBase.Web.Features.EvidenceMap.EvidenceMapQuery(db)
            .BuildAsync(KnowledgeBase.Web.Features.EvidenceMap.EvidenceMapView.Studies, CancellationToken.None));
        var expected = await factory.QueryAsync(db => db.Studies.SelectMany(s => s.TherapyTypes.Select(t => t.Slug)).GroupBy(slug => slug)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

        expected.Should().NotBeEmpty("the seeds have studies with therapy types");
        map.Rows.Should().OnlyContain(r => r.Total == expected.GetValueOrDefault(r.Therapy.Slug));
        map.Rows.Should().OnlyContain(r => r.Cells.Sum(c => c.Count) == r.Total, "every study falls in exactly one phase column");
        map.Rows.SelectMany(r => r.Cells).Where(c => c.Count > 0).Should().OnlyContain(c => c.Href.StartsWith("/studies?therapy=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(KnowledgeBase.Web.Features.EvidenceMap.EvidenceMapView.Trials)]
    [InlineData(KnowledgeBase.Web.Features.EvidenceMap.EvidenceMapView.Levels)]
    public async Task The_trials_and_levels_views_count_every_record_under_each_of_its_therapy_types(KnowledgeBase.Web.Features.EvidenceMap.EvidenceMapView view)
    {
        var map = await factory.QueryAsync(db => new KnowledgeBase.Web.Features.EvidenceMap.EvidenceMapQuery(db).BuildAsync(view, CancellationToken.None));
        var expected = await factory.QueryAsync(db => view == KnowledgeBase.Web.Features.EvidenceMap.EvidenceMapView.Trials
            ? db.Trials.SelectMany(t => t.TherapyTypes).CountAsync()
            : db.Studies.SelectMany(s => s.TherapyTypes).CountAsync());

        expected.Should().BeGreaterThan(0);
        map.Rows.Sum(r => r.Total).Should().Be(expected);
        map.Rows.Should().OnlyContain(r => r.Cells.Sum(c => c.Count) == r.Total);
    }
}
