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
        var claims = new ClaimListQuery(services.GetRequiredService<KnowledgeBaseDbContext>());
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

    /// <summary>
    /// Links (assessed, unassessed, several to one claim, to studies of different therapy types) put on seeded claims,
    /// then every facet of the whole list (read from the link and tag tables alone) and of a status-filtered list (read
    /// through the claims) is compared with the counts plain LINQ takes over the loaded claims.
    /// </summary>
    [Fact]
    public async Task Facet_counts_of_the_whole_list_and_of_a_filtered_list_match_the_claims_they_count()
    {
        await factory.QueryAsync(async db =>
        {
            if (await db.EvidenceLinks.AnyAsync(l => l.CreatedBy == "facet-check")) return 0;
            var studies = await db.Studies.Where(s => s.TherapyTypes.Any()).OrderBy(s => s.Id).Take(3).ToListAsync();
            var claims = await db.Claims.OrderBy(c => c.Id).Take(12).ToListAsync();
            var tag = new Tag { Name = "facet-check", NormalizedName = Tag.Normalize("facet-check"), Kind = TagKind.Free, CreatedAt = DateTime.UtcNow };
            EvidenceAssessment?[] assessments = [EvidenceAssessment.Supported, null, EvidenceAssessment.Overstated, null];
            for (var i = 0; i < claims.Count; i++)
            {
                claims[i].AddLink(new EvidenceTarget(studies[i % studies.Count].Id, null), EvidenceRelation.AlludesTo, assessments[i % assessments.Length], null, "facet-check", DateTime.UtcNow);
                if (i % 3 == 0) claims[i].AddLink(new EvidenceTarget(studies[(i + 1) % studies.Count].Id, null), EvidenceRelation.AlludesTo, EvidenceAssessment.Supported, null, "facet-check", DateTime.UtcNow);
                if (i % 3 != 1) claims[i].Tags.Add(tag);
                if (i % 4 == 1) claims[i].Status = ClaimStatus.Confirmed;
            }
            await db.SaveChangesAsync();
            return 0;
        });
        var all = (await factory.QueryAsync(db => db.Claims.AsNoTracking()
                .Include(c => c.Tags)
                .Include(c => c.Links).ThenInclude(l => l.Study!.TherapyTypes)
                .Include(c => c.Links).ThenInclude(l => l.Trial!.TherapyTypes)
                .ToListAsync()))
            .Select(c => new
            {
                c.Status,
                Assessments = c.Links.Where(l => l.Assessment != null).Select(l => l.Assessment!.Value).ToList(),
                TherapySlugs = c.Links.SelectMany(l => (l.Study?.TherapyTypes ?? []).Concat(l.Trial?.TherapyTypes ?? []).Select(t => t.Slug)).ToList(),
                TagNames = c.Tags.Select(t => t.Name).ToList(),
            })
            .ToList();

        foreach (var (query, selected) in new[] { ("", all), ("status=confirmed", [.. all.Where(c => c.Status == ClaimStatus.Confirmed)]) })
        {
            var page = await PageAsync(query);
            var facets = page.Facets.ToDictionary(f => f.Key);
            var count = facets[ClaimListQuery.AssessmentKey].Values.ToDictionary(v => v.Slug, v => v.Count);
            foreach (var a in Enum.GetValues<EvidenceAssessment>())
                count.GetValueOrDefault(Display.Slug(a)).Should().Be(selected.Count(c => c.Assessments.Contains(a)), $"claims assessed {a} under “{query}”");
            count.GetValueOrDefault(AssessmentFilter.NotAssessedSlug).Should().Be(selected.Count(c => c.Assessments.Count == 0), $"claims not assessed under “{query}”");
            foreach (var therapy in facets[ClaimListQuery.TherapyKey].Values)
                therapy.Count.Should().Be(selected.Count(c => c.TherapySlugs.Contains(therapy.Slug)), $"claims relying on {therapy.Slug} under “{query}”");
            foreach (var tag in page.TagFacet)
                tag.Count.Should().Be(selected.Count(c => c.TagNames.Contains(tag.Tag.Name)), $"claims tagged {tag.Tag.Name} under “{query}”");
            page.TagFacet.Should().Contain(t => t.Tag.Name == "facet-check");
            facets[ClaimListQuery.TherapyKey].Values.Should().Contain(v => v.Count > 0);
        }
    }

    [Fact]
    public async Task A_therapy_filter_walked_in_index_order_selects_the_same_claims_in_the_same_order()
    {
        var (sorted, walked) = await factory.QueryAsync(async db =>
        {
            var study = await db.Studies.Where(s => s.TherapyTypes.Any()).OrderBy(s => s.Id).FirstAsync();
            var slug = await db.TherapyTypes.Where(t => t.Studies.Any(s => s.Id == study.Id)).Select(t => t.Slug).FirstAsync();
            if (!await db.EvidenceLinks.AnyAsync(l => l.CreatedBy == "walk-check"))
            {
                foreach (var claim in await db.Claims.OrderByDescending(c => c.Id).Take(7).ToListAsync())
                    claim.AddLink(new EvidenceTarget(study.Id, null), EvidenceRelation.AlludesTo, null, null, "walk-check", DateTime.UtcNow);
                await db.SaveChangesAsync();
            }
            IQueryable<int> Page(bool walk) => db.Claims.ReliesOnTherapy([slug], db.TherapyTypes, walk)
                .OrderBy(c => c.SourceId).ThenBy(c => c.Start).ThenBy(c => c.Id).Skip(2).Take(4).Select(c => c.Id);
            return (await Page(false).ToListAsync(), await Page(true).ToListAsync());
        });

        sorted.Should().HaveCount(4);
        walked.Should().Equal(sorted);
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
