using KnowledgeBase.Domain;
using KnowledgeBase.Tests.Support;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Tests.Data;

/// <summary>
/// <see cref="StoredText"/>: control characters and lone surrogates never reach a database, the same
/// way on both providers (these tests run on PostgreSQL too when the suite does), cleaned where input
/// comes in and again before every save.
/// </summary>
public sealed class StoredTextTests
{
    [Theory]
    [InlineData("a\0b", "ab")]
    [InlineData("bell\u0007 and escape\u001B[31m", "bell and escape[31m")]
    [InlineData("tab\tnew\nline\r\nkept", "tab\tnew\nline\r\nkept")]
    [InlineData("page\fbreak and vertical\vtab", "page\nbreak and vertical\ntab")]
    [InlineData("emoji \uD83D\uDE00 kept, \u202Eoverride kept in text", "emoji \uD83D\uDE00 kept, \u202Eoverride kept in text")]
    public void Text_loses_control_characters_but_keeps_tabs_lines_and_pairs(string input, string expected)
    {
        StoredText.Clean(input).Should().Be(expected);
        StoredText.NeedsCleaning(input).Should().Be(input != expected);
    }

    [Theory]
    [InlineData("evil\u202Efdp.exe", "evilfdp.exe")]
    [InlineData("\u2066isolate\u2069 \u200Emark\u200F", "isolate mark")]
    [InlineData("a\0\u202Db", "ab")]
    [InlineData("Ünal \uD83D\uDE00", "Ünal \uD83D\uDE00")]
    public void Names_also_lose_direction_controls(string input, string expected) =>
        StoredText.CleanName(input).Should().Be(expected);

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        // Not as InlineData: the test runner cannot carry a lone surrogate in a test case's name.
        StoredText.Clean("lone \uD800 high and \uDC00 low").Should().Be("lone \uFFFD high and \uFFFD low");
        StoredText.Clean("ends high \uD83D").Should().Be("ends high \uFFFD");
        StoredText.Clean("\uDE00\uD83D").Should().Be("\uFFFD\uFFFD", "a pair in the wrong order is two lone halves");
    }

    [Fact]
    public void Clean_text_is_returned_as_it_is()
    {
        const string text = "Nothing to clean here: tabs\tand lines\n.";
        StoredText.Clean(text).Should().BeSameAs(text);
        StoredText.CleanName(text).Should().BeSameAs(text);
    }

    [Fact]
    public void Unstorable_names_a_NUL_or_a_lone_surrogate_and_its_position()
    {
        StoredText.Unstorable("ab\0c").Should().Be("a NUL character (U+0000) at character 3");
        StoredText.Unstorable("x\uDC01").Should().Be("a lone surrogate (U+DC01) at character 2");
        StoredText.Unstorable("\u0007 and \uD83D\uDE00 are storable").Should().BeNull();
    }

    [Fact]
    public void A_decoded_file_loses_its_control_characters_before_it_is_parsed()
    {
        InputText.Decode("Title\u0001\n\nThe clinic\u001B says 93% improved.\f"u8).Should().Be("Title\n\nThe clinic says 93% improved.\n");
    }

    [Fact]
    public async Task Every_save_cleans_what_it_writes_on_either_provider()
    {
        using var database = new TestDatabase();
        await using (var db = database.CreateContext())
        {
            var name = "nul\0 and \u202Eoverride";
            db.Tags.Add(new Tag { Name = name, NormalizedName = Tag.Normalize(name), Kind = TagKind.Free, Description = "a\0b \uD800 \u202Ekept", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(); // PostgreSQL refuses a NUL: this save would fail there
        }

        await using var read = database.CreateContext();
        var tag = await read.Tags.SingleAsync(t => t.Name.StartsWith("nul"));
        tag.Name.Should().Be("nul and override");
        tag.NormalizedName.Should().Be("NUL AND OVERRIDE");
        tag.Description.Should().Be("ab \uFFFD \u202Ekept", "a description is text, not a name: direction controls stay");
        var history = (await read.ChangeRecords.Where(c => c.EntityType == "Tag" && c.EntityId == tag.Id).ToListAsync()).SelectMany(c => c.Changes);
        history.Should().Contain(c => c.Field == "Name" && c.After == "nul and override", "the history records the value as stored");
    }
}
