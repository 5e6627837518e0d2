using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicBooking.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddDigestAndCalendarSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "DigestDate",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PractitionerId",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "Appointments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_PractitionerId_DigestDate",
                table: "Outbox",
                columns: new[] { "PractitionerId", "DigestDate" },
                unique: true,
                filter: "\"PractitionerId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_PractitionerId_DigestDate",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "DigestDate",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "PractitionerId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "Appointments");
        }
    }
}
