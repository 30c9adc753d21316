namespace KnowledgeBase.Interchange.Writing;

/// <summary>
/// One link between a claim and a piece of evidence, as the claim-links CSV lists it.
/// </summary>
/// <param name="ClaimId">The claim's id in the knowledge base.</param>
/// <param name="SourceTitle">The article (clinic page, press piece) the claim was found in.</param>
/// <param name="Quote">The claim as quoted from the source.</param>
/// <param name="Relation">How the claim relates to the evidence ("Cites explicitly", "Alludes to", ...).</param>
/// <param name="Assessment">How well the evidence supports the claim ("Overstated", ...), when assessed.</param>
/// <param name="Note">The editor's note on the link.</param>
/// <param name="EvidenceTitle">The study or trial linked as evidence, if any.</param>
/// <param name="Doi">The evidence's DOI.</param>
/// <param name="Pmid">The evidence's PubMed id.</param>
/// <param name="NctIds">The evidence's trial registrations, comma-separated.</param>
/// <param name="CreatedBy">Who made the link.</param>
/// <param name="CreatedAt">When, in UTC.</param>
public sealed record ClaimEvidenceRow(
    int ClaimId,
    string SourceTitle,
    string Quote,
    string Relation,
    string? Assessment,
    string? Note,
    string? EvidenceTitle,
    string? Doi,
    string? Pmid,
    string? NctIds,
    string CreatedBy,
    DateTime CreatedAt);
