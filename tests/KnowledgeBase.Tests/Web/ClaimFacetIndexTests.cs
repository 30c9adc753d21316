using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Synthetic;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Claims;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// A generated library of 3,000 claims in 150 sources, with claims deleted (gaps in the ids), orphaned and moved to
/// another source (a source's claims no longer one run of ids).
/// </summary>
public sealed class FacetIndexCorpusAppFactory() : GeneratedCorpusAppFactoryBase(new CorpusSize(Sources: 150, Claims: 3_000, Studies: 80, Trials: 40, EvidenceLinks: 1_500), seed: 23);

/// <summary>
/// The claims list's counts come from the claim facet index (decision 0042): for filters drawn at random, every count
/// the page shows must equal the number of claims the list's own query selects for the filter that count stands for
/// (the facet's value in place of its current choice, under every other filter), and the total the claims selected.
/// </summary>
public sealed class ClaimFacetIndexTests(FacetIndexCorpusAppFactory factory) : IClassFixture<FacetIndexCorpusAppFactory>, IAsyncLifetime
{
    public async Task InitializeAsync() => await factory.QueryAsync(async db =>
    {
        if (await db.Claims.AnyAsync(c => c.IsOrphaned)) return 0;
        await db.Database.ExecuteSqlRawAsync("DELETE FROM EvidenceLinks WHERE ClaimId % 101 = 0");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM ClaimTags WHERE ClaimsId % 101 = 0");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM Claims WHERE Id % 101 = 0");
        await db.Database.ExecuteSqlRawAsync("UPDATE Claims SET IsOrphaned = 1 WHERE Id % 13 = 0");
        await db.Database.ExecuteSqlRawAsync("UPDATE Claims SET SourceId = (SELECT MIN(Id) FROM Sources) WHERE Id % 97 = 0");
        return 0;
    });

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_count_of_random_filters_is_the_number_of_claims_its_filter_selects()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        var claims = new ClaimListQuery(db);
        var sources = await db.Claims.Select(c => c.SourceId).Distinct().OrderBy(id => id).ToListAsync();
        var therapies = await db.TherapyTypes.Select(t => t.Slug).OrderBy(s => s).ToListAsync();
        var tags = await db.Tags.Select(t => t.Name).OrderBy(n => n).ToListAsync();
        (await db.Claims.CountAsync(c => c.IsOrphaned)).Should().BePositive();
        tags.Should().NotBeEmpty();
        var random = new Random(42);
        string Some(IReadOnlyList<string> values) => values[random.Next(values.Count)];

        for (var round = 0; round < 30; round++)
        {
            var query = new List<string>();
            if (random.Next(5) == 0) query.Add($"source={sources[random.Next(sources.Count)]}");
            if (random.Next(5) < 2) query.Add($"status={Display.Slug(Enum.GetValues<ClaimStatus>()[random.Next(3)])}");
            if (random.Next(10) < 3) query.Add($"assessment={AssessmentFilter.All[random.Next(AssessmentFilter.All.Count)].Slug}");
            if (random.Next(10) < 3) query.AddRange(Enumerable.Range(0, 1 + random.Next(2)).Select(_ => $"therapy={Some(therapies)}"));
            if (random.Next(5) == 0) query.Add($"orphaned={(random.Next(2) == 0 ? "yes" : "no")}");
            if (random.Next(5) == 0) query.Add($"kind={Some([.. SourceTaxonomy.TherapyKinds.Select(k => k.Slug)])}");
            if (random.Next(5) == 0) query.Add($"condition={Some([.. SourceTaxonomy.Conditions.Select(k => k.Slug)])}");
            if (random.Next(4) == 0) query.Add($"tag={Uri.EscapeDataString(Some(tags))}");
            var text = string.Join('&', query);

            var request = await claims.ParseAsync(new FacetRequest(new QueryCollection(QueryHelpers.ParseQuery(text))), CancellationToken.None);
            var page = await claims.PageAsync(request, 1, CancellationToken.None);
            var filter = request.Filter;
            async Task<int> Selected(ClaimFilter f) => await claims.Matching(f).CountAsync();
            async Task Expect(int shown, ClaimFilter f, string what) =>
                shown.Should().Be(await Selected(f), $"the count of {what} under “{text}” is what that filter selects");

            await Expect(page.Total, filter, "the list");
            var facets = page.Facets.ToDictionary(f => f.Key, f => f.Values.ToDictionary(v => v.Slug, v => v.Count));
            int Shown(string key, string slug) => facets[key].GetValueOrDefault(slug); // values without claims are not shown
            foreach (var status in Enum.GetValues<ClaimStatus>())
                await Expect(Shown(ClaimListQuery.StatusKey, Display.Slug(status)), filter with { Status = status }, $"status {status}");
            foreach (var assessment in AssessmentFilter.All)
                await Expect(Shown(ClaimListQuery.AssessmentKey, assessment.Slug), filter with { Assessment = assessment }, $"assessment {assessment.Slug}");
            foreach (var therapy in therapies)
                await Expect(Shown(ClaimListQuery.TherapyKey, therapy), filter with { Therapies = [therapy] }, $"therapy {therapy}");
            await Expect(Shown(ClaimListQuery.OrphanedKey, "yes"), filter with { Orphaned = true }, "orphaned claims");
            await Expect(Shown(ClaimListQuery.OrphanedKey, "no"), filter with { Orphaned = false }, "anchored claims");
            foreach (var kind in SourceTaxonomy.TherapyKinds)
                await Expect(Shown(SourceClassificationFacets.KindKey, kind.Slug), filter with { Kinds = [kind.Slug] }, $"kind {kind.Slug}");
            foreach (var condition in SourceTaxonomy.Conditions)
                await Expect(Shown(SourceClassificationFacets.ConditionKey, condition.Slug), filter with { Conditions = [condition.Slug] }, $"condition {condition.Slug}");
            foreach (var tag in request.Vocabulary.Select(t => t.Badge))
            {
                var shown = page.TagFacet.FirstOrDefault(t => t.Tag.Id == tag.Id)?.Count ?? 0;
                await Expect(shown, filter with { Tags = [.. filter.Tags.Append(tag).DistinctBy(t => t.Id)] }, $"tag {tag.Name}");
            }
            // The drop-down: the 100 sources with the most claims under the other filters (150 have claims), and the chosen one.
            var bySource = await claims.Matching(filter with { SourceId = null }).GroupBy(c => c.SourceId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            var top = bySource.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(ClaimListQuery.SourceChoices).Select(s => s.Key);
            page.Sources.Select(s => s.Id).Should().BeEquivalentTo(top.Concat(filter.SourceId is { } chosen ? [chosen] : []).Distinct(), $"the drop-down under “{text}”");
            foreach (var source in page.Sources)
                source.ClaimCount.Should().Be(bySource.GetValueOrDefault(source.Id), $"the count of source {source.Id} under “{text}”");
        }
    }
}

/// <summary>The claim facet index brought up to date after editors' changes, on the seeded database of the provider under test.</summary>
public sealed class ClaimFacetIndexUpdateTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    /// <summary>
    /// Editors' changes (statuses, links with and without assessments, tags added and removed, a claim deleted) applied
    /// to an index claim by claim give the same counts as reading the index again whole; a new claim makes it read whole.
    /// </summary>
    [Fact]
    public async Task An_index_brought_up_to_date_counts_as_one_read_again_whole()
    {
        _ = factory.Server; // started and seeded
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        var before = await ClaimFacetIndex.BuildAsync(db, CancellationToken.None);
        var request = await new ClaimListQuery(db).ParseAsync(new FacetRequest(new QueryCollection()), CancellationToken.None);
        var empty = request.Filter;

        var claims = await db.Claims.Include(c => c.Tags).Include(c => c.Links).OrderBy(c => c.Id).Take(40).ToListAsync();
        var studies = await db.Studies.Where(s => s.TherapyTypes.Any()).OrderBy(s => s.Id).Select(s => s.Id).Take(5).ToListAsync();
        var tags = await db.Tags.OrderBy(t => t.Id).Take(3).ToListAsync();
        EvidenceAssessment?[] assessments = [null, EvidenceAssessment.Supported, EvidenceAssessment.Contradicted];
        var changed = new HashSet<int> { claims[^1].Id };
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            if (i % 3 == 0 && claim.Status != ClaimStatus.Rejected && changed.Add(claim.Id)) claim.Status = ClaimStatus.Rejected;
            if (i % 3 == 1 && changed.Add(claim.Id)) claim.AddLink(new EvidenceTarget(studies[i % studies.Count], null), EvidenceRelation.AlludesTo, assessments[i % assessments.Length], null, "index-check", DateTime.UtcNow);
            if (i % 4 == 0 && !claim.Tags.Contains(tags[i % tags.Count]) && changed.Add(claim.Id)) claim.Tags.Add(tags[i % tags.Count]);
            if (i % 5 == 2 && claim.Tags.Count > 0 && changed.Add(claim.Id)) claim.Tags.Remove(claim.Tags[0]);
        }
        await db.SaveChangesAsync();
        db.Claims.Remove(claims[^1]);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        ClaimFilter[] filters =
        [
            empty,
            empty with { Status = ClaimStatus.Rejected },
            empty with { Assessment = new AssessmentFilter((EvidenceAssessment?)null) },
            empty with { Assessment = new AssessmentFilter(EvidenceAssessment.Contradicted), Orphaned = false },
            empty with { Tags = [.. request.Vocabulary.Where(t => t.Badge.Id == tags[0].Id).Select(t => t.Badge)] },
            empty with { SourceId = claims[0].SourceId },
        ];
        var countedBefore = filters.Select(before.Count).ToList();
        var updated = await ClaimFacetIndex.UpdateAsync(before, db, CancellationToken.None);
        var whole = await ClaimFacetIndex.BuildAsync(db, CancellationToken.None);

        filters.Select(before.Count).Should().BeEquivalentTo(countedBefore, o => o.WithStrictOrdering(),
            "the update shares the sets it does not change with the index it started from, and never changes that index: requests still reading it count as before");

        updated.Stamp.Should().Be(whole.Stamp).And.BeGreaterThan(before.Stamp);
        updated.ClaimsReread.Should().Be(changed.Count, "the claims changed, and only those, were read again");
        updated.All.Count().Should().Be(before.All.Count() - 1, "the deleted claim is gone, no claim is new");
        foreach (var filter in filters)
        {
            updated.Count(filter).Should().BeEquivalentTo(whole.Count(filter), $"the counts under {filter}");
        }
        updated.CountWaiting(null).Should().BeEquivalentTo(whole.CountWaiting(null));
        updated.CountWaiting(claims[1].SourceId).Should().BeEquivalentTo(whole.CountWaiting(claims[1].SourceId));

        // A new claim is not applied claim by claim: the index is read again whole and holds it.
        var source = await db.Sources.OrderBy(s => s.Id).FirstAsync();
        var copy = await db.Claims.AsNoTracking().Where(c => c.SourceId == source.Id).OrderBy(c => c.Id).FirstAsync();
        db.Claims.Add(new Claim { SourceId = source.Id, Quote = copy.Quote, Start = copy.Start, End = copy.End, CreatedAt = DateTime.UtcNow, CreatedBy = "index-check" });
        await db.SaveChangesAsync();
        var withNew = await ClaimFacetIndex.UpdateAsync(updated, db, CancellationToken.None);
        withNew.All.Count().Should().Be(updated.All.Count() + 1);
        withNew.ClaimsReread.Should().BeNull("a new claim makes the index read whole");
        withNew.Count(empty).Should().BeEquivalentTo((await ClaimFacetIndex.BuildAsync(db, CancellationToken.None)).Count(empty));
    }
}
