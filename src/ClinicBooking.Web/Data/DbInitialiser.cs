using ClinicBooking.Web.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Data;

/// <summary>
/// Applies migrations, switches the file to WAL, creates the roles, then seeds: demo data in Development
/// (PRODUCT.md §9), only the first admin from configuration elsewhere. Every step is idempotent.
/// </summary>
public sealed class DbInitialiser(
    ClinicDbContext db,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IHostEnvironment environment,
    IOptions<SeedOptions> seedOptions,
    ClinicBooking.Web.Infrastructure.ClinicSettingsStore settings,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dataProtection,
    ILogger<DbInitialiser> logger)
{
    public const string DemoPassword = "ClinicDemo-2026";

    /// <summary>The demo accounts seeded in Development (all with <see cref="DemoPassword"/>), for the start-up log.</summary>
    public static readonly IReadOnlyList<(string Email, string Role)> DemoAccounts =
    [
        ("admin@clinic.test", Roles.Admin),
        ("ana@clinic.test", Roles.Practitioner),
        ("ben@clinic.test", Roles.Practitioner),
        ("desk@clinic.test", Roles.Reception),
        ("pat@clinic.test", Roles.Patient),
    ];

    /// <summary>Whether this host seeds the demo data: Development, with no first admin named in configuration.</summary>
    public static bool SeedsDemoData(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration["Seed:AdminEmail"]);

    /// <summary>The session lock instances take on PostgreSQL while they initialise (any fixed number: "init").</summary>
    private const string LockInitialise = "SELECT pg_advisory_lock(1768843636)";
    private const string UnlockInitialise = "SELECT pg_advisory_unlock(1768843636)";

    public async Task InitialiseAsync()
    {
        if (db.Database.IsNpgsql())
        {
            // Instances starting together on one database take turns: the first migrates and seeds, the next finds it
            // all done (every step below checks before it writes). The lock is the session's, on this context's one
            // connection, and goes with it should the process die.
            await db.Database.OpenConnectionAsync();
            try
            {
                await db.Database.ExecuteSqlRawAsync(LockInitialise);
                try
                {
                    await db.Database.MigrateAsync();
                    await InitialiseDataAsync();
                    // The first key of the shared key ring is made here, under the lock: two instances starting
                    // together on an empty database must not each make one and then refuse each other's cookies.
                    dataProtection.CreateProtector("ClinicBooking.Startup").Protect("ready");
                }
                finally
                {
                    await db.Database.ExecuteSqlRawAsync(UnlockInitialise);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        await db.Database.MigrateAsync();
        // WAL lets readers carry on while a booking is written; it persists in the file once set.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        // Only an SQLite file can hold values from before their columns were encrypted.
        await ProtectLegacyOutcomeFiguresAsync();
        await InitialiseDataAsync();
    }

    private async Task InitialiseDataAsync()
    {

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        await settings.LoadAsync(db);
        await Features.Notifications.OutboxLegacy.ClearAsync(db);
        // Demo accounts (with their published password) only on a developer's machine: a host that names its first
        // admin is a real clinic, whatever its environment says.
        if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(seedOptions.Value.AdminEmail))
        {
            await SeedDemoDataAsync();
        }
        else
        {
            await SeedFirstAdminAsync();
        }
    }

    /// <summary>Columns that were written in clear by an earlier version and are encrypted now: (table, column).</summary>
    private static IEnumerable<(string Table, string Column)> LegacyClearColumns =>
        Configurations.VisitOutcomeConfiguration.OutcomeFigureColumns.Select(c => ("VisitOutcomes", c))
            .Append(("UrgentCases", nameof(Domain.Practice.UrgentCase.Tier)));

    /// <summary>
    /// Visit outcome figures were plain numbers, and an urgent case's tier a plain name, before they were encrypted:
    /// encrypt any such value in place (once; an encrypted value is left alone), so every one on disk is ciphertext
    /// and every one reads back.
    /// </summary>
    private async Task ProtectLegacyOutcomeFiguresAsync()
    {
        var protector = dataProtection.CreateProtector(Protection.HealthDataProtection.Purpose);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var (table, column) in LegacyClearColumns)
            {
                var legacy = new List<(long Id, string Value)>();
                await using (var read = connection.CreateCommand())
                {
                    read.CommandText = $"SELECT Id, \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL AND substr(\"{column}\", 1, 5) <> '{Protection.HealthDataProtection.ProtectedPrefix}'";
                    await using var reader = await read.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        legacy.Add((reader.GetInt64(0), Convert.ToString(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)!));
                    }
                }

                foreach (var (id, value) in legacy)
                {
                    await using var write = connection.CreateCommand();
                    write.CommandText = $"UPDATE \"{table}\" SET \"{column}\" = $value WHERE Id = $id";
                    var valueParameter = write.CreateParameter();
                    valueParameter.ParameterName = "$value";
                    valueParameter.Value = protector.Protect(value);
                    write.Parameters.Add(valueParameter);
                    var idParameter = write.CreateParameter();
                    idParameter.ParameterName = "$id";
                    idParameter.Value = id;
                    write.Parameters.Add(idParameter);
                    await write.ExecuteNonQueryAsync();
                }

                if (legacy.Count > 0)
                {
                    logger.LogInformation("Encrypted {Count} values of {Table}.{Column} written before the column was encrypted.", legacy.Count, table, column);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task SeedDemoDataAsync()
    {
        if (!await db.Services.AnyAsync())
        {
            // The follow-up is a course (issue 16; DOMAIN.md: about twice a week): five sessions four days apart.
            var followUp = new Service("Follow-up treatment", 45, 15, requiresIntake: false);
            followUp.SetCourse(5, 4);
            db.Services.AddRange(new Service("Initial consultation and treatment", 75, 15, requiresIntake: true), followUp);
            await db.SaveChangesAsync();
        }

        await EnsureUserAsync("admin@clinic.test", "Clinic Admin", DemoPassword, Roles.Admin);
        await EnsureUserAsync("pat@clinic.test", "Pat Patient", DemoPassword, Roles.Patient);
        await EnsureUserAsync("desk@clinic.test", "Dana Desk", DemoPassword, Roles.Reception);
        await EnsurePractitionerAsync("ana@clinic.test", "Ana Alvarez",
            "Licensed acupuncturist with ten years of experience supporting new parents.");
        await EnsurePractitionerAsync("ben@clinic.test", "Ben Brooks",
            "Licensed acupuncturist and former postnatal nurse.");
    }

    private async Task EnsurePractitionerAsync(string email, string name, string bio)
    {
        var user = await EnsureUserAsync(email, name, DemoPassword, Roles.Practitioner);
        if (await db.Practitioners.AnyAsync(p => p.UserId == user.Id))
        {
            return;
        }

        var practitioner = new Practitioner(user.Id, name, bio);
        for (var day = DayOfWeek.Monday; day <= DayOfWeek.Friday; day++)
        {
            practitioner.AddWorkingInterval(day, new TimeOnly(9, 0), new TimeOnly(17, 0));
        }

        db.Practitioners.Add(practitioner);
        await db.SaveChangesAsync();
    }

    private async Task SeedFirstAdminAsync()
    {
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var options = seedOptions.Value;
        if (string.IsNullOrWhiteSpace(options.AdminEmail) || string.IsNullOrWhiteSpace(options.AdminPassword))
        {
            logger.LogWarning("No admin exists and Seed:AdminEmail / Seed:AdminPassword are not set; " +
                              "set them once to create the first admin.");
            return;
        }

        await EnsureUserAsync(options.AdminEmail, options.AdminName, options.AdminPassword, Roles.Admin);
        logger.LogInformation("Created the first admin account from configuration.");
    }

    private async Task<ApplicationUser> EnsureUserAsync(string email, string name, string password, string role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name };
            Check(await users.CreateAsync(user, password), $"create the {role} account");
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role), $"add the {role} role");
        }

        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding failed to {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
