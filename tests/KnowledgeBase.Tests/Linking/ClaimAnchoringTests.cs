using KnowledgeBase.Domain;
using KnowledgeBase.Linking;

namespace KnowledgeBase.Tests.Linking;

public sealed class ClaimAnchoringTests
{
    private static Claim ClaimOn(string text, string quote, int occurrence = 0)
    {
        var start = -1;
        for (var i = 0; i <= occurrence; i++) start = text.IndexOf(quote, start + 1, StringComparison.Ordinal);
        return Claim.Anchor(text, start, start + quote.Length, DateTime.UnixEpoch);
    }

    [Fact]
    public void Follows_a_quote_that_moved_when_text_was_inserted_before_it()
    {
        const string old = "Intro. The trial showed a 70% decrease in the risk of death. End.";
        var claim = ClaimOn(old, "a 70% decrease in the risk of death");
        var updated = "A new first paragraph was added.\n\n" + old;

        ClaimAnchoring.Reanchor(claim, updated).Should().BeTrue();

        updated[claim.Start..claim.End].Should().Be("a 70% decrease in the risk of death");
        claim.IsOrphaned.Should().BeFalse();
        claim.Prefix.Should().EndWith("The trial showed ");
    }

    [Fact]
    public void Chooses_among_repeated_quotes_by_prefix_and_suffix()
    {
        const string old = "Study A: it was safe. Study B: it was safe and well tolerated.";
        var claim = ClaimOn(old, "it was safe", occurrence: 1); // the one after "Study B: "
        const string updated = "Study B: it was safe and well tolerated. Study A: it was safe.";

        ClaimAnchoring.Reanchor(claim, updated).Should().BeTrue();

        claim.Start.Should().Be(updated.IndexOf("Study B: ", StringComparison.Ordinal) + "Study B: ".Length);
    }

    [Fact]
    public void Marks_a_claim_orphaned_when_its_quote_is_gone_and_keeps_its_quote()
    {
        const string old = "The trial showed a 70% decrease in the risk of death.";
        var claim = ClaimOn(old, "a 70% decrease in the risk of death");

        ClaimAnchoring.Reanchor(claim, "The trial showed a 40% decrease in the risk of death.").Should().BeFalse();

        claim.IsOrphaned.Should().BeTrue();
        claim.Quote.Should().Be("a 70% decrease in the risk of death", "an orphaned claim is never silently moved or rewritten");
    }
}
