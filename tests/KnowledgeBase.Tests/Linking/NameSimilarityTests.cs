using KnowledgeBase.Linking;

namespace KnowledgeBase.Tests.Linking;

public sealed class NameSimilarityTests
{
    [Theory]
    [InlineData("Zdolińska-Malinowska", "zdolinskamalinowska")]
    [InlineData("Abdul Wahid", "abdulwahid")]
    [InlineData("Müller-Łącka", "mullerlacka")]
    [InlineData("O’Brien", "obrien")]
    [InlineData("Straße", "strasse")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Fold_ignores_case_diacritics_and_punctuation(string? name, string expected)
    {
        NameSimilarity.Fold(name).Should().Be(expected);
    }

    [Theory]
    [InlineData("barzewska", "barczewska", 1)]
    [InlineData("mazzini", "mazzini", 0)]
    [InlineData("mazzini", "mazizni", 1)]
    [InlineData("karussis", "karusis", 1)]
    [InlineData("cudkowicz", "cudkowitz", 1)]
    [InlineData("staff", "", 5)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_counts_insertions_deletions_substitutions_and_transpositions(string a, string b, int expected)
    {
        NameSimilarity.Distance(a, b).Should().Be(expected);
        NameSimilarity.Distance(b, a).Should().Be(expected);
    }

    [Fact]
    public void Distance_stops_past_its_bound()
    {
        NameSimilarity.Distance("aljabri", "ammar", bound: 2).Should().Be(3);
        NameSimilarity.Distance("barczewska", "barzewska", bound: 2).Should().Be(1);
    }

    [Theory]
    [InlineData("Mazzini", "Mazzini", NameMatch.Exact)]
    [InlineData("MAZZINI", "Mazzini", NameMatch.Exact)]
    [InlineData("Zdolinska-Malinowska", "Zdolińska-Malinowska", NameMatch.Exact)]
    [InlineData("Barzewska", "Barczewska", NameMatch.Similar)]
    [InlineData("Karusis", "Karussis", NameMatch.Similar)]
    [InlineData("Petru", "Petrou", NameMatch.Similar)]
    [InlineData("Castrilo-Vigera", "Castrillo-Viguera", NameMatch.Similar)]
    [InlineData("Staf", "Staff", NameMatch.None)]
    [InlineData("Oh", "Ho", NameMatch.None)]
    [InlineData("Bazzini", "Mazzini", NameMatch.None)]
    [InlineData("Petrov", "Petrou", NameMatch.Similar)]
    [InlineData("Peters", "Petrou", NameMatch.None)]
    [InlineData("Ammar", "Aljabri", NameMatch.None)]
    [InlineData("Barzweska", "Barczewska", NameMatch.Similar)]
    [InlineData("Bazrewsak", "Barczewska", NameMatch.None)]
    [InlineData("", "Mazzini", NameMatch.None)]
    public void Compare_tolerates_small_misspellings_of_names_of_five_letters_or_more(string written, string recorded, NameMatch expected)
    {
        NameSimilarity.Compare(written, recorded).Should().Be(expected);
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 2)]
    [InlineData(12, 2)]
    public void Longer_names_allow_more_edits(int length, int edits)
    {
        NameSimilarity.AllowedEdits(length).Should().Be(edits);
    }

    [Fact]
    public void Similarity_is_one_for_the_same_name_and_falls_with_distance()
    {
        NameSimilarity.Similarity("Barczewska", "barczewska").Should().Be(1);
        NameSimilarity.Similarity("Barzewska", "Barczewska").Should().BeApproximately(0.9, 1e-9);
        NameSimilarity.Similarity("", "").Should().Be(0);
    }
}
