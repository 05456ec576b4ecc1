using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.Cases.Data.Migrations.Postgres
{
    /// <summary>
    /// The text-search index: a pg_trgm GIN index on the cases' search text, and the <c>cases_search</c> view the query
    /// reads (on SQLite that name is an FTS5 table). pg_trgm is a trusted extension: the database owner may create it.
    /// </summary>
    public partial class TextSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX ix_cases_search_text_trigram ON cases USING gin (search_text gin_trgm_ops);");
            migrationBuilder.Sql("CREATE VIEW cases_search AS SELECT case_id, search_text FROM cases;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW cases_search;");
            migrationBuilder.Sql("DROP INDEX ix_cases_search_text_trigram;");
        }
    }
}
