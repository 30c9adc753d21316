using KnowledgeBase.Web.Features.Sources;

namespace KnowledgeBase.Tests.Web;

public sealed class HighlightedTextTests
{
    private static HighlightSpan Span(int id, int start, int end) => new(id, start, end, "candidate");

    private static string Join(HighlightedText text) =>
        string.Join("|", text.Paragraphs.Select(p => string.Concat(p.Runs.Select(r => r.Text))));

    [Fact]
    public void Every_line_is_a_paragraph_and_blank_lines_only_separate()
    {
        var text = HighlightedText.Build("First paragraph.\n\nSecond one.\nA heading\n\n\nLast.", []);

        Join(text).Should().Be("First paragraph.|Second one.|A heading|Last.");
        text.Paragraphs.Select(p => p.Start).Should().Equal(0, 18, 30, 42);
    }

    [Fact]
    public void Text_without_spans_is_one_plain_run_per_paragraph()
    {
        var text = HighlightedText.Build("One.\nTwo.", []);

        text.Paragraphs.Should().HaveCount(2);
        text.Paragraphs.Should().OnlyContain(p => p.Runs.Count == 1 && !p.Runs[0].IsHighlighted);
        text.Unplaced.Should().BeEmpty();
    }

    [Fact]
    public void A_span_splits_its_paragraph_into_before_highlight_and_after()
    {
        var text = HighlightedText.Build("Stem cells cure ALS, they say.", [Span(7, 11, 19)]);

        var runs = text.Paragraphs.Single().Runs;
        runs.Select(r => r.Text).Should().Equal("Stem cells ", "cure ALS", ", they say.");
        runs[1].Primary!.Id.Should().Be(7);
        runs[1].AnchorIds.Should().Equal(7);
        runs[0].IsHighlighted.Should().BeFalse();
        runs[2].IsHighlighted.Should().BeFalse();
        text.PlacedIds.Should().BeEquivalentTo([7]);
    }

    [Fact]
    public void Adjacent_spans_stay_separate_runs()
    {
        var text = HighlightedText.Build("AAAABBBB", [Span(1, 0, 4), Span(2, 4, 8)]);

        var runs = text.Paragraphs.Single().Runs;
        runs.Select(r => (r.Text, r.Primary!.Id)).Should().Equal(("AAAA", 1), ("BBBB", 2));
        runs.Should().OnlyContain(r => !r.IsOverlap);
    }

    [Fact]
    public void Overlapping_spans_are_cut_at_every_boundary_and_the_overlap_links_to_the_inner_claim()
    {
        // Claim 1 covers "abcdefgh", claim 2 covers "efghijkl".
        var text = HighlightedText.Build("abcdefghijkl", [Span(1, 0, 8), Span(2, 4, 12)]);

        var runs = text.Paragraphs.Single().Runs;
        runs.Select(r => r.Text).Should().Equal("abcd", "efgh", "ijkl");
        runs[0].Spans.Select(s => s.Id).Should().Equal(1);
        runs[1].Spans.Select(s => s.Id).Should().BeEquivalentTo([1, 2]);
        runs[1].IsOverlap.Should().BeTrue();
        runs[1].Primary!.Id.Should().Be(2);
        runs[2].Spans.Select(s => s.Id).Should().Equal(2);
        runs[0].AnchorIds.Should().Equal(1);
        runs[1].AnchorIds.Should().Equal(2);
        runs[2].AnchorIds.Should().BeEmpty();
    }

    [Fact]
    public void A_span_nested_in_another_stays_reachable()
    {
        var text = HighlightedText.Build("0123456789", [Span(1, 0, 10), Span(2, 3, 5)]);

        var runs = text.Paragraphs.Single().Runs;
        runs.Select(r => r.Text).Should().Equal("012", "34", "56789");
        runs.Select(r => r.Primary!.Id).Should().Equal(1, 2, 1);
    }

    [Fact]
    public void Identical_spans_each_get_an_anchor_in_the_same_run()
    {
        var text = HighlightedText.Build("same words", [Span(4, 0, 4), Span(3, 0, 4)]);

        var run = text.Paragraphs.Single().Runs[0];
        run.AnchorIds.Should().BeEquivalentTo([3, 4]);
        run.Primary!.Id.Should().Be(3);
    }

    [Fact]
    public void A_span_across_a_paragraph_break_is_highlighted_in_both_paragraphs_and_anchored_once()
    {
        var text = HighlightedText.Build("First line.\n\nSecond line.", [Span(9, 6, 19)]);

        text.Paragraphs[0].Runs.Select(r => r.Text).Should().Equal("First ", "line.");
        text.Paragraphs[1].Runs.Select(r => r.Text).Should().Equal("Second", " line.");
        text.Paragraphs[0].Runs[1].AnchorIds.Should().Equal(9);
        text.Paragraphs[1].Runs[0].AnchorIds.Should().BeEmpty();
        text.Paragraphs[1].Runs[0].Primary!.Id.Should().Be(9);
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(5, 100)]
    [InlineData(4, 4)]
    [InlineData(6, 2)]
    public void Spans_outside_the_text_or_empty_are_not_placed_but_reported(int start, int end)
    {
        var text = HighlightedText.Build("0123456789", [Span(5, start, end)]);

        Join(text).Should().Be("0123456789");
        text.Paragraphs.Single().Runs.Should().OnlyContain(r => !r.IsHighlighted);
        text.Unplaced.Select(s => s.Id).Should().Equal(5);
        text.PlacedIds.Should().BeEmpty();
    }

    [Fact]
    public void A_span_covering_only_blank_lines_is_reported_as_unplaced()
    {
        var text = HighlightedText.Build("One.\n\n\nTwo.", [Span(1, 4, 7)]);

        text.Unplaced.Select(s => s.Id).Should().Equal(1);
        Join(text).Should().Be("One.|Two.");
    }

    [Fact]
    public void Crlf_line_ends_do_not_leak_into_the_text()
    {
        var text = HighlightedText.Build("One.\r\n\r\nTwo.", []);

        Join(text).Should().Be("One.|Two.");
    }

    [Fact]
    public void Runs_put_back_together_give_the_text_of_every_paragraph()
    {
        const string source = "Alpha beta gamma.\n\nDelta epsilon zeta eta.\nTheta.";
        var text = HighlightedText.Build(source, [Span(1, 2, 30), Span(2, 6, 10), Span(3, 25, 48), Span(4, 0, 60)]);

        foreach (var paragraph in text.Paragraphs)
        {
            var joined = string.Concat(paragraph.Runs.Select(r => r.Text));
            source.Substring(paragraph.Start, joined.Length).Should().Be(joined);
            paragraph.Runs.Zip(paragraph.Runs.Skip(1)).Should().OnlyContain(pair => pair.First.Start + pair.First.Text.Length == pair.Second.Start);
        }
        text.Unplaced.Select(s => s.Id).Should().Equal(4);
    }

    [Fact]
    public void Markup_in_the_text_reaches_the_page_encoded()
    {
        var text = HighlightedText.Build("<script>alert(1)</script> & more", [Span(1, 0, 8)]);

        using var writer = new StringWriter();
        HighlightedTextHtml.Paragraph(text.Paragraphs.Single()).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        var html = writer.ToString();

        html.Should().NotContain("<script>");
        html.Should().Contain("&lt;script&gt;");
        html.Should().Contain("href=\"/claims/1\"").And.Contain("id=\"claim-1\"");
    }
}
