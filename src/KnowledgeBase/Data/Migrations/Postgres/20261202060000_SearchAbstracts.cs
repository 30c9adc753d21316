using KnowledgeBase.Search.Postgres;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <summary>
    /// Search covers abstracts and registry summaries: the generated "SearchVector" of Studies gains Abstract,
    /// that of Trials gains Summary, Conditions, Interventions and PrimaryOutcomes (the text[] lists through the
    /// immutable kb_search_join). A generated column's expression cannot be altered, so each is dropped and
    /// added again with its GIN index; the server recomputes it for every row. Raw SQL only: the EF model and
    /// its snapshot do not change (docs/decisions/0013-postgres-search.md).
    /// </summary>
    [DbContext(typeof(PostgresKnowledgeBaseDbContext))]
    [Migration("20261202060000_SearchAbstracts")]
    public partial class SearchAbstracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresSearchSchema.CreateJoinFunctionSql);
            foreach (var (from, to) in Pairs())
            {
                foreach (var sql in PostgresSearchSchema.ReplaceStatements(from, to))
                    migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (from, to) in Pairs())
            {
                foreach (var sql in PostgresSearchSchema.ReplaceStatements(to, from))
                    migrationBuilder.Sql(sql);
            }
            migrationBuilder.Sql(PostgresSearchSchema.DropJoinFunctionSql);
        }

        private static IEnumerable<(PostgresSearchIndex From, PostgresSearchIndex To)> Pairs() =>
            PostgresSearchSchema.InitialLayout.Zip(PostgresSearchSchema.All).Where(p => p.First != p.Second);
    }
}
