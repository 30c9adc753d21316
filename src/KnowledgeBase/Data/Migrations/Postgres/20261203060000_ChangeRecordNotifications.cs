using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <summary>
    /// Every statement that inserts change-history rows sends the newest id it inserted on the channel
    /// kb_change_records (pg_notify, delivered when the transaction commits, dropped if it rolls back), so that the
    /// web app keeps its page-cache change stamp in memory instead of reading it per request
    /// (docs/decisions/0038-postgres-change-stamp-in-memory.md). Statement-level with a transition table: one
    /// notification per statement, however many rows it inserts. Raw SQL only: the EF model and its snapshot do not
    /// change, and SQLite needs no counterpart (its per-request read is in-process).
    /// </summary>
    [DbContext(typeof(PostgresKnowledgeBaseDbContext))]
    [Migration("20261203060000_ChangeRecordNotifications")]
    public partial class ChangeRecordNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION kb_notify_change_records() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    newest bigint;
                BEGIN
                    SELECT MAX("Id") INTO newest FROM inserted;
                    IF newest IS NOT NULL THEN
                        PERFORM pg_notify('kb_change_records', newest::text);
                    END IF;
                    RETURN NULL;
                END
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER kb_change_records_notify AFTER INSERT ON "ChangeRecords"
                    REFERENCING NEW TABLE AS inserted
                    FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change_records();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS kb_change_records_notify ON "ChangeRecords";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS kb_notify_change_records();");
        }
    }
}
