using KnowledgeBase.Retrieval;

namespace KnowledgeBase.Tests.Retrieval;

/// <summary>
/// The compact BM25 index finds exactly the rows that hold a word, however long its posting list (the lists are
/// stored as gaps with a skip entry every <see cref="LexicalIndex.SkipEvery"/> postings).
/// </summary>
public sealed class LexicalIndexTests
{
    [Fact]
    public void Contains_and_scores_find_exactly_the_rows_with_the_word_across_skip_entries()
    {
        var builder = new LexicalIndexBuilder();
        const int Rows = 1000;
        for (var row = 0; row < Rows; row++)
        {
            // "walnut" in every third row (once or twice), "rare" in one row far from the start (a gap over 127).
            var text = row % 3 == 0 ? (row % 2 == 0 ? "walnut walnut harvest" : "walnut harvest") : "harvest season";
            if (row == 777) text += " rare";
            builder.Add(null, row % 5 == 4 && row % 3 != 0 ? "" : text);
        }

        var index = builder.Build();
        var scores = new float[Rows];
        index.Score(new Dictionary<string, double> { ["walnut"] = 1 }, scores);

        for (var row = 0; row < Rows; row++)
        {
            index.Contains(row, "walnut").Should().Be(row % 3 == 0, $"row {row}");
            (scores[row] > 0).Should().Be(row % 3 == 0, $"row {row}");
            index.Contains(row, "rare").Should().Be(row == 777);
        }

        index.Contains(0, "absent").Should().BeFalse();
        scores[0].Should().BeGreaterThan(scores[3], "twice the word in a row of the same length scores higher");
        scores[6].Should().Be(scores[0], "same counts, same length");
        index.Idf("walnut").Should().BeLessThan(index.Idf("rare"));
        index.Documents.Should().Be(Rows - Enumerable.Range(0, Rows).Count(r => r % 5 == 4 && r % 3 != 0));
    }
}
