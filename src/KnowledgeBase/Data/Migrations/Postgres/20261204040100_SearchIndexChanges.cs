using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <summary>
    /// A version per full-text index, so that the search's kept rankings (SearchCandidateCache) and the similar-claims
    /// panel built on them outlive changes that leave an index as it was: a tag, a status, an evidence link
    /// (docs/decisions/0054-postgres-search-index-versions.md). Each statement that inserts, deletes or truncates rows
    /// of an indexed table, or updates its search vector (a statement-level <c>UPDATE OF</c> the generated column
    /// fires when a column it is computed from is set), logs the index's kind in "SearchIndexChanges", once per
    /// transaction and kind (a transaction-local setting remembers it). The row commits or rolls back with the change;
    /// an index's version is the newest id logged for its kind. Raw SQL only, like the change-history notifications:
    /// the EF model does not change, and SQLite reads FTS5's own structure record instead.
    /// </summary>
    [DbContext(typeof(PostgresKnowledgeBaseDbContext))]
    [Migration("20261204040100_SearchIndexChanges")]
    public partial class SearchIndexChanges : Migration
    {
        // Frozen here: the tables and kinds as they are on the day (PostgresSearchSchema.All).
        private static readonly (string Table, string Kind)[] Indexed = [("Claims", "Claim"), ("Sources", "Source"), ("Studies", "Study"), ("Trials", "Trial")];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "SearchIndexChanges" (
                    "Id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    "Kind" varchar(16) NOT NULL);
                CREATE INDEX "IX_SearchIndexChanges_Kind_Id" ON "SearchIndexChanges" ("Kind", "Id");
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION kb_search_index_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    logged text := 'kb.search_index_changed_' || lower(TG_ARGV[0]);
                BEGIN
                    IF current_setting(logged, true) IS DISTINCT FROM 'yes' THEN
                        INSERT INTO "SearchIndexChanges" ("Kind") VALUES (TG_ARGV[0]);
                        PERFORM set_config(logged, 'yes', true);
                    END IF;
                    RETURN NULL;
                END
                $$;
                """);
            foreach (var (table, kind) in Indexed)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER kb_search_index_changed AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "SearchVector" ON "{table}"
                        FOR EACH STATEMENT EXECUTE FUNCTION kb_search_index_changed('{kind}');
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Indexed)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS kb_search_index_changed ON \"{table}\";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS kb_search_index_changed();");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"SearchIndexChanges\";");
        }
    }
}
