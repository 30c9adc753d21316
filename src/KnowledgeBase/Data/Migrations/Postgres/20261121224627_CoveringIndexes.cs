using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sources_ImportedAt",
                table: "Sources");

            migrationBuilder.DropIndex(
                name: "IX_EvidenceLinks_StudyId",
                table: "EvidenceLinks");

            migrationBuilder.DropIndex(
                name: "IX_EvidenceLinks_TrialId",
                table: "EvidenceLinks");

            migrationBuilder.CreateIndex(
                name: "IX_Sources_ImportedAt_FileName_PartIndex",
                table: "Sources",
                columns: new[] { "ImportedAt", "FileName", "PartIndex" },
                descending: new[] { true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceLinks_StudyId_Assessment_ClaimId",
                table: "EvidenceLinks",
                columns: new[] { "StudyId", "Assessment", "ClaimId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceLinks_TrialId_Assessment_ClaimId",
                table: "EvidenceLinks",
                columns: new[] { "TrialId", "Assessment", "ClaimId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sources_ImportedAt_FileName_PartIndex",
                table: "Sources");

            migrationBuilder.DropIndex(
                name: "IX_EvidenceLinks_StudyId_Assessment_ClaimId",
                table: "EvidenceLinks");

            migrationBuilder.DropIndex(
                name: "IX_EvidenceLinks_TrialId_Assessment_ClaimId",
                table: "EvidenceLinks");

            migrationBuilder.CreateIndex(
                name: "IX_Sources_ImportedAt",
                table: "Sources",
                column: "ImportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceLinks_StudyId",
                table: "EvidenceLinks",
                column: "StudyId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceLinks_TrialId",
                table: "EvidenceLinks",
                column: "TrialId");
        }
    }
}
