using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicBooking.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AvailabilityStampsAndStartIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appointments_PatientId",
                table: "Appointments");

            migrationBuilder.CreateTable(
                name: "AvailabilityStamps",
                columns: table => new
                {
                    PractitionerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AvailabilityStamps", x => x.PractitionerId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TimeOff_StartUtc_EndUtc",
                table: "TimeOff",
                columns: new[] { "StartUtc", "EndUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_Booked_StartUtc",
                table: "Appointments",
                columns: new[] { "StartUtc", "BlockedUntilUtc", "PractitionerId" },
                filter: "\"Status\" = 'Booked'");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_PatientId_Status_StartUtc",
                table: "Appointments",
                columns: new[] { "PatientId", "Status", "StartUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AvailabilityStamps");

            migrationBuilder.DropIndex(
                name: "IX_TimeOff_StartUtc_EndUtc",
                table: "TimeOff");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_Booked_StartUtc",
                table: "Appointments");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_PatientId_Status_StartUtc",
                table: "Appointments");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_PatientId",
                table: "Appointments",
                column: "PatientId");
        }
    }
}
