using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations
{
    /// <inheritdoc />
    public partial class AbstractsAndTrialSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Conditions",
                table: "Trials",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Interventions",
                table: "Trials",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "PrimaryOutcomes",
                table: "Trials",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "Trials",
                type: "TEXT",
                maxLength: 40000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Abstract",
                table: "Studies",
                type: "TEXT",
                maxLength: 32000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Conditions",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "Interventions",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "PrimaryOutcomes",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "Summary",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "Abstract",
                table: "Studies");
        }
    }
}
