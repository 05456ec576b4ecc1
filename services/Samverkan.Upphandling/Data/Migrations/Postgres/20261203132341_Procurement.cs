using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.Upphandling.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Procurement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "decided_at",
                table: "coordination_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decided_by",
                table: "coordination_items",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "decided_by_organisation",
                table: "coordination_items",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "grounds",
                table: "coordination_items",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "product_display_name",
                table: "coordination_items",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<List<string>>(
                name: "programme_area_codes",
                table: "coordination_items",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<int>(
                name: "recommendation_version",
                table: "coordination_items",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<List<string>>(
                name: "region_codes",
                table: "coordination_items",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "revised_at",
                table: "coordination_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "coordination_items",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "revision_summary",
                table: "coordination_items",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "strategy",
                table: "coordination_items",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "call_offs",
                columns: table => new
                {
                    call_off_id = table.Column<Guid>(type: "uuid", nullable: false),
                    system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    invited_organisation_numbers = table.Column<List<string>>(type: "text[]", nullable: false),
                    invited_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    tender_deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    awarded_organisation_number = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    award_grounds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_offs", x => x.call_off_id);
                });

            migrationBuilder.CreateTable(
                name: "contracts",
                columns: table => new
                {
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    region_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    supplier_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    supplier_organisation_number = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    product_area = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    programme_area_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    case_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    extension_end_dates = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contracts", x => x.contract_id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_procurements",
                columns: table => new
                {
                    procurement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    need_statement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    current_phase = table.Column<int>(type: "integer", nullable: false),
                    recommendation_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    case_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    region_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_procurements", x => x.procurement_id);
                });

            migrationBuilder.CreateTable(
                name: "purchasing_systems",
                columns: table => new
                {
                    system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    cpv_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    validity_start = table.Column<DateOnly>(type: "date", nullable: false),
                    validity_end = table.Column<DateOnly>(type: "date", nullable: false),
                    procurement_region_code = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    region_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    recommendation_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    case_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    set_up_window_days = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    admissions_version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchasing_systems", x => x.system_id);
                });

            migrationBuilder.CreateTable(
                name: "supplier_applications",
                columns: table => new
                {
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_number = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    supplier_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    set_up_window_end = table.Column<DateOnly>(type: "date", nullable: true),
                    extended = table.Column<bool>(type: "boolean", nullable: false),
                    extension_reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    decision = table.Column<int>(type: "integer", nullable: false),
                    decision_grounds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supplier_applications", x => x.application_id);
                });

            migrationBuilder.CreateTable(
                name: "tenders",
                columns: table => new
                {
                    call_off_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_number = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    price_sek = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenders", x => new { x.call_off_id, x.organisation_number });
                    table.ForeignKey(
                        name: "fk_tenders_call_offs_call_off_id",
                        column: x => x.call_off_id,
                        principalTable: "call_offs",
                        principalColumn: "call_off_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "innovation_milestones",
                columns: table => new
                {
                    procurement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    phase = table.Column<int>(type: "integer", nullable: false),
                    interim_target = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    target_date = table.Column<DateOnly>(type: "date", nullable: false),
                    reached_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_milestones", x => new { x.procurement_id, x.phase });
                    table.ForeignKey(
                        name: "fk_innovation_milestones_innovation_procurements_procurement_id",
                        column: x => x.procurement_id,
                        principalTable: "innovation_procurements",
                        principalColumn: "procurement_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "innovation_partners",
                columns: table => new
                {
                    procurement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_number = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    dropped_after = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_partners", x => new { x.procurement_id, x.organisation_number });
                    table.ForeignKey(
                        name: "fk_innovation_partners_innovation_procurements_procurement_id",
                        column: x => x.procurement_id,
                        principalTable: "innovation_procurements",
                        principalColumn: "procurement_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "purchasing_system_categories",
                columns: table => new
                {
                    category_id = table.Column<Guid>(type: "uuid", nullable: false),
                    system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    qualification_requirements = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchasing_system_categories", x => x.category_id);
                    table.ForeignKey(
                        name: "fk_purchasing_system_categories_purchasing_systems_system_id",
                        column: x => x.system_id,
                        principalTable: "purchasing_systems",
                        principalColumn: "system_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coordination_items_case_id",
                table: "coordination_items",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_call_offs_system_id",
                table: "call_offs",
                column: "system_id");

            migrationBuilder.CreateIndex(
                name: "ix_contracts_region_code",
                table: "contracts",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_system_categories_system_id",
                table: "purchasing_system_categories",
                column: "system_id");

            migrationBuilder.CreateIndex(
                name: "ix_supplier_applications_decision_due_date",
                table: "supplier_applications",
                columns: new[] { "decision", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_supplier_applications_system_id_received_at_application_id",
                table: "supplier_applications",
                columns: new[] { "system_id", "received_at", "application_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contracts");

            migrationBuilder.DropTable(
                name: "innovation_milestones");

            migrationBuilder.DropTable(
                name: "innovation_partners");

            migrationBuilder.DropTable(
                name: "purchasing_system_categories");

            migrationBuilder.DropTable(
                name: "supplier_applications");

            migrationBuilder.DropTable(
                name: "tenders");

            migrationBuilder.DropTable(
                name: "innovation_procurements");

            migrationBuilder.DropTable(
                name: "purchasing_systems");

            migrationBuilder.DropTable(
                name: "call_offs");

            migrationBuilder.DropIndex(
                name: "ix_coordination_items_case_id",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "decided_at",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "decided_by",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "decided_by_organisation",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "grounds",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "product_display_name",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "programme_area_codes",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "recommendation_version",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "region_codes",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "revised_at",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "revision_summary",
                table: "coordination_items");

            migrationBuilder.DropColumn(
                name: "strategy",
                table: "coordination_items");
        }
    }
}
