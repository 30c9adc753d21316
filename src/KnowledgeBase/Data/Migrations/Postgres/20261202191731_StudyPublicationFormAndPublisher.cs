using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StudyPublicationFormAndPublisher : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicationForm",
                table: "Studies",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Publisher",
                table: "Studies",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "PublisherPlace",
                table: "Studies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublicationForm",
                table: "Studies");

            migrationBuilder.DropColumn(
                name: "Publisher",
                table: "Studies");

            migrationBuilder.DropColumn(
                name: "PublisherPlace",
                table: "Studies");
        }
    }
}
