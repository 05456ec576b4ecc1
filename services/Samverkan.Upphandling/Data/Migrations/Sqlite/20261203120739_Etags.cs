using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.Upphandling.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Etags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every existing record starts at revision 1, the etag creation gives.
            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "supplier_applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "purchasing_systems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "innovation_procurements",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "coordination_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "revision",
                table: "supplier_applications");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "purchasing_systems");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "innovation_procurements");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "coordination_items");
        }
    }
}
