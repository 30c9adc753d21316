using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;

using KnowledgeBase.Classification;
namespace KnowledgeBase.Tests.Importing;

public sealed class TherapyClassifierTests
{
    private static readonly Lazy<IReadOnlyList<LibraryRecord>> Library = new(() =>
        ReferenceLibraryParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Seeds, "reference-library.json"))));

    private static IReadOnlyList<string> TypesOf(string id) => Library.Value.Single(r => r.Id == id).TherapyTypes;

    [Theory]
    [InlineData("REC-01", TherapyType.MscNtf)]
    [InlineData("REC-02", TherapyType.MscNtf)]
    [InlineData("REC-03", TherapyType.MscNtf)]
    [InlineData("REC-04", TherapyType.MscNtf)]
    [InlineData("REC-05", TherapyType.MscNtf)]
    [InlineData("REC-06", TherapyType.MscNtf)]
    [InlineData("REC-07", TherapyType.BoneMarrowMsc)]
    [InlineData("REC-08", TherapyType.BoneMarrowMsc)]
    [InlineData("REC-09", TherapyType.BoneMarrowMsc)]
    [InlineData("REC-10", TherapyType.AdiposeMsc)]
    [InlineData("REC-11", TherapyType.AdiposeMsc)]
    [InlineData("REC-12", TherapyType.BoneMarrowMsc, TherapyType.Other)]
    [InlineData("REC-13", TherapyType.UmbilicalCordMsc)]
    [InlineData("REC-14", TherapyType.BoneMarrowMsc)]
    [InlineData("REC-17", TherapyType.BoneMarrowMsc)]
    [InlineData("REC-18", TherapyType.Other)]
    [InlineData("REC-19", TherapyType.BoneMarrowMsc, TherapyType.MscNtf)]
    [InlineData("REC-20", TherapyType.Other)]
    [InlineData("REC-21", TherapyType.Other)]
    [InlineData("REC-22", TherapyType.Other)]
    [InlineData("REC-26", TherapyType.Other)]
    [InlineData("REC-27", TherapyType.UmbilicalCordMsc)]
    public void Classifies_every_record_of_the_real_library(string id, params string[] expected) =>
        TypesOf(id).Should().Equal(expected);

    [Fact]
    public void Does_not_add_bone_marrow_for_MSC_NTF_described_as_made_from_bone_marrow()
    {
        TherapyClassifier.Classify(
                "MSC-NTF (autologous bone-marrow MSCs induced ex vivo to secrete neurotrophic factors; NurOwn, BrainStorm Cell Therapeutics)",
                "autologous bone marrow")
            .Should().Equal(TherapyType.MscNtf);
    }

    [Fact]
    public void Uses_the_cell_source_for_a_plain_MSC_even_when_its_parentheses_hold_semicolons()
    {
        TherapyClassifier.Classify("MSC (HYNR-CS; later NeuroNata-R / lenzumestrocel)", "autologous bone marrow (isolated twice)")
            .Should().Equal(TherapyType.BoneMarrowMsc);
    }

    [Theory]
    [InlineData("autologous adipose (fat biopsy)", TherapyType.AdiposeMsc)]
    [InlineData("umbilical cord", TherapyType.UmbilicalCordMsc)]
    [InlineData("various", TherapyType.Other)]
    [InlineData(null, TherapyType.Other)]
    [InlineData("autologous bone marrow (presumed)", TherapyType.Other)]
    public void Maps_the_source_of_a_plain_MSC(string? source, string expected) =>
        TherapyClassifier.Classify("MSC", source).Should().Equal(expected);

    [Fact]
    public void Lists_each_segment_in_taxonomy_order()
    {
        TherapyClassifier.Classify("MSC-NTF; BM-MSC", null).Should().Equal(TherapyType.BoneMarrowMsc, TherapyType.MscNtf);
    }

    [Fact]
    public void Marks_a_various_segment_other_and_adds_the_types_named_inside_it()
    {
        TherapyClassifier.Classify("various (BM-MSC; G-CSF mobilisation)", "various")
            .Should().Equal(TherapyType.BoneMarrowMsc, TherapyType.Other);
        TherapyClassifier.Classify("mixed (umbilical cord MSC, adipose MSC)", null)
            .Should().Equal(TherapyType.AdiposeMsc, TherapyType.UmbilicalCordMsc, TherapyType.Other);
    }

    [Theory]
    [InlineData("MSC-derived exosomes", TherapyType.MscExosomes)]
    [InlineData("bone-marrow MSCs genetically modified to secrete GDNF", TherapyType.GeneticallyModifiedMsc)]
    [InlineData("MSC transfected with VEGF", TherapyType.GeneticallyModifiedMsc)]
    [InlineData("human neural stem cells", TherapyType.NeuralStemCells)]
    [InlineData("neural progenitor cells (GDNF)", TherapyType.NeuralStemCells)]
    [InlineData("Wharton's jelly-derived MSC", TherapyType.UmbilicalCordMsc)]
    [InlineData("adipose-derived MSC", TherapyType.AdiposeMsc)]
    [InlineData("debamestrocel", TherapyType.MscNtf)]
    [InlineData("olfactory ensheathing cells", TherapyType.Other)]
    public void Picks_the_most_specific_type_of_a_segment(string cellType, string expected) =>
        TherapyClassifier.Classify(cellType, "autologous bone marrow").Should().Equal(expected);

    [Theory]
    [InlineData(null, null)]
    [InlineData("", " ")]
    [InlineData(null, "autologous bone marrow")]
    public void Returns_other_when_no_cell_type_is_given(string? cellType, string? source) =>
        TherapyClassifier.Classify(cellType, source).Should().Equal(TherapyType.Other);

    [Theory]
    [InlineData("Autologous Bone-Marrow MSC in Amyotrophic Lateral Sclerosis", new[] { "Biological: MSC" }, TherapyType.BoneMarrowMsc)]
    [InlineData("Cells for ALS", new[] { "Biological: umbilical cord MSC", "Other: placebo" }, TherapyType.UmbilicalCordMsc)]
    [InlineData("Adipose MSC for knee pain", new[] { "Biological: Wharton's jelly MSC" }, TherapyType.UmbilicalCordMsc)]
    [InlineData("Exercise in ALS", new[] { "Behavioral: exercise" }, TherapyType.Other)]
    [InlineData(null, new string[0], TherapyType.Other)]
    public void Classifies_a_registered_trial_by_its_interventions_then_its_title(string? title, string[] interventions, string expected) =>
        TherapyClassifier.ClassifyTrial(title, interventions).Should().Equal(expected);
}
