using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <summary>The evidence library's last-change indexes, as on SQLite (<see cref="Migrations.LibraryLastChangeIndexes"/>).</summary>
    [DbContext(typeof(PostgresKnowledgeBaseDbContext))]
    [Migration("20261204040000_LibraryLastChangeIndexes")]
    public partial class LibraryLastChangeIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Migrations.LibraryLastChangeIndexes.Create(migrationBuilder);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Migrations.LibraryLastChangeIndexes.Drop(migrationBuilder);
    }
}
