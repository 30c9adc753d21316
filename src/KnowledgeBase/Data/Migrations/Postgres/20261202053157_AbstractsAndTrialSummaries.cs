using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AbstractsAndTrialSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "Conditions",
                table: "Trials",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<List<string>>(
                name: "Interventions",
                table: "Trials",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<List<string>>(
                name: "PrimaryOutcomes",
                table: "Trials",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "Trials",
                type: "character varying(40000)",
                maxLength: 40000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Abstract",
                table: "Studies",
                type: "character varying(32000)",
                maxLength: 32000,
                nullable: true,
                collation: "C");
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
