using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StudyAuthorNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AuthorNames",
                table: "Studies",
                type: "jsonb",
                nullable: true);

            // Existing rows: the display string as the importer wrote it ("Petrou P, Gothelf Y") becomes family names and
            // initials; a string in which no part has that shape (an organisation) becomes one whole name. Anything else
            // (the curated library's remarks in parentheses, a mix) is left empty: exports read such a string as before,
            // and the next library import fills the names (decision 0029).
            // The parts go into an indexed temporary table first: read from a CTE, each study's lookup scanned every
            // part of every study (quadratic at tens of thousands of studies).
            migrationBuilder.Sql("""
                CREATE TEMP TABLE "AuthorNameParts" AS
                WITH parts AS (
                    SELECT s."Id", p.n, trim(p.part) AS part
                    FROM "Studies" s, regexp_split_to_table(s."Authors", ', ') WITH ORDINALITY AS p(part, n)
                    WHERE s."Authors" IS NOT NULL AND trim(s."Authors") <> '' AND s."Kind" <> 'RegistryRecord'
                      AND s."Authors" !~ '[(;]'
                )
                SELECT "Id", n, substring(part from '^(.*[^ ]) +[[:upper:]]{1,6}$') AS family,
                       substring(part from ' ([[:upper:]]{1,6})$') AS initials
                FROM parts WHERE part <> '';
                CREATE INDEX ON "AuthorNameParts" ("Id", n);
                ANALYZE "AuthorNameParts";
                WITH verdicts AS (
                    SELECT "Id", bool_and(family IS NOT NULL) AS all_ok, bool_or(family IS NOT NULL) AS any_ok FROM "AuthorNameParts" GROUP BY "Id"
                )
                UPDATE "Studies" st SET "AuthorNames" = CASE
                    WHEN v.all_ok THEN
                        (SELECT jsonb_agg(jsonb_build_object('Family', family, 'Given', initials) ORDER BY n) FROM "AuthorNameParts" s WHERE s."Id" = st."Id")
                    ELSE jsonb_build_array(jsonb_build_object('Literal', trim(st."Authors")))
                    END
                FROM verdicts v
                WHERE v."Id" = st."Id" AND (v.all_ok OR NOT v.any_ok);
                DROP TABLE "AuthorNameParts";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AuthorNames",
                table: "Studies");
        }
    }
}
