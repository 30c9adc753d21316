using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StudyAuthorNamesAsJsonText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Studies whose author string could not be read into names hold an empty list, never NULL (decision 0029).
            migrationBuilder.Sql("""UPDATE "Studies" SET "AuthorNames" = '[]' WHERE "AuthorNames" IS NULL""");
            migrationBuilder.AlterColumn<string>(
                name: "AuthorNames",
                table: "Studies",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "AuthorNames",
                table: "Studies",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
