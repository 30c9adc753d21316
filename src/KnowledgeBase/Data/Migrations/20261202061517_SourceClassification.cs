using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations
{
    /// <inheritdoc />
    public partial class SourceClassification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ClassificationCorrected",
                table: "Sources",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ClassificationVersion",
                table: "Sources",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "SourceConditions",
                columns: table => new
                {
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceConditions", x => new { x.SourceId, x.Slug });
                    table.ForeignKey(
                        name: "FK_SourceConditions_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SourceTherapyKinds",
                columns: table => new
                {
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceTherapyKinds", x => new { x.SourceId, x.Slug });
                    table.ForeignKey(
                        name: "FK_SourceTherapyKinds_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sources_ClassificationVersion",
                table: "Sources",
                column: "ClassificationVersion");

            migrationBuilder.CreateIndex(
                name: "IX_SourceConditions_Slug_SourceId",
                table: "SourceConditions",
                columns: new[] { "Slug", "SourceId" });

            migrationBuilder.CreateIndex(
                name: "IX_SourceTherapyKinds_Slug_SourceId",
                table: "SourceTherapyKinds",
                columns: new[] { "Slug", "SourceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SourceConditions");

            migrationBuilder.DropTable(
                name: "SourceTherapyKinds");

            migrationBuilder.DropIndex(
                name: "IX_Sources_ClassificationVersion",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "ClassificationCorrected",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "ClassificationVersion",
                table: "Sources");
        }
    }
}
