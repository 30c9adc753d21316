using System.Globalization;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;

namespace KnowledgeBase.Web.Features.EvidenceMap;

/// <summary>What the map's columns are: study phase, trial phase, or study evidence level.</summary>
public enum EvidenceMapView
{
    Studies,
    Trials,
    Levels,
}

/// <summary>How many claims relying on a cell's records were given each assessment (null = not assessed yet).</summary>
public sealed record AssessmentTally(IReadOnlyList<(EvidenceAssessment? Assessment, int Count)> Parts)
{
    public static IReadOnlyList<EvidenceAssessment?> Order { get; } =
        [EvidenceAssessment.Supported, EvidenceAssessment.Overstated, EvidenceAssessment.Unsupported, EvidenceAssessment.Contradicted, EvidenceAssessment.NotCheckable, null];

    public int Total => Parts.Sum(p => p.Count);

    /// <summary>"3 supported, 1 overstated": the text alternative of the bar.</summary>
    public string Describe() => Total == 0
        ? "no claims rely on them"
        : string.Join(", ", Parts.Where(p => p.Count > 0).Select(p => $"{p.Count.ToString(CultureInfo.InvariantCulture)} {Display.Label(p.Assessment).ToLowerInvariant()}"));
}

public sealed record EvidenceMapCell(int Count, string Href, AssessmentTally Claims);

public sealed record EvidenceMapColumn(string Slug, string Label);

public sealed record EvidenceMapRow(TherapyTag Therapy, int Total, string TotalHref, IReadOnlyList<EvidenceMapCell> Cells);

/// <summary>One bar of the claims-per-source chart.</summary>
public sealed record SourceAssessmentBar(int SourceId, string Title, AssessmentTally Claims);

public sealed record EvidenceMapViewModel(
    EvidenceMapView View,
    string Noun,
    IReadOnlyList<EvidenceMapColumn> Columns,
    IReadOnlyList<EvidenceMapRow> Rows,
    IReadOnlyList<SourceAssessmentBar> Sources,
    int SourcesNotShown,
    string? UnknownView)
{
    /// <summary>The counts are from before the latest change and are being recounted (decision 0039).</summary>
    public bool CountsStale { get; init; }

    /// <summary>The bars count only the claims flagged against their record (<c>?flags=yes</c>).</summary>
    public bool FlaggedOnly { get; init; }

    /// <summary>How many claims are flagged (with <see cref="FlaggedOnly"/>).</summary>
    public int? FlaggedClaims { get; init; }

    /// <summary>Why <c>?flags=yes</c> was not applied (too many claims linked to records to compute their flags).</summary>
    public string? FlagsNotice { get; init; }
}
