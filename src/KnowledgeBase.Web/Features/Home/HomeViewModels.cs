namespace KnowledgeBase.Web.Features.Home;

public sealed record HomeViewModel(
    int SourceCount,
    int ClaimCount,
    int StudyCount,
    int TrialCount,
    int ClaimsAwaitingReview,
    IReadOnlyList<HomeSourceRow> NewestSources,
    IReadOnlyList<HomeTherapyRow> TherapyTypes)
{
    /// <summary>The counts are from before the latest change and are being recounted (decision 0039).</summary>
    public bool CountsStale { get; init; }
}

public sealed record HomeSourceRow(int Id, string Title, string? Publisher, DateTime ImportedAt, int ClaimCount);

public sealed record HomeTherapyRow(string Slug, string Name, string Description, int StudyCount, int TrialCount);
