using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.Upphandling.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecommendationRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Items before revisions were followed were all opened by a first publication: version 1.
            migrationBuilder.AddColumn<int>(
                name: "recommendation_version",
                table: "coordination_items",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTime>(
                name: "revised_at",
                table: "coordination_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "revision_summary",
                table: "coordination_items",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "recommendation_version",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "revised_at",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "revision_summary",
                table: "coordination_items");
        }
    }
}
