using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicBooking.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class UrgentCasesAndStoredAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Assessment",
                table: "IntakeVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "UrgentCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PatientId = table.Column<string>(type: "TEXT", nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Flags = table.Column<string>(type: "TEXT", nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastShownUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimesShown = table.Column<int>(type: "INTEGER", nullable: false),
                    AlertsQueued = table.Column<int>(type: "INTEGER", nullable: false),
                    ClearedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClearedByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UrgentCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UrgentCases_AspNetUsers_ClearedByUserId",
                        column: x => x.ClearedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UrgentCases_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UrgentCases_ClearedByUserId",
                table: "UrgentCases",
                column: "ClearedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_UrgentCases_PatientId",
                table: "UrgentCases",
                column: "PatientId",
                unique: true,
                filter: "\"ClearedUtc\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UrgentCases");

            migrationBuilder.DropColumn(
                name: "Assessment",
                table: "IntakeVersions");
        }
    }
}
