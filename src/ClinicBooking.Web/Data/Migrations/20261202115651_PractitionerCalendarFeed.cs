using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicBooking.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PractitionerCalendarFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CalendarFeedCreatedUtc",
                table: "Practitioners",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CalendarFeedHash",
                table: "Practitioners",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Practitioners_CalendarFeedHash",
                table: "Practitioners",
                column: "CalendarFeedHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Practitioners_CalendarFeedHash",
                table: "Practitioners");

            migrationBuilder.DropColumn(
                name: "CalendarFeedCreatedUtc",
                table: "Practitioners");

            migrationBuilder.DropColumn(
                name: "CalendarFeedHash",
                table: "Practitioners");
        }
    }
}
