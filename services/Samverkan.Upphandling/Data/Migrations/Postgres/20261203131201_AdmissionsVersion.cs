using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverkan.Upphandling.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AdmissionsVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "admissions_version",
                table: "purchasing_systems",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "admissions_version",
                table: "purchasing_systems");
        }
    }
}
