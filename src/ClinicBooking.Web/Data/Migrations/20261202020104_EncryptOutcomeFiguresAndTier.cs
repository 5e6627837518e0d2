using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicBooking.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class EncryptOutcomeFiguresAndTier : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The tier becomes a coarse "flagged" marker (the tier itself stays only in the encrypted assessment).
            // Versions are immutable (a trigger): lift it for this one change, and put it back after any rebuild.
            migrationBuilder.AddColumn<bool>(
                name: "Flagged",
                table: "IntakeVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS IntakeVersions_NoUpdate;");
            migrationBuilder.Sql("UPDATE IntakeVersions SET Flagged = (HighestTier IS NOT NULL);");
            // SQLite's own DROP COLUMN, not EF's table rebuild: a rebuild would run after this migration's SQL and
            // take the trigger with it.
            migrationBuilder.Sql("ALTER TABLE IntakeVersions DROP COLUMN HighestTier;");
            migrationBuilder.Sql("CREATE TRIGGER IntakeVersions_NoUpdate BEFORE UPDATE ON IntakeVersions BEGIN SELECT RAISE(ABORT, 'submitted intake versions are immutable'); END;");

            // Outcome figures become encrypted text; values written before are encrypted by DbInitialiser at start.

            migrationBuilder.AlterColumn<string>(
                name: "WetDiapers24h",
                table: "VisitOutcomes",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "SupplementMl24h",
                table: "VisitOutcomes",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Feeds24h",
                table: "VisitOutcomes",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ExpressedMl24h",
                table: "VisitOutcomes",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Confidence",
                table: "VisitOutcomes",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "BabyWeightGrams",
                table: "VisitOutcomes",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The tiers cannot be brought back in clear: HighestTier returns empty. Encrypted figures do not turn
            // back into numbers either: restore a backup instead of migrating down past this point.
            migrationBuilder.DropColumn(
                name: "Flagged",
                table: "IntakeVersions");

            migrationBuilder.AlterColumn<int>(
                name: "WetDiapers24h",
                table: "VisitOutcomes",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "SupplementMl24h",
                table: "VisitOutcomes",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "Feeds24h",
                table: "VisitOutcomes",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "ExpressedMl24h",
                table: "VisitOutcomes",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "Confidence",
                table: "VisitOutcomes",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "BabyWeightGrams",
                table: "VisitOutcomes",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HighestTier",
                table: "IntakeVersions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS IntakeVersions_NoUpdate;");
            migrationBuilder.Sql("CREATE TRIGGER IntakeVersions_NoUpdate BEFORE UPDATE ON IntakeVersions BEGIN SELECT RAISE(ABORT, 'submitted intake versions are immutable'); END;");
        }
    }
}
