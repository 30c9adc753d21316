namespace KnowledgeBase.Domain;

/// <summary>One entry of the controlled therapy taxonomy applied to studies and trials.</summary>
public sealed class TherapyType
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public int SortOrder { get; set; }

    public List<Study> Studies { get; set; } = [];
    public List<Trial> Trials { get; set; } = [];

    public const string BoneMarrowMsc = "bone-marrow-msc";
    public const string AdiposeMsc = "adipose-msc";
    public const string UmbilicalCordMsc = "umbilical-cord-msc";
    public const string MscNtf = "msc-ntf";
    public const string MscExosomes = "msc-exosomes";
    public const string GeneticallyModifiedMsc = "genetically-modified-msc";
    public const string NeuralStemCells = "neural-stem-cells";
    public const string Other = "other";

    /// <summary>The taxonomy, in display order. Ids are stable: they are seeded by migration.</summary>
    public static IReadOnlyList<TherapyType> Taxonomy { get; } =
    [
        new() { Id = 1, SortOrder = 1, Slug = BoneMarrowMsc, Name = "Bone-marrow MSC", Description = "Mesenchymal stem/stromal cells from bone marrow, unmodified." },
        new() { Id = 2, SortOrder = 2, Slug = AdiposeMsc, Name = "Adipose MSC", Description = "Mesenchymal stromal cells from fat tissue." },
        new() { Id = 3, SortOrder = 3, Slug = UmbilicalCordMsc, Name = "Umbilical-cord / Wharton's-jelly MSC", Description = "Mesenchymal stem cells from umbilical cord tissue or Wharton's jelly." },
        new() { Id = 4, SortOrder = 4, Slug = MscNtf, Name = "MSC-NTF (NurOwn)", Description = "Bone-marrow MSCs induced ex vivo to secrete neurotrophic factors (NurOwn, debamestrocel)." },
        new() { Id = 5, SortOrder = 5, Slug = MscExosomes, Name = "MSC-derived exosomes", Description = "Extracellular vesicles secreted by MSCs, given without the cells." },
        new() { Id = 6, SortOrder = 6, Slug = GeneticallyModifiedMsc, Name = "Genetically modified MSC", Description = "MSCs engineered to over-express a factor (GDNF, VEGF, BDNF...)." },
        new() { Id = 7, SortOrder = 7, Slug = NeuralStemCells, Name = "Neural stem cells", Description = "Neural stem or progenitor cells." },
        new() { Id = 8, SortOrder = 8, Slug = Other, Name = "Other / unspecified", Description = "Several cell types, another therapy, or not stated." },
    ];
}
