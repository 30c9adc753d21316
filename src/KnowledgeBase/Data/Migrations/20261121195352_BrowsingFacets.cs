using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations
{
    /// <inheritdoc />
    public partial class BrowsingFacets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing rows keep FacetsVersion 0 and get their facets derived at start-up (FacetBackfill).
            migrationBuilder.AddColumn<int>(
                name: "CellSourceFacet",
                table: "Trials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "EvidenceLevel",
                table: "Trials",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "NotStated");

            migrationBuilder.AddColumn<int>(
                name: "FacetsVersion",
                table: "Trials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RouteFacet",
                table: "Trials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "StatusFacet",
                table: "Trials",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "NotStated");

            migrationBuilder.AddColumn<int>(
                name: "CellSourceFacet",
                table: "Studies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "EvidenceLevel",
                table: "Studies",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "NotStated");

            migrationBuilder.AddColumn<int>(
                name: "FacetsVersion",
                table: "Studies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PhaseFacet",
                table: "Studies",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RouteFacet",
                table: "Studies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Trials_CellSourceFacet",
                table: "Trials",
                column: "CellSourceFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_Enrollment",
                table: "Trials",
                column: "Enrollment");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_EvidenceLevel",
                table: "Trials",
                column: "EvidenceLevel");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_FacetsVersion",
                table: "Trials",
                column: "FacetsVersion");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_Phase",
                table: "Trials",
                column: "Phase");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_RouteFacet",
                table: "Trials",
                column: "RouteFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_StatusFacet",
                table: "Trials",
                column: "StatusFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_Title",
                table: "Trials",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_CellSourceFacet",
                table: "Studies",
                column: "CellSourceFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_EvidenceLevel",
                table: "Studies",
                column: "EvidenceLevel");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_FacetsVersion",
                table: "Studies",
                column: "FacetsVersion");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_Participants",
                table: "Studies",
                column: "Participants");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_PhaseFacet",
                table: "Studies",
                column: "PhaseFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_RouteFacet",
                table: "Studies",
                column: "RouteFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_Title",
                table: "Studies",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceLinks_Assessment_ClaimId",
                table: "EvidenceLinks",
                columns: new[] { "Assessment", "ClaimId" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_CreatedAt",
                table: "Claims",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_IsOrphaned",
                table: "Claims",
                column: "IsOrphaned");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Trials_CellSourceFacet",
                table: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_Trials_Enrollment",
                table: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_Trials_EvidenceLevel",
                table: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_Trials_FacetsVersion",
                table: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_Trials_Phase",
                table: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_Trials_RouteFacet",
                table: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_Trials_StatusFacet",
                table: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_Trials_Title",
                table: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_Studies_CellSourceFacet",
                table: "Studies");

            migrationBuilder.DropIndex(
                name: "IX_Studies_EvidenceLevel",
                table: "Studies");

            migrationBuilder.DropIndex(
                name: "IX_Studies_FacetsVersion",
                table: "Studies");

            migrationBuilder.DropIndex(
                name: "IX_Studies_Participants",
                table: "Studies");

            migrationBuilder.DropIndex(
                name: "IX_Studies_PhaseFacet",
                table: "Studies");

            migrationBuilder.DropIndex(
                name: "IX_Studies_RouteFacet",
                table: "Studies");

            migrationBuilder.DropIndex(
                name: "IX_Studies_Title",
                table: "Studies");

            migrationBuilder.DropIndex(
                name: "IX_EvidenceLinks_Assessment_ClaimId",
                table: "EvidenceLinks");

            migrationBuilder.DropIndex(
                name: "IX_Claims_CreatedAt",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Claims_IsOrphaned",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "CellSourceFacet",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "EvidenceLevel",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "FacetsVersion",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "RouteFacet",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "StatusFacet",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "CellSourceFacet",
                table: "Studies");

            migrationBuilder.DropColumn(
                name: "EvidenceLevel",
                table: "Studies");

            migrationBuilder.DropColumn(
                name: "FacetsVersion",
                table: "Studies");

            migrationBuilder.DropColumn(
                name: "PhaseFacet",
                table: "Studies");

            migrationBuilder.DropColumn(
                name: "RouteFacet",
                table: "Studies");
        }
    }
}
