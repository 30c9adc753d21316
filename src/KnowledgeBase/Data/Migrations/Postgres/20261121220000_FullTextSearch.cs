using KnowledgeBase.Search.Postgres;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL full-text search: the kb_search text search configuration (english stemming, accents
    /// folded by unaccent when it can be installed), a generated weighted tsvector column "SearchVector"
    /// with a GIN index on Claims, Sources, Studies and Trials, and an index on Studies.Pmcid for exact
    /// lookups. Raw SQL only: the EF model and its snapshot do not change
    /// (docs/decisions/0013-postgres-search.md).
    /// </summary>
    [DbContext(typeof(PostgresKnowledgeBaseDbContext))]
    [Migration("20261121220000_FullTextSearch")]
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in PostgresSearchSchema.CreateStatements(PostgresSearchSchema.InitialLayout))
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in PostgresSearchSchema.DropStatements(PostgresSearchSchema.InitialLayout))
                migrationBuilder.Sql(sql);
        }
    }
}
