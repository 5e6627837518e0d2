using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicBooking.Web.Data.Migrations
{
    /// <summary>
    /// UrgentCases.Tier is encrypted (issue 13.6): its 20-character limit goes, as ciphertext is longer. SQLite's TEXT has
    /// no length, so the schema is unchanged; values written in clear are encrypted at start by DbInitialiser.
    /// </summary>
    public partial class EncryptUrgentCaseTier : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
