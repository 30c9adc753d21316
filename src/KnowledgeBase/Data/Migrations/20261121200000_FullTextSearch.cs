using KnowledgeBase.Search.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations
{
    /// <summary>
    /// SQLite FTS5 indexes for search (ClaimsSearch, SourcesSearch, StudiesSearch, TrialsSearch), the
    /// triggers that keep them current, a backfill of the existing rows, and an index on Studies.Pmcid
    /// for exact lookups. Raw SQL only: the EF model and its snapshot do not change
    /// (docs/decisions/0007-full-text-search.md).
    /// </summary>
    [DbContext(typeof(KnowledgeBaseDbContext))]
    [Migration("20261121200000_FullTextSearch")]
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsSqlite()) return;
            foreach (var sql in SqliteSearchSchema.CreateStatements(SqliteSearchSchema.InitialLayout))
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsSqlite()) return;
            foreach (var sql in SqliteSearchSchema.DropStatements(SqliteSearchSchema.InitialLayout))
                migrationBuilder.Sql(sql);
        }
    }
}
