using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// After a change, the first request of a list page gets the counts of the stamp before at once, marked stale and
/// said so on the page, while one recount runs in the background (decision 0039); once it has finished, the counts are
/// exact and the note is gone. A page built from stale counts never goes into the readers' page cache.
/// </summary>
public sealed partial class StaleCountsTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    // These tests read the older counts a change leaves: a recount on this small database would finish within the wait.
    private readonly bool _staleAtOnce = factory.StaleCountsAtOnce();

    private static readonly TimeSpan RecountDeadline = TimeSpan.FromSeconds(60);

    private ChangeStampedCache Cache => factory.Services.GetRequiredService<ChangeStampedCache>();

    [Fact]
    public async Task After_a_change_the_next_request_gets_the_previous_counts_marked_stale_and_after_the_recount_the_exact_ones()
    {
        var editor = await factory.SignedInEditorAsync();
        var before = await factory.SettledPageAsync(() => GetAsync(editor, "/claims?status=rejected"));
        var rejected = Total(before);

        var candidate = await factory.QueryAsync(db => db.Claims.Where(c => c.Status == ClaimStatus.Candidate).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        await ChangeAsync(async db => (await db.Claims.SingleAsync(c => c.Id == candidate)).Status = ClaimStatus.Rejected);

        var afterChange = await GetAsync(editor, "/claims?status=rejected");
        afterChange.Should().Contain(WebTestExtensions.StaleCountsNote, "the counts are the previous stamp's while they are recounted");
        Total(afterChange).Should().Be(rejected, "the total is one of the counts that may lag");
        afterChange.Should().Contain($"/claims/{candidate}\"", "the rows are read now, whatever the counts");

        await Cache.RecountsFinishedAsync().WaitAsync(RecountDeadline);
        var recounted = await GetAsync(editor, "/claims?status=rejected");
        recounted.Should().NotContain(WebTestExtensions.StaleCountsNote);
        Total(recounted).Should().Be(rejected + 1);
    }

    [Theory]
    [InlineData("/claims/review")]
    [InlineData("/studies?therapy=bone-marrow-msc")]
    [InlineData("/evidence-map")]
    [InlineData("/")]
    public async Task Each_page_with_shared_counts_says_when_they_are_being_recounted(string url)
    {
        var editor = await factory.SignedInEditorAsync();
        await factory.SettledPageAsync(() => GetAsync(editor, url));

        await RenameASourceAsync();

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await GetAsync(editor, url));
        var note = page.QuerySelectorAll("p[role=status]").Where(p => p.TextContent.Contains(WebTestExtensions.StaleCountsNote, StringComparison.Ordinal)).ToList();
        note.Should().ContainSingle("a polite status note says the counts lag, no script needed");
        await Cache.RecountsFinishedAsync().WaitAsync(RecountDeadline);
        (await GetAsync(editor, url)).Should().NotContain(WebTestExtensions.StaleCountsNote);
    }

    [Fact]
    public async Task A_reader_s_page_built_from_stale_counts_is_never_kept_in_the_page_cache()
    {
        const string url = "/claims?status=candidate";
        var reader = factory.CreateBrowser();
        await factory.SettledPageAsync(() => GetAsync(reader, url));
        (await ReadAsync(reader, url)).Age.Should().NotBeNull("an exact page is cached for readers");

        await RenameASourceAsync();

        var stale = await ReadAsync(reader, url);
        stale.Age.Should().BeNull();
        stale.Html.Should().Contain(WebTestExtensions.StaleCountsNote);
        var next = await ReadAsync(reader, url);
        next.Age.Should().BeNull("the page built from stale counts was not stored under the current stamp");

        await Cache.RecountsFinishedAsync().WaitAsync(RecountDeadline);
        var exact = await ReadAsync(reader, url);
        exact.Html.Should().NotContain(WebTestExtensions.StaleCountsNote);
        var cached = await ReadAsync(reader, url);
        cached.Age.Should().NotBeNull("an exact page is stored again");
        cached.Html.Should().NotContain(WebTestExtensions.StaleCountsNote);
    }

    [Fact]
    public async Task Concurrent_requests_after_a_change_share_one_recount()
    {
        var key = $"test:{Guid.NewGuid():N}";
        var calls = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Counted> Count(KnowledgeBaseDbContext db, CancellationToken ct)
        {
            var call = Interlocked.Increment(ref calls);
            if (call > 1) await gate.Task.WaitAsync(ct);
            return new Counted(await db.Claims.CountAsync(ct), call);
        }

        var first = await GetSharedAsync(key, Count);
        first.Should().Be(new Shared<Counted>(first.Value, false));
        await RenameASourceAsync();

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => GetSharedAsync(key, Count))));

        concurrent.Should().AllSatisfy(s => s.Should().Be(new Shared<Counted>(first.Value, true)));
        Cache.IsRecounting(key).Should().BeTrue("the recount waits at the gate");
        gate.SetResult();
        await Cache.RecountsFinishedAsync().WaitAsync(RecountDeadline);
        calls.Should().Be(2, "one computation when there was nothing, then one recount for all eight requests");
        Cache.IsRecounting(key).Should().BeFalse();
        (await GetSharedAsync(key, Count)).Should().Be(new Shared<Counted>(first.Value with { Call = 2 }, false));
        calls.Should().Be(2);
    }

    [Fact]
    public async Task A_failing_recount_keeps_the_previous_value_and_the_next_request_recounts()
    {
        var key = $"test:{Guid.NewGuid():N}";
        var calls = 0;
        async Task<Counted> FailingOnce(KnowledgeBaseDbContext db, CancellationToken ct)
        {
            var call = Interlocked.Increment(ref calls);
            if (call == 2) throw new InvalidOperationException("the database went away");
            return new Counted(await db.Claims.CountAsync(ct), call);
        }

        var first = (await GetSharedAsync(key, FailingOnce)).Value;
        await RenameASourceAsync();

        (await GetSharedAsync(key, FailingOnce)).Should().Be(new Shared<Counted>(first, true));
        await Cache.RecountsFinishedAsync().WaitAsync(RecountDeadline);
        calls.Should().Be(2, "the recount ran and failed");
        (await GetSharedAsync(key, FailingOnce)).Should().Be(new Shared<Counted>(first, true), "the previous value stays, still marked stale");
        await Cache.RecountsFinishedAsync().WaitAsync(RecountDeadline);
        calls.Should().Be(3, "that request started another recount");
        (await GetSharedAsync(key, FailingOnce)).Should().Be(new Shared<Counted>(first with { Call = 3 }, false));
    }

    [Fact]
    public async Task A_recount_that_ends_within_the_wait_gives_the_exact_counts_at_once()
    {
        var key = $"test:{Guid.NewGuid():N}";
        var calls = 0;
        async Task<Counted> Count(KnowledgeBaseDbContext db, CancellationToken ct) => new(await db.Claims.CountAsync(ct), Interlocked.Increment(ref calls));

        var first = (await GetSharedAsync(key, Count)).Value;
        await RenameASourceAsync();
        Cache.FreshWithin = TimeSpan.FromSeconds(30);
        try
        {
            (await GetSharedAsync(key, Count)).Should().Be(new Shared<Counted>(first with { Call = 2 }, false), "the editor who made the change sees its effect");
        }
        finally
        {
            Cache.FreshWithin = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_value_that_selects_rows_is_never_served_from_an_older_stamp()
    {
        var key = $"test:{Guid.NewGuid():N}";
        var calls = 0;
        async Task<Counted> Count(KnowledgeBaseDbContext db, CancellationToken ct) => new(await db.Claims.CountAsync(ct), Interlocked.Increment(ref calls));

        await GetSharedAsync(key, Count, staleAllowed: false);
        await RenameASourceAsync();

        (await GetSharedAsync(key, Count, staleAllowed: false)).Should().Be(new Shared<Counted>(new Counted(await factory.QueryAsync(db => db.Claims.CountAsync()), 2), false));
        Cache.IsRecounting(key).Should().BeFalse();
    }

    private sealed record Counted(int Claims, int Call);

    private async Task<Shared<Counted>> GetSharedAsync(string key, Func<KnowledgeBaseDbContext, CancellationToken, Task<Counted>> compute, bool staleAllowed = true)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        return await Cache.GetAsync(key, scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>(), compute, CancellationToken.None, staleAllowed);
    }

    /// <summary>A change recorded in the history, as every save writes one: the change stamp moves.</summary>
    private async Task ChangeAsync(Func<KnowledgeBaseDbContext, Task> change)
    {
        _ = factory.Server;
        await using var other = DatabaseSetup.CreateContext(factory.Database, new SystemActor("test"), TimeProvider.System);
        await change(other);
        await other.SaveChangesAsync();
        await factory.WaitForChangeStampAsync(); // another process's change: once its file event (SQLite) or notification (PostgreSQL) has arrived
    }

    private Task RenameASourceAsync() =>
        ChangeAsync(async db => (await db.Sources.OrderBy(s => s.Id).FirstAsync()).Publisher = $"Publisher {Guid.NewGuid():N}");

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<(string Html, TimeSpan? Age)> ReadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadAsStringAsync(), response.Headers.Age);
    }

    /// <summary>The list's total, from its download link (absent, with a notice, when nothing matches).</summary>
    private static int Total(string html) => ListTotal().Match(html) is { Success: true } m
        ? int.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
        : html.Contains("No claims match these filters", StringComparison.Ordinal) ? 0 : throw new InvalidOperationException("the page shows no total");

    [GeneratedRegex("Download these ([0-9,]+) claims? as JSON")]
    private static partial Regex ListTotal();
}
