using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Samverkan.FollowUp.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FollowUpHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "confirmation_requested",
                table: "follow_ups",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "decided_on",
                table: "follow_ups",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "overdue",
                table: "follow_ups",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "recommendation_version",
                table: "follow_ups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "stage_date",
                table: "follow_ups",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "recommendations",
                columns: table => new
                {
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_display_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    first_published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version_published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendations", x => x.recommendation_id);
                });

            migrationBuilder.CreateTable(
                name: "stage_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    region_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    follow_up_version = table.Column<int>(type: "integer", nullable: false),
                    recommendation_version = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    decision = table.Column<int>(type: "integer", nullable: false),
                    decision_grounds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    decision_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    document_uri = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    actor_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_region = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    reported_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stage_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "uptake_figures",
                columns: table => new
                {
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    region_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    quarter = table.Column<int>(type: "integer", nullable: false),
                    measure = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    reported_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reported_by_organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reported_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_uptake_figures", x => new { x.recommendation_id, x.region_code, x.year, x.quarter, x.measure });
                });

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_first_published_at",
                table: "recommendations",
                column: "first_published_at");

            migrationBuilder.CreateIndex(
                name: "ix_stage_reports_recommendation_id_region_code_follow_up_versi",
                table: "stage_reports",
                columns: new[] { "recommendation_id", "region_code", "follow_up_version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recommendations");

            migrationBuilder.DropTable(
                name: "stage_reports");

            migrationBuilder.DropTable(
                name: "uptake_figures");

            migrationBuilder.DropColumn(
                name: "confirmation_requested",
                table: "follow_ups");

            migrationBuilder.DropColumn(
                name: "decided_on",
                table: "follow_ups");

            migrationBuilder.DropColumn(
                name: "overdue",
                table: "follow_ups");

            migrationBuilder.DropColumn(
                name: "recommendation_version",
                table: "follow_ups");

            migrationBuilder.DropColumn(
                name: "stage_date",
                table: "follow_ups");
        }
    }
}
