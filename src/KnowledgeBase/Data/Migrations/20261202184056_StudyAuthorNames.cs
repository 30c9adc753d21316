using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations
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
                type: "TEXT",
                nullable: true);

            // Existing rows: the display string as the importer wrote it ("Petrou P, Gothelf Y") becomes family names and
            // initials; a string in which no part has that shape (an organisation) becomes one whole name. Anything else
            // (the curated library's remarks in parentheses, a mix) is left empty: exports read such a string as before,
            // and the next library import fills the names (decision 0029).
            // The parts and verdicts go into indexed temporary tables first: read from the CTEs, each study's lookup
            // scanned every part of every study (quadratic; at 50,000 studies the upgrade did not finish in 10 minutes).
            migrationBuilder.Sql("""
                CREATE TEMP TABLE "AuthorNameParts" AS
                WITH RECURSIVE parts(Id, n, part, rest) AS (
                    SELECT "Id", 0, NULL, "Authors" || ', ' FROM "Studies"
                    WHERE "Authors" IS NOT NULL AND trim("Authors") <> '' AND "Kind" <> 'RegistryRecord'
                      AND "Authors" NOT LIKE '%(%' AND "Authors" NOT LIKE '%;%'
                    UNION ALL
                    SELECT Id, n + 1, trim(substr(rest, 1, instr(rest, ', ') - 1)), substr(rest, instr(rest, ', ') + 2)
                    FROM parts WHERE rest <> ''
                ),
                heads AS (
                    SELECT Id, n, part, rtrim(part, 'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ') AS head FROM parts WHERE n > 0 AND part <> ''
                )
                SELECT Id, n, rtrim(head) AS family, substr(part, length(head) + 1) AS initials,
                       (head LIKE '% ' AND length(rtrim(head)) > 0 AND length(part) - length(head) BETWEEN 1 AND 6) AS ok
                FROM heads;
                """);
            migrationBuilder.Sql("""CREATE INDEX temp."AuthorNameParts_Id_n" ON "AuthorNameParts" (Id, n);""");
            migrationBuilder.Sql("""
                CREATE TEMP TABLE "AuthorNameVerdicts" AS
                SELECT Id, min(ok) AS all_ok, max(ok) AS any_ok FROM temp."AuthorNameParts" GROUP BY Id;
                """);
            migrationBuilder.Sql("""CREATE UNIQUE INDEX temp."AuthorNameVerdicts_Id" ON "AuthorNameVerdicts" (Id);""");
            migrationBuilder.Sql("""
                UPDATE "Studies" SET "AuthorNames" = CASE
                    WHEN (SELECT all_ok FROM temp."AuthorNameVerdicts" v WHERE v.Id = "Studies"."Id") = 1 THEN
                        (SELECT json_group_array(json_object('Family', family, 'Given', initials))
                         FROM (SELECT family, initials FROM temp."AuthorNameParts" s WHERE s.Id = "Studies"."Id" ORDER BY n))
                    ELSE json_array(json_object('Literal', trim("Authors")))
                    END
                WHERE "Id" IN (SELECT Id FROM temp."AuthorNameVerdicts" WHERE all_ok = 1 OR any_ok = 0);
                """);
            migrationBuilder.Sql("""DROP TABLE temp."AuthorNameParts";""");
            migrationBuilder.Sql("""DROP TABLE temp."AuthorNameVerdicts";""");
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
