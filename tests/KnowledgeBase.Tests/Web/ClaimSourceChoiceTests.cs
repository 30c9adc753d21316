using System.Globalization;
using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The claims list's source drop-down when there are more sources than it lists: the ones with the
/// most claims, the selected one always, and a note saying how many are left out.
/// </summary>
public sealed class ClaimSourceChoiceTests(KnowledgeBaseAppFactory factory) : IClassFixture<KnowledgeBaseAppFactory>
{
    private const string Prefix = "Many-sources test ";

    /// <summary>Enough extra sources to pass the drop-down's limit; the first ones get more claims than any seed source.</summary>
    private async Task EnsureManySourcesAsync()
    {
        await factory.QueryAsync(async db =>
        {
            if (await db.Sources.AnyAsync(s => s.Title.StartsWith(Prefix))) return 0;
            var now = DateTime.UtcNow;
            for (var i = 0; i < ClaimsController.SourceChoices + 20; i++)
            {
                var name = Prefix + i.ToString("D3", CultureInfo.InvariantCulture);
                var source = new Source
                {
                    Title = name,
                    OriginalText = name,
                    CleanedText = name,
                    ContentHash = "many-" + i.ToString(CultureInfo.InvariantCulture),
                    FileName = "many-" + i.ToString(CultureInfo.InvariantCulture) + ".md",
                    ImportedAt = now,
                };
                // Sources 000-004 get 500 claims each (more than any seed source), 119 none, the rest one each.
                var claims = i < 5 ? 500 : i == ClaimsController.SourceChoices + 19 ? 0 : 1;
                for (var c = 0; c < claims; c++)
                    source.Claims.Add(new Claim { Quote = name, Start = c, End = c + 1, CreatedAt = now, UpdatedAt = now });
                db.Sources.Add(source);
            }
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task With_many_sources_the_drop_down_lists_the_busiest_and_says_how_many_are_left_out()
    {
        await EnsureManySourcesAsync();
        var total = await factory.QueryAsync(db => db.Sources.CountAsync());
        var page = await factory.CreateBrowser().GetPageAsync("/claims");

        var options = page.QuerySelectorAll("select#source option").Where(o => o.GetAttribute("value") != "").ToList();
        options.Should().HaveCount(ClaimsController.SourceChoices);
        var titles = options.Select(o => o.TextContent).ToList();
        for (var i = 0; i < 5; i++)
            titles.Should().Contain(t => t.StartsWith(Prefix + i.ToString("D3", CultureInfo.InvariantCulture) + " (500)", StringComparison.Ordinal));
        titles.Should().BeInAscendingOrder(StringComparer.Ordinal);
        page.QuerySelector("#source-note")!.TextContent.Should()
            .Contain((total - ClaimsController.SourceChoices).ToString("N0", CultureInfo.InvariantCulture) + " more");
        page.QuerySelector("select#source")!.GetAttribute("aria-describedby").Should().Be("source-note");
    }

    [Fact]
    public async Task A_source_outside_the_listed_ones_can_still_be_chosen_by_its_address_and_is_shown_selected()
    {
        await EnsureManySourcesAsync();
        var quiet = await factory.QueryAsync(db => db.Sources.Where(s => s.Title == Prefix + "119").Select(s => s.Id).SingleAsync());
        var page = await factory.CreateBrowser().GetPageAsync($"/claims?source={quiet}");

        var selected = page.QuerySelector("select#source option[selected]");
        selected.Should().NotBeNull();
        selected!.GetAttribute("value").Should().Be(quiet.ToString(CultureInfo.InvariantCulture));
        selected.TextContent.Should().Be(Prefix + "119 (0)");
        page.Title.Should().Contain(Prefix + "119");
    }

    [Fact]
    public async Task An_unknown_source_is_still_named_in_a_notice()
    {
        await EnsureManySourcesAsync();
        var page = await factory.CreateBrowser().GetPageAsync("/claims?source=987654");
        page.QuerySelector("p.notice")!.TextContent.Should().Contain("There is no such source.");
        page.QuerySelector("select#source option[selected]")?.GetAttribute("value").Should().BeNullOrEmpty();
    }
}
