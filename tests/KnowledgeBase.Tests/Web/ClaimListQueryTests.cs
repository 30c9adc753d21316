using System.Net;
using System.Text.Json;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Claims;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The claims list as a query class (filter in, page model out), counted against the seeded SQLite database without
/// parsing HTML; and the JSON export reading the same filters, so "download these claims" is exactly the list. The
/// expected claims are selected here with plain LINQ, independently of <see cref="ClaimFilter"/>.
/// </summary>
public sealed class ClaimListQueryTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    private const string TagName = "query-check";

    private static FacetRequest Request(string query) => new(new QueryCollection(QueryHelpers.ParseQuery(query)));

    private static CancellationToken None => CancellationToken.None;

    /// <summary>
    /// A filter over several facets taken from a seeded claim (its source's therapy kind, its status, anchored, and a
    /// tag put on half of that kind's claims), with the ids plain LINQ selects for it.
    /// </summary>
    private async Task<(string Query, List<int> Ids)> CombinedFilterAsync() => await factory.QueryAsync(async db =>
    {
        var sample = await db.Claims.Where(c => c.Source!.TherapyKinds.Any()).OrderBy(c => c.Id)
            .Select(c => new { c.Status, Kind = c.Source!.TherapyKinds.OrderBy(k => k.Slug).First().Slug }).FirstAsync();
        if (!await db.Tags.AnyAsync(t => t.NormalizedName == Tag.Normalize(TagName)))
        {
            var tag = new Tag { Name = TagName, NormalizedName = Tag.Normalize(TagName), Kind = TagKind.Free, CreatedAt = DateTime.UtcNow };
            var ofKind = await db.Claims.Where(c => c.Source!.TherapyKinds.Any(k => k.Slug == sample.Kind)).OrderBy(c => c.Id).ToListAsync();
            foreach (var claim in ofKind.Where((_, i) => i % 2 == 0)) claim.Tags.Add(tag);
            await db.SaveChangesAsync();
        }
        var ids = await db.Claims
            .Where(c => c.Source!.TherapyKinds.Any(k => k.Slug == sample.Kind) && c.Status == sample.Status && !c.IsOrphaned && c.Tags.Any(t => t.Name == TagName))
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        return ($"kind={sample.Kind}&status={Display.Slug(sample.Status)}&orphaned=no&tag={TagName}", ids);
    });

    private async Task<ClaimListViewModel> PageAsync(string query, int page = 1)
    {
        _ = factory.Server; // started and seeded
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var claims = new ClaimListQuery(services.GetRequiredService<KnowledgeBaseDbContext>(), services.GetRequiredService<ClaimRecordChecks>());
        return await claims.PageAsync(await claims.ParseAsync(Request(query), None), page, None);
    }

    [Fact]
    public async Task The_claims_query_counts_what_a_combined_filter_selects()
    {
        var (query, ids) = await CombinedFilterAsync();

        var page = await PageAsync(query);

        ids.Should().NotBeEmpty("the filter is taken from a seeded claim and its tag is put on some of them");
        page.Total.Should().Be(ids.Count);
        page.Claims.Select(c => c.Id).Should().BeEquivalentTo(ids.Take(ClaimListQuery.PageSize));
        page.HasUnknownFilters.Should().BeFalse();
        page.TagFacet.Single(t => t.Selected).Count.Should().Be(ids.Count, "the selected tag counts the list it narrows");
        // The status facet counts with its own choice left out: its selected value is the list, the others add up with it to the rest.
        var statuses = page.Facets.Single(f => f.Key == ClaimListQuery.StatusKey).Values;
        statuses.Single(v => v.Selected).Count.Should().Be(ids.Count);
    }

    [Fact]
    public async Task The_source_facet_and_the_sort_change_what_is_selected_and_in_what_order()
    {
        var (sourceId, expected) = await factory.QueryAsync(async db =>
        {
            var source = await db.Claims.GroupBy(c => c.SourceId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            return (source, await db.Claims.Where(c => c.SourceId == source).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Select(c => c.Id).ToListAsync());
        });

        var page = await PageAsync($"source={sourceId}&sort=newest");

        page.Total.Should().Be(expected.Count);
        page.Claims.Select(c => c.Id).Should().Equal(expected.Take(ClaimListQuery.PageSize));
        page.SelectedSource!.Id.Should().Be(sourceId);
        page.Sources.Single(s => s.Id == sourceId).ClaimCount.Should().Be(expected.Count);
    }

    [Fact]
    public async Task Values_that_name_nothing_are_reported_and_ignored()
    {
        var all = await factory.QueryAsync(db => db.Claims.CountAsync());

        var page = await PageAsync("source=abc&status=maybe&assessment=great&tag=no-such-tag&therapy=no-such&orphaned=perhaps&flags=all&kind=no-kind&sort=sideways");

        page.Total.Should().Be(all);
        page.UnknownSource.Should().BeTrue();
        page.UnknownStatus.Should().Be("maybe");
        page.UnknownAssessment.Should().Be("great");
        page.UnknownTags.Should().Equal("no-such-tag");
        page.UnknownOther.Should().Equal("therapy type “no-such”", "therapy kind “no-kind”", "orphaned filter “perhaps” (use yes or no)", "flags filter “all” (use yes)", "sort order “sideways”");
    }

    [Fact]
    public async Task Download_these_claims_exports_exactly_the_combined_filters_claims()
    {
        var (query, ids) = await CombinedFilterAsync();
        var exportHref = (await PageAsync(query)).ExportHref;

        using var reader = factory.CreateBrowser();
        var body = await reader.GetStringAsync(new Uri(exportHref, UriKind.Relative));

        exportHref.Should().StartWith("/claims/export.json?").And.Contain("kind=").And.Contain("tag=").And.Contain("orphaned=no", "the link carries every filter");
        using var json = JsonDocument.Parse(body);
        json.RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).Should().Equal(ids, "the export is the list, in id order");
    }

    [Fact]
    public async Task An_export_with_a_value_that_names_nothing_is_refused_naming_it()
    {
        using var reader = factory.CreateBrowser();

        using var response = await reader.GetAsync(new Uri("/claims/export.json?source=999999&tag=no-such-tag", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "exporting every claim is not what was asked for");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("error").GetString().Should().Contain("such source").And.Contain("tag “no-such-tag”");
    }
}
