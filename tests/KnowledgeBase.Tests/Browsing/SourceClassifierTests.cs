using KnowledgeBase.Browsing;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Tests.Browsing;

public sealed class SourceClassifierTests
{
    [Fact]
    public void Classifies_a_prp_knee_page_as_prp_and_joints()
    {
        var result = SourceClassifier.Classify("PRP for Knee Osteoarthritis",
            "Platelet-rich plasma (PRP) is drawn from your blood. PRP injections into the knee are said to ease osteoarthritis. Knee pain fell.");

        result.TherapyKinds.Should().Equal(SourceTaxonomy.Prp);
        result.Conditions.Should().Equal("joints-sports-injuries");
    }

    [Fact]
    public void A_passing_mention_does_not_classify()
    {
        var text = string.Concat(Enumerable.Repeat("Hyperbaric oxygen sessions help wounds heal. The hyperbaric chamber is pressurised. ", 4))
            + "Unlike stem cells, it needs no donor.";

        var result = SourceClassifier.Classify("Hyperbaric Oxygen for Wounds", text);

        result.TherapyKinds.Should().Equal(SourceTaxonomy.HyperbaricOxygen);
        result.Conditions.Should().Equal("skin-wounds");
    }

    [Fact]
    public void The_title_counts_more_than_the_text()
    {
        var text = "Cancer patients and patients with Lyme disease both ask about it. Lyme disease is tick-borne. Cancer is common.";

        SourceClassifier.Classify("Ozone for Lyme Disease", text + " Ozone is given.").Conditions[0].Should().Be("lyme-disease");
        SourceClassifier.Classify("Ozone for Cancer", text + " Ozone is given.").Conditions[0].Should().Be("cancer");
    }

    [Fact]
    public void A_named_cell_type_replaces_stem_cells_unspecified()
    {
        var text = "Stem cells may help COPD. Our stem cells come from umbilical cord tissue. Stem cell therapy for COPD is given by IV.";

        var result = SourceClassifier.Classify("Stem Cell Therapy for COPD", text);

        result.TherapyKinds.Should().Contain(TherapyType.UmbilicalCordMsc).And.NotContain(SourceTaxonomy.StemCellsUnspecified);
        result.Conditions.Should().StartWith("copd-lung");
    }

    [Fact]
    public void Stem_cells_without_a_type_are_stem_cells_unspecified()
    {
        var result = SourceClassifier.Classify("Stem Cells for Autism", "Stem cell therapy for autism is offered. Stem cells are injected. Autism symptoms eased.");

        result.TherapyKinds.Should().Equal(SourceTaxonomy.StemCellsUnspecified);
        result.Conditions.Should().Equal("autism");
    }

    [Fact]
    public void Acronyms_count_only_in_capitals()
    {
        // "als" and "ms" in lower case are not ALS or MS.
        var result = SourceClassifier.Classify("Detox Capsules", "Take the detox capsules with meals as well as water; 500 ms is not a disease. Supplements help detox.");

        result.Conditions.Should().NotContain("als").And.NotContain("multiple-sclerosis");
        result.TherapyKinds.Should().Equal(SourceTaxonomy.Supplements);
    }

    [Fact]
    public void Nothing_recognised_is_other_therapy_and_no_condition()
    {
        var result = SourceClassifier.Classify("Opening Hours", "We are open on weekdays. Parking is free.");

        result.TherapyKinds.Should().Equal(TherapyType.Other);
        result.Conditions.Should().BeEmpty();
    }

    [Fact]
    public void Every_slug_is_in_the_taxonomy_and_the_study_types_keep_theirs()
    {
        SourceTaxonomy.TherapyKinds.Select(t => t.Slug).Should().OnlyHaveUniqueItems()
            .And.Contain(TherapyType.Taxonomy.Select(t => t.Slug));
        SourceTaxonomy.Conditions.Select(t => t.Slug).Should().OnlyHaveUniqueItems();
        SourceTaxonomy.TherapyKinds.Concat(SourceTaxonomy.Conditions).Should().OnlyContain(t => System.Text.RegularExpressions.Regex.IsMatch(t.Slug, "^[a-z0-9-]+$"));
    }
}
