using KnowledgeBase.Domain;
using KnowledgeBase.Linking;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// What makes a citation in a large library: a name or a phrase that tells one record from the others. Names and
/// phrases many records share (gene and cytokine names, common title phrases, shouted titles) are topics, which the
/// relevance ranking weighs, not citations.
/// </summary>
public sealed class CitationIndexTests
{
    private static EvidenceCandidate Study(int id, string title, params string[] aliases) => new()
    {
        Kind = EvidenceKind.Study,
        Id = id,
        Title = title,
        Aliases = aliases,
    };

    [Fact]
    public void A_product_name_only_one_record_carries_is_a_citation()
    {
        var index = new CitationIndex([Study(1, "A trial of the cell product", "ZX-4417"), Study(2, "Something else")]);

        var found = index.Suggest(ClaimContext.Of("Patients given ZX-4417 walked further in phase 2."), []);

        found.Keys.Should().Equal(0);
        found[0].Reasons.Select(r => r.Text).Should().Contain("product ZX-4417");
    }

    [Fact]
    public void A_name_more_records_carry_than_the_limit_is_a_topic_not_a_citation()
    {
        var studies = Enumerable.Range(1, CitationIndex.MaxRowsPerName + 1)
            .Select(i => Study(i, $"Cytokine study number {i}", "IL-17")).ToList();
        var index = new CitationIndex(studies);

        index.Suggest(ClaimContext.Of("Blocking IL-17 relieves psoriasis in phase 2."), Enumerable.Range(0, studies.Count))
            .Should().BeEmpty("a name shared by many records does not say which one the claim cites");
    }

    [Fact]
    public void A_title_phrase_several_compared_records_share_is_not_a_quoted_title()
    {
        var studies = Enumerable.Range(1, CitationIndex.MaxRowsPerTitleRun)
            .Select(i => Study(i, $"Inhaled steroids in chronic obstructive pulmonary disease cohort {i}")).ToList();
        var index = new CitationIndex(studies);

        index.Suggest(ClaimContext.Of("Steroids in chronic obstructive pulmonary disease cohort work."), Enumerable.Range(0, studies.Count))
            .Should().BeEmpty();
    }

    [Fact]
    public void A_claim_that_quotes_most_of_one_title_cites_it()
    {
        var studies = new[]
        {
            Study(1, "Autologous fat grafts for knee cartilage repair in athletes"),
            Study(2, "Knee cartilage and running"),
        };
        var index = new CitationIndex(studies);

        var found = index.Suggest(ClaimContext.Of("Read how autologous fat grafts for knee cartilage repair help."), [0, 1]);

        found.Keys.Should().Equal(0);
        found[0].Reasons.Should().Contain(r => r.Text.StartsWith("title words", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_of_a_few_words_from_a_long_title_is_not_a_quoted_title()
    {
        var study = Study(1, "Long term outcomes of autologous fat grafts for knee cartilage repair in professional football and rugby players");

        new CitationIndex([study]).Suggest(ClaimContext.Of("Autologous fat grafts for knee cartilage help."), [0]).Should().BeEmpty();
    }

    [Fact]
    public void Long_upper_case_words_of_a_title_written_in_capitals_are_no_product_names()
    {
        ProductAliases.Find("INCREASES IN MORTALITY DURING HEATWAVES").Should().BeEmpty();
        ProductAliases.Find("The ENDURANCE trial of a cell product").Should().Equal("ENDURANCE");
    }

    [Fact]
    public void Numbered_members_of_molecule_and_virus_families_are_no_product_codes()
    {
        ProductAliases.Find("IL-17 and TNF-α after COVID-19 or HPV-16 infection").Should().BeEmpty();
        ProductAliases.Find("Safety of NSI-566 and MSC-NTF").Should().Equal("NSI-566", "MSC-NTF");
    }

    [Fact]
    public void The_passage_holds_the_section_s_earlier_sentences_nearest_first_and_its_heading()
    {
        const string text = "Intro line that ends.\n\nOur knee trial\n\nWe treated ten knees. All improved. Pain fell by half.\n";
        var start = text.IndexOf("Pain fell", StringComparison.Ordinal);

        var context = ClaimContexts.For(text, start, start + "Pain fell by half.".Length, "Pain fell by half.", Array.Empty<SourceReference>());

        context.Passage.Should().Equal("All improved.", "We treated ten knees.");
        context.Heading.Should().Be("Our knee trial");
        context.PrecedingText.Should().Be("All improved.");
    }
}
