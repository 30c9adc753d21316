using KnowledgeBase.Domain;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Tests.Importing;

/// <summary>The one rule set the curated-library import and reference-file imports share for which stored study a record is.</summary>
public sealed class StudyMatchingTests
{
    private static readonly Study First = new() { Id = 1, Title = "First", Doi = "10.1/a", Pmid = "111" };
    private static readonly Study Second = new() { Id = 2, Title = "Second", Doi = "10.1/b", Pmid = "222" };

    [Fact]
    public void A_record_whose_identifiers_find_nothing_is_a_new_study()
    {
        var match = StudyMatching.Find(null, null, null);

        match.Study.Should().BeNull();
        match.IsConflict.Should().BeFalse();
    }

    [Fact]
    public void Identifiers_that_all_find_the_same_study_match_it()
    {
        var match = StudyMatching.Find(First, First, null);

        match.Study.Should().BeSameAs(First);
        match.IsConflict.Should().BeFalse();
    }

    [Fact]
    public void Identifiers_that_find_two_studies_are_a_conflict_not_a_merge()
    {
        var match = StudyMatching.Find(First, Second);

        match.IsConflict.Should().BeTrue();
        match.Study.Should().BeNull();
        match.Candidates.Should().Equal(First, Second);
    }

    [Theory]
    [InlineData("10.1/a", "111", null)]
    [InlineData(null, "111", null)]
    [InlineData("10.1/other", "111", "DOI")]
    [InlineData("10.1/a", "999", "PMID")]
    public void A_study_found_by_one_identifier_clashes_when_its_other_identifier_differs(string? doi, string? pmid, string? clash) =>
        StudyMatching.IdentifierClash(First, doi, pmid).Should().Be(clash);
}
