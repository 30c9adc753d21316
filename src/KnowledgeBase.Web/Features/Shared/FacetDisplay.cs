using KnowledgeBase.Domain;

namespace KnowledgeBase.Web.Features.Shared;

/// <summary>Labels for the browsing facets' values.</summary>
public static class FacetDisplay
{
    public static string Label(CellSourceFacets value) => value switch
    {
        CellSourceFacets.BoneMarrow => "Bone marrow",
        CellSourceFacets.Adipose => "Adipose tissue",
        CellSourceFacets.UmbilicalCord => "Umbilical cord",
        CellSourceFacets.Placenta => "Placenta / amnion",
        CellSourceFacets.PeripheralBlood => "Peripheral blood",
        CellSourceFacets.Various => "Various",
        CellSourceFacets.Other => "Other",
        CellSourceFacets.NotStated => "Not stated",
        _ => value.ToString(),
    };

    public static string Label(RouteFacets value) => value switch
    {
        RouteFacets.Intrathecal => "Intrathecal",
        RouteFacets.Intravenous => "Intravenous",
        RouteFacets.Intramuscular => "Intramuscular",
        RouteFacets.Intraspinal => "Intraspinal",
        RouteFacets.Intracerebral => "Intracerebral / ventricular",
        RouteFacets.Various => "Various",
        RouteFacets.Other => "Other",
        RouteFacets.NotStated => "Not stated",
        _ => value.ToString(),
    };

    public static string Label(EvidenceLevel value) => value switch
    {
        EvidenceLevel.RandomisedControlled => "Randomised controlled",
        EvidenceLevel.NonRandomised => "Non-randomised / single-arm",
        EvidenceLevel.CaseReportOrSeries => "Case report / series",
        EvidenceLevel.Review => "Review",
        EvidenceLevel.RegistryRecord => "Registry record",
        EvidenceLevel.PressReleaseOrOther => "Press release / other",
        EvidenceLevel.NotStated => "Design not stated",
        _ => value.ToString(),
    };

    public static string Label(TrialStatusFacet value) => value switch
    {
        TrialStatusFacet.NotYetRecruiting => "Not yet recruiting",
        TrialStatusFacet.Recruiting => "Recruiting",
        TrialStatusFacet.EnrollingByInvitation => "Enrolling by invitation",
        TrialStatusFacet.ActiveNotRecruiting => "Active, not recruiting",
        TrialStatusFacet.Suspended => "Suspended",
        TrialStatusFacet.Terminated => "Terminated",
        TrialStatusFacet.Completed => "Completed",
        TrialStatusFacet.Withdrawn => "Withdrawn",
        TrialStatusFacet.Unknown => "Unknown",
        TrialStatusFacet.NotStated => "Not stated",
        _ => value.ToString(),
    };
}
