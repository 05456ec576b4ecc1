using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.Upphandling.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SetUpWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "set_up_window_end",
                table: "supplier_applications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "set_up_window_days",
                table: "purchasing_systems",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "set_up_window_end",
                table: "supplier_applications");

            migrationBuilder.DropColumn(
                name: "set_up_window_days",
                table: "purchasing_systems");
        }
    }
}
