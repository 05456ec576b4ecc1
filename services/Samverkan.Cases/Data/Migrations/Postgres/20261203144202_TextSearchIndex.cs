using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.Cases.Data.Migrations.Postgres
{
    /// <summary>
    /// The newest-first index widened by the filtered text columns, and the text-search index: a pg_trgm GIN index on the cases' search text, and the <c>cases_search</c> view the query
    /// reads (on SQLite that name is an FTS5 table). pg_trgm is a trusted extension: the database owner may create it.
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

            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX ix_cases_search_text_trigram ON cases USING gin (search_text gin_trgm_ops);");
            migrationBuilder.Sql("CREATE VIEW cases_search AS SELECT case_id, search_text FROM cases;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW cases_search;");
            migrationBuilder.Sql("DROP INDEX ix_cases_search_text_trigram;");

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
