using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Search;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

using static KnowledgeBase.Tests.Search.SearchTestSources;

namespace KnowledgeBase.Tests.Search;

/// <summary>
/// The app's engines share each index's ranking window through <see cref="SearchCandidateCache"/> while the index is
/// unchanged: a repeated search answers exactly as an uncached one, and a change by any writer is seen by the next
/// search. On the provider the suite runs on.
/// </summary>
public sealed class SearchCandidateCacheTests
{
    [Fact]
    public async Task A_repeated_search_answers_exactly_as_a_search_without_the_cache()
    {
        using var database = new TestDatabase();
        await using (var db = database.CreateContext())
        {
            for (var i = 0; i < 12; i++)
                await AddSourceAsync(db, i % 3 == 0 ? $"Wombat study {i}" : $"Report {i}", $"A text about wombats, number {i}. " + string.Concat(Enumerable.Repeat("wombat ", i)));
        }
        var cache = new SearchCandidateCache();

        var uncached = Describe(await SearchAsync(database, "wombat", cache: null));
        var first = Describe(await SearchAsync(database, "wombat", cache));
        var cachedEntries = cache.Count;
        var again = Describe(await SearchAsync(database, "wombat", cache));
        var page = Describe(await SearchAsync(database, "wombat", cache, SearchKind.Source));

        cachedEntries.Should().BeGreaterThan(0, "the first search kept its rankings");
        first.Should().Be(uncached);
        again.Should().Be(uncached, "the second search reads the kept ranking and gives the same hits, in the same order, with the same text");
        page.Should().Be(Describe(await SearchAsync(database, "wombat", cache: null, SearchKind.Source)));
    }

    [Fact]
    public async Task A_source_added_or_removed_after_a_search_is_seen_by_the_next_one()
    {
        using var database = new TestDatabase();
        await using (var db = database.CreateContext())
        {
            await AddSourceAsync(db, "First", "The quokka enrolment opened.");
            await AddSourceAsync(db, "Second", "A second quokka report.");
        }
        var cache = new SearchCandidateCache();
        (await SearchAsync(database, "quokka", cache)).Counts[SearchKind.Source].Value.Should().Be(2);

        Source added;
        await using (var db = database.CreateContext())
            added = await AddSourceAsync(db, "Quokka trial", "Quokka, quokka and quokka again.");
        var afterAdd = await SearchAsync(database, "quokka", cache);

        afterAdd.Counts[SearchKind.Source].Value.Should().Be(3);
        afterAdd.Groups.Single(g => g.Kind == SearchKind.Source).Hits[0].Id.Should().Be(added.Id, "the new source matches in its title and ranks first");

        await using (var db = database.CreateContext())
        {
            db.Sources.Remove(await db.Sources.SingleAsync(s => s.Id == added.Id));
            await db.SaveChangesAsync();
        }
        var afterRemove = await SearchAsync(database, "quokka", cache);

        afterRemove.Counts[SearchKind.Source].Value.Should().Be(2);
        afterRemove.Groups.Single(g => g.Kind == SearchKind.Source).Hits.Select(h => h.Id).Should().NotContain(added.Id);
    }

    [Fact]
    public async Task A_change_that_leaves_the_claims_index_as_it_was_keeps_its_ranking_and_a_new_quote_does_not()
    {
        using var database = new TestDatabase();
        int claimId;
        await using (var db = database.CreateContext())
        {
            const string text = "Platypus cells repaired the joint. Nothing else happened.";
            var source = await AddSourceAsync(db, "Report", text);
            var claim = Claim.Anchor(text, 0, text.IndexOf('.') + 1, DateTime.UtcNow);
            claim.SourceId = source.Id;
            db.Claims.Add(claim);
            await db.SaveChangesAsync();
            claimId = claim.Id;
        }
        var cache = new SearchCandidateCache();
        (await SearchAsync(database, "platypus", cache, SearchKind.Claim)).Counts[SearchKind.Claim].Value.Should().Be(1);

        await using (var db = database.CreateContext())
        {
            var claim = await db.Claims.Include(c => c.Tags).SingleAsync(c => c.Id == claimId);
            claim.Status = ClaimStatus.Confirmed;
            claim.Tags.Add(new Tag { Name = "joints", NormalizedName = Tag.Normalize("joints") });
            await db.SaveChangesAsync();
        }
        var reused = cache.Reused;
        (await SearchAsync(database, "platypus", cache, SearchKind.Claim)).Counts[SearchKind.Claim].Value.Should().Be(1);
        cache.Reused.Should().BeGreaterThan(reused, "a status and a tag leave the claims' index as it was, so its kept ranking is used");

        await using (var db = database.CreateContext())
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == claimId);
            claim.Quote = "Echidna cells repaired the joint.";
            await db.SaveChangesAsync();
        }
        reused = cache.Reused;
        var afterEdit = await SearchAsync(database, "platypus", cache, SearchKind.Claim);
        cache.Reused.Should().Be(reused, "a new quote is a new version of the claims' index");
        afterEdit.Counts[SearchKind.Claim].Value.Should().Be(0);
        (await SearchAsync(database, "echidna", cache, SearchKind.Claim)).Groups.Single(g => g.Kind == SearchKind.Claim).Hits.Select(h => h.Id)
            .Should().Equal(claimId);
    }

    private static async Task<SearchResults> SearchAsync(TestDatabase database, string typed, SearchCandidateCache? cache, SearchKind? kind = null)
    {
        await using var db = database.CreateContext();
        return await SearchEngines.For(db, NullLoggerFactory.Instance, cache).SearchAsync(new SearchRequest(SearchQueryParser.Parse(typed), kind));
    }

    /// <summary>What a reader sees: counts, then each group's hits in order with their marked title and snippet.</summary>
    private static string Describe(SearchResults results) =>
        string.Join('\n', results.Counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value.Value} {c.Value.IsCapped}")
            .Concat(results.Groups.SelectMany(g => g.Hits.Select(h => $"{g.Kind} {h.Id} {h.Title} | {h.Snippet}"))));
}
