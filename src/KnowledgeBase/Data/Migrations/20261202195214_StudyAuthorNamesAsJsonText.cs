using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations
{
    /// <inheritdoc />
    public partial class StudyAuthorNamesAsJsonText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Studies whose author string could not be read into names hold an empty list, never NULL (decision 0029).
            migrationBuilder.Sql("""UPDATE "Studies" SET "AuthorNames" = '[]' WHERE "AuthorNames" IS NULL""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
