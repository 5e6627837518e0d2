using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicBooking.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TreatmentCourses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CourseDaysBetween",
                table: "Services",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CourseSessions",
                table: "Services",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CourseId",
                table: "Appointments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CourseSession",
                table: "Appointments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TreatmentCourses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PatientId = table.Column<string>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    PractitionerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sessions = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentCourses", x => x.Id);
                    table.CheckConstraint("CK_TreatmentCourses_Sessions", "\"Sessions\" BETWEEN 2 AND 12");
                    table.ForeignKey(
                        name: "FK_TreatmentCourses_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TreatmentCourses_Practitioners_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TreatmentCourses_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Services_Course",
                table: "Services",
                sql: "(\"CourseSessions\" IS NULL AND \"CourseDaysBetween\" IS NULL) OR (\"CourseSessions\" BETWEEN 2 AND 12 AND \"CourseDaysBetween\" BETWEEN 1 AND 14)");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_CourseId_CourseSession",
                table: "Appointments",
                columns: new[] { "CourseId", "CourseSession" },
                unique: true,
                filter: "\"CourseId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentCourses_PatientId",
                table: "TreatmentCourses",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentCourses_PractitionerId",
                table: "TreatmentCourses",
                column: "PractitionerId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentCourses_ServiceId",
                table: "TreatmentCourses",
                column: "ServiceId");

            migrationBuilder.AddForeignKey(
                name: "FK_Appointments_TreatmentCourses_CourseId",
                table: "Appointments",
                column: "CourseId",
                principalTable: "TreatmentCourses",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Appointments_TreatmentCourses_CourseId",
                table: "Appointments");

            migrationBuilder.DropTable(
                name: "TreatmentCourses");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Services_Course",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_CourseId_CourseSession",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "CourseDaysBetween",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "CourseSessions",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "CourseId",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "CourseSession",
                table: "Appointments");
        }
    }
}
