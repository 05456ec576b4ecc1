using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.Cases.Data.Migrations.Sqlite
{
    /// <summary>
    /// The newest-first index widened by the filtered text columns, and the text-search index: an FTS5 trigram table filled from the existing cases and kept in step by triggers. It
    /// keys rows by case id, not by the cases table's rowid, which VACUUM may renumber. Deleting by case id scans the
    /// index; the read model changes a case's search text only if its name or manufacturer changes.
    /// </summary>
    public partial class TextSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_updated_at_case_id",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_cases_updated_at_case_id_programme_areas_search_text",
                table: "cases",
                columns: new[] { "updated_at", "case_id", "programme_areas", "search_text" });

            migrationBuilder.Sql("CREATE VIRTUAL TABLE cases_search USING fts5(case_id UNINDEXED, search_text, tokenize = 'trigram');");
            migrationBuilder.Sql("INSERT INTO cases_search (case_id, search_text) SELECT case_id, search_text FROM cases;");
            migrationBuilder.Sql("""
                CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
                    INSERT INTO cases_search (case_id, search_text) VALUES (new.case_id, new.search_text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER cases_search_update AFTER UPDATE OF search_text ON cases WHEN new.search_text IS NOT old.search_text BEGIN
                    DELETE FROM cases_search WHERE case_id = old.case_id;
                    INSERT INTO cases_search (case_id, search_text) VALUES (new.case_id, new.search_text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
                    DELETE FROM cases_search WHERE case_id = old.case_id;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER cases_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER cases_search_update;");
            migrationBuilder.Sql("DROP TRIGGER cases_search_insert;");
            migrationBuilder.Sql("DROP TABLE cases_search;");

            migrationBuilder.DropIndex(
                name: "ix_cases_updated_at_case_id_programme_areas_search_text",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_cases_updated_at_case_id",
                table: "cases",
                columns: new[] { "updated_at", "case_id" });
        }
    }
}
