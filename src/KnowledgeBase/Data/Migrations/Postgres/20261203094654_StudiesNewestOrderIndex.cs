using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StudiesNewestOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The studies list's default order (newest first: ORDER BY COALESCE(Year, 0) DESC, Title, Id) as an index, so
            // that a page of a therapy type's studies is read in order and stops when full instead of sorting them all
            // (StudyListQuery). An expression index, which EF's model cannot describe: written here, as the search tables are.
            migrationBuilder.Sql("CREATE INDEX \"IX_Studies_Newest\" ON \"Studies\" ((COALESCE(\"Year\", 0)) DESC, \"Title\", \"Id\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_Studies_Newest\";");
        }
    }
}
