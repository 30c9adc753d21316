using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Admin;

namespace KnowledgeBase.Tests.Web;

/// <summary>The history in human language: labels, formatted values, database-only columns hidden.</summary>
public sealed class FieldChangeDisplayTests
{
    [Fact]
    public void A_detected_claim_reads_as_labels_and_values()
    {
        var shown = FieldChangeDisplay.Present(
        [
            new FieldChange("SourceId", null, "1"),
            new FieldChange("Start", null, "1182"),
            new FieldChange("End", null, "1572"),
            new FieldChange("CreatedBy", null, Claim.Detector),
            new FieldChange("IsOrphaned", null, "False"),
            new FieldChange("NormalizedName", null, "SURVIVAL CLAIM"),
            new FieldChange("Status", "Candidate", "Confirmed"),
            new FieldChange("Relation", null, "CitesExplicitly"),
            new FieldChange("NctId", null, "NCT01051882"),
        ]);

        shown.Should().Equal(
            new FieldChangeView("Position in the source", null, "characters 1,182–1,572"),
            new FieldChangeView("Created by", null, "the claim detector"),
            new FieldChangeView("Quote no longer found in the source", null, "no"),
            new FieldChangeView("Status", "Candidate", "Confirmed"),
            new FieldChangeView("Relation", null, "Cites explicitly"),
            new FieldChangeView("NCT number", null, "NCT01051882"));
    }

    [Fact]
    public void One_end_of_a_quote_moving_says_which()
    {
        FieldChangeDisplay.Present([new FieldChange("End", "40", "52")])
            .Should().Equal(new FieldChangeView("Position in the source", "to character 40", "to character 52"));
    }
}
