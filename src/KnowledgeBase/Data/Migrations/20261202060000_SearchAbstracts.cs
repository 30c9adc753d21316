using KnowledgeBase.Search.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations
{
    /// <summary>
    /// Search covers abstracts and registry summaries: StudiesSearch gains Studies.Abstract, TrialsSearch gains
    /// Trials.Summary, Conditions, Interventions and PrimaryOutcomes. An FTS5 table cannot gain a column, so
    /// both indexes and their triggers are dropped, created with the new columns and refilled from their
    /// tables. Raw SQL only: the EF model and its snapshot do not change (docs/decisions/0007-full-text-search.md).
    /// </summary>
    [DbContext(typeof(KnowledgeBaseDbContext))]
    [Migration("20261202060000_SearchAbstracts")]
    public partial class SearchAbstracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsSqlite()) return;
            foreach (var (from, to) in Pairs())
            {
                foreach (var sql in SqliteSearchSchema.ReplaceStatements(from, to))
                    migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsSqlite()) return;
            foreach (var (from, to) in Pairs())
            {
                foreach (var sql in SqliteSearchSchema.ReplaceStatements(to, from))
                    migrationBuilder.Sql(sql);
            }
        }

        private static IEnumerable<(SqliteSearchIndex From, SqliteSearchIndex To)> Pairs() =>
            SqliteSearchSchema.InitialLayout.Zip(SqliteSearchSchema.All).Where(p => p.First != p.Second);
    }
}
