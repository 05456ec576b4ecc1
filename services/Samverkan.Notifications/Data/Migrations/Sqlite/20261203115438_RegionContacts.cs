using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.Notifications.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegionContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "region_contact_default",
                table: "subscriptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "reminder_kinds",
                table: "subscriptions",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "region_contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    subscription_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_region_contacts", x => x.id);
                    table.ForeignKey(
                        name: "fk_region_contacts_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_region_contacts_region_code_email",
                table: "region_contacts",
                columns: new[] { "region_code", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_region_contacts_subscription_id",
                table: "region_contacts",
                column: "subscription_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "region_contacts");

            migrationBuilder.DropColumn(
                name: "region_contact_default",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "reminder_kinds",
                table: "subscriptions");
        }
    }
}
