using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.Council.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "number",
                table: "recommendations",
                type: "TEXT",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20);

            migrationBuilder.AddColumn<Guid>(
                name: "agenda_item_id",
                table: "recommendations",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "change_summary",
                table: "recommendations",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "conditions",
                table: "recommendations",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "decided_at",
                table: "recommendations",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "decided_by_organisation",
                table: "recommendations",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "decided_by_subject",
                table: "recommendations",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "grounds",
                table: "recommendations",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "meeting_id",
                table: "recommendations",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "participants",
                table: "recommendations",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "previous_version",
                table: "recommendations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "programme_areas",
                table: "recommendations",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "recommendations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "summary",
                table: "recommendations",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meeting_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    minutes = table.Column<string>(type: "TEXT", nullable: false),
                    minutes_approved_by = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meetings", x => x.meeting_id);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<int>(type: "INTEGER", nullable: false),
                    healthcare_region_code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    term_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    term_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members", x => x.member_id);
                });

            migrationBuilder.CreateTable(
                name: "ready_cases",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    manufacturer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    programme_areas = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    assessment_summaries = table.Column<string>(type: "TEXT", nullable: false),
                    ready_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    agenda_item_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ready_cases", x => x.case_id);
                });

            migrationBuilder.CreateTable(
                name: "agenda_items",
                columns: table => new
                {
                    agenda_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    recommendation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    recommendation_version = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agenda_items", x => x.agenda_item_id);
                    table.ForeignKey(
                        name: "fk_agenda_items_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "meeting_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conflict_declarations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    agenda_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    declared_by_subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    declared_by_organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    declared_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conflict_declarations", x => x.id);
                    table.ForeignKey(
                        name: "fk_conflict_declarations_agenda_items_agenda_item_id",
                        column: x => x.agenda_item_id,
                        principalTable: "agenda_items",
                        principalColumn: "agenda_item_id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The skeleton kept an empty number for a draft; a draft now has none, so drafts never collide in the unique index.
            migrationBuilder.Sql("UPDATE recommendations SET number = NULL WHERE number = ''");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_number_version",
                table: "recommendations",
                columns: new[] { "number", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_case_id",
                table: "agenda_items",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_meeting_id",
                table: "agenda_items",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_conflict_declarations_agenda_item_id_member_id",
                table: "conflict_declarations",
                columns: new[] { "agenda_item_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_meetings_meeting_date_meeting_id",
                table: "meetings",
                columns: new[] { "meeting_date", "meeting_id" });

            migrationBuilder.CreateIndex(
                name: "ix_members_subject",
                table: "members",
                column: "subject");

            migrationBuilder.CreateIndex(
                name: "ix_ready_cases_agenda_item_id_ready_at",
                table: "ready_cases",
                columns: new[] { "agenda_item_id", "ready_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conflict_declarations");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "ready_cases");

            migrationBuilder.DropTable(
                name: "agenda_items");

            migrationBuilder.DropTable(
                name: "meetings");

            migrationBuilder.DropIndex(
                name: "ix_recommendations_number_version",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "agenda_item_id",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "change_summary",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "conditions",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "decided_at",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "decided_by_organisation",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "decided_by_subject",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "grounds",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "meeting_id",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "participants",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "previous_version",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "programme_areas",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "summary",
                table: "recommendations");

            migrationBuilder.AlterColumn<string>(
                name: "number",
                table: "recommendations",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20,
                oldNullable: true);
        }
    }
}
