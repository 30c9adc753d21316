using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Search;
using KnowledgeBase.Search.Sqlite;
using KnowledgeBase.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

using static KnowledgeBase.Tests.Search.SearchTestSources;

namespace KnowledgeBase.Tests.Search;

/// <summary>
/// Search over one very long article: the work per hit is bounded (snippets are cut from short windows, never
/// from the whole text), and a search whose caller has gone stops. Bounded work is asserted with a time-out no
/// quadratic snippet could meet: 100,000 matching lines took 37 s that way, 1,000,000 lines over 600 s.
/// </summary>
public sealed class LargeTextSearchTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public async Task An_article_of_many_matching_lines_is_found_with_a_marked_snippet_in_bounded_time(int lines)
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        var source = await AddSourceAsync(db, "Repeated lines", string.Concat(Enumerable.Repeat("Fix ALS now.\n", lines)));
        var engine = SearchEngines.For(db, NullLoggerFactory.Instance);

        var results = await engine.SearchAsync(new SearchRequest(SearchQueryParser.Parse("fix"), SearchKind.Source))
            .WaitAsync(Generous);

        results.Problem.Should().BeNull("the search finishes within its time budget");
        var hit = results.Groups.Single().Hits.Should().ContainSingle(h => h.Id == source.Id).Subject;
        SearchHighlight.Runs(hit.Snippet).Where(r => r.IsMatch).Select(r => r.Text).Should().Contain("Fix");
        hit.Snippet.Length.Should().BeLessThan(SnippetWindows.Size, "a snippet is a passage, not the text");
        hit.Snippet.Should().EndWith("…");
    }

    [Fact]
    public async Task A_match_far_into_a_long_text_is_marked_in_its_snippet()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        var filler = string.Concat(Enumerable.Repeat("Plain words without the one sought here. ", 2_000));
        var source = await AddSourceAsync(db, "Needle", filler + "Here the wombatine result appears. " + filler);

        var hit = (await SearchAsync(db, "wombatine", SearchKind.Source)).Groups.Single().Hits.Single();

        hit.Id.Should().Be(source.Id);
        SearchHighlight.Runs(hit.Snippet).Where(r => r.IsMatch).Select(r => r.Text).Should().Equal("wombatine");
        hit.Snippet.Should().StartWith("…").And.EndWith("…");
    }

    [Fact]
    public async Task A_search_whose_caller_has_gone_stops_with_a_cancellation()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        await AddSourceAsync(db, "Repeated lines", string.Concat(Enumerable.Repeat("Fix ALS now.\n", 10_000)));
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var search = () => SearchEngines.For(db, NullLoggerFactory.Instance)
            .SearchAsync(new SearchRequest(SearchQueryParser.Parse("fix")), gone.Token);

        await search.Should().ThrowAsync<OperationCanceledException>("a cancelled search is not reported as a failed query");
    }

    [SqliteFact]
    public async Task A_running_sqlite_statement_stops_when_its_token_is_cancelled()
    {
        using var database = new TestDatabase();
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        using var gone = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        using var registration = SqliteInterrupt.OnCancel(connection, gone.Token);
        await using var command = connection.CreateCommand();
        // Counts for ever: only an interrupt ends it.
        command.CommandText = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n";

        var run = () => Task.Run(() => command.ExecuteScalar()).WaitAsync(Generous);

        (await run.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(SQLitePCL.raw.SQLITE_INTERRUPT);
    }

    [Fact]
    public void Windows_cover_every_character_up_to_the_limit_and_stay_short()
    {
        var text = string.Concat(Enumerable.Range(0, 5_000).Select(i => (i % 7 == 0 ? "longerwordhere" : "w" + i) + (i % 13 == 0 ? "\n" : " ")));

        var windows = SnippetWindows.Split(text, scanChars: 20_000).ToList();

        windows.Should().OnlyContain(w => w.Length > 0 && w.Length <= SnippetWindows.Size);
        windows[0].Start.Should().Be(0);
        windows[^1].End.Should().Be(20_000);
        windows.Zip(windows.Skip(1)).Should().OnlyContain(p => p.Second.Start > p.First.Start && p.Second.Start <= p.First.End,
            "each window starts after the previous one and leaves no gap");
        windows.Count.Should().BeLessThan(20_000 / (SnippetWindows.Size / 2) + 2, "the windows cost linear work in the text they cover");
        windows.Take(windows.Count - 1).Should().OnlyContain(w => char.IsWhiteSpace(text[w.End - 1]), "cuts fall on white space");
    }

    [Fact]
    public void A_text_with_no_white_space_is_still_cut_into_short_windows()
    {
        var text = new string('x', 10_000);

        var windows = SnippetWindows.Split(text).ToList();

        windows.Should().OnlyContain(w => w.Length <= SnippetWindows.Size);
        windows[^1].End.Should().Be(text.Length);
    }

    [Theory]
    [InlineData("One two three four five", 3, "One two three…")]
    [InlineData("One two", 3, "One two")]
    [InlineData("   ", 3, "")]
    public void The_lead_is_the_first_words(string text, int words, string expected) =>
        SnippetWindows.Lead(text, words).Should().Be(expected);

    private static async Task<SearchResults> SearchAsync(KnowledgeBaseDbContext db, string typed, SearchKind kind) =>
        await SearchEngines.For(db, NullLoggerFactory.Instance).SearchAsync(new SearchRequest(SearchQueryParser.Parse(typed), kind));
}
