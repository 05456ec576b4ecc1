using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.FollowUp.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "decided_on",
                table: "follow_ups",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "overdue",
                table: "follow_ups",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "recommendation_version",
                table: "follow_ups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "stage_date",
                table: "follow_ups",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "recommendations",
                columns: table => new
                {
                    recommendation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_display_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    first_published_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version_published_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendations", x => x.recommendation_id);
                });

            migrationBuilder.CreateTable(
                name: "stage_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    recommendation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    follow_up_version = table.Column<int>(type: "INTEGER", nullable: false),
                    recommendation_version = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    stage = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    decision = table.Column<int>(type: "INTEGER", nullable: false),
                    decision_grounds = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    decision_reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    document_uri = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    actor_subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor_organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor_region = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    reported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stage_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "uptake_figures",
                columns: table => new
                {
                    recommendation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    measure = table.Column<int>(type: "INTEGER", nullable: false),
                    value = table.Column<double>(type: "REAL", nullable: false),
                    reported_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reported_by_organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
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
                name: "ix_stage_reports_recommendation_id_region_code_follow_up_version",
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
