using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.ReferenceData.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "population_figures",
                columns: table => new
                {
                    region_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    inhabitants = table.Column<long>(type: "INTEGER", nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_population_figures", x => x.region_code);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "population_figures");
        }
    }
}
