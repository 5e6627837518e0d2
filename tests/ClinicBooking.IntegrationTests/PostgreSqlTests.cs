using System.Diagnostics;
using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Data.PostgreSql;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 17: what several instances on one PostgreSQL database need, each test on real hosts (in process) and a real
/// database in the throwaway cluster: shared Data Protection keys, settings that follow another instance's save, a
/// start-up race on an empty database, the exclusion constraint, backup and restore, and /health/ready.
/// </summary>
public sealed class PostgreSqlTests(ITestOutputHelper output)
{
    private static readonly Uri Localhost = new("http://localhost");

    private static ClinicAppFactory Host(string? connectionString = null) => connectionString is null
        ? new ClinicAppFactory { Provider = DatabaseProvider.PostgreSql }
        : new ClinicAppFactory { Provider = DatabaseProvider.PostgreSql, PostgreSqlConnectionString = connectionString };

    /// <summary>A client of <paramref name="app"/> that keeps its cookies in <paramref name="jar"/> (shared with another host's client) and follows no redirects.</summary>
    private static HttpClient Client(ClinicAppFactory app, CookieContainer jar) =>
        app.CreateDefaultClient(Localhost, new CookieContainerHandler(jar));

    private static string? Cookie(CookieContainer jar, string name) => jar.GetCookies(Localhost)[name]?.Value;

    private static Dictionary<string, string> AnswersWith(ClinicAppFactory app, string canary)
    {
        var answers = IntakeKit.CalmAnswers(app.Today());
        answers[IntakeForm.Sections.SelectMany(s => s.Fields).First(f => f.Kind == FieldKind.Text).Key] = canary;
        return answers;
    }

    private static async Task<long> CountAsync(string connectionString, string sql) =>
        Convert.ToInt64(await PostgresKit.ScalarAsync(connectionString, sql), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_cookie_an_antiforgery_token_and_an_intake_from_one_instance_are_read_by_another_through_the_key_ring_in_the_database()
    {
        await using var a = Host();
        _ = a.Services; // A starts (and makes the key ring) before B.
        await using var b = Host(a.PostgreSqlConnectionString);
        _ = b.Services;
        var jar = new CookieContainer();
        var onA = Client(a, jar);
        var onB = Client(b, jar);

        // Signed in on A: B knows the patient.
        await onA.SignInAsync("pat@clinic.test");
        Assert.NotNull(Cookie(jar, "ClinicBooking.Auth"));
        var antiforgeryFromA = Cookie(jar, "ClinicBooking.Antiforgery");
        Assert.NotNull(antiforgeryFromA);
        var appointments = await onB.GetAsync("/appointments");
        Assert.Equal(HttpStatusCode.OK, appointments.StatusCode);
        var page = await appointments.Content.ReadAsStringAsync();
        Assert.Contains("Your appointments", page, StringComparison.Ordinal);
        Assert.Contains("Sign out", page, StringComparison.Ordinal);
        // B read A's antiforgery cookie rather than replacing it with one of its own.
        Assert.Equal(antiforgeryFromA, Cookie(jar, "ClinicBooking.Antiforgery"));

        // A form from A, posted to B: the antiforgery token (and its cookie) are A's.
        var token = (await onA.GetDocumentAsync("/appointments")).AntiforgeryToken();
        var start = (await onB.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, BookingKit.FutureWeekday(a)))[0].Start;
        var booked = await onB.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start, token);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var visit = booked.Headers.Location!.OriginalString;
        Assert.StartsWith("/appointments/", visit, StringComparison.Ordinal);
        Assert.Contains($"href=\"{visit}\"", await onA.GetStringAsync("/appointments"), StringComparison.Ordinal);

        // Health data encrypted by A, read through B.
        await onA.FillAllAsync(AnswersWith(a, "QZCANARYFIG"));
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SubmitIntakeAsync()).StatusCode);
        var export = await onB.GetAsync("/intake/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("QZCANARYFIG", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // One key ring, in the database (B made no key of its own), and no key file in either host's folder.
        Assert.Equal(1, await CountAsync(a.PostgreSqlConnectionString!, "SELECT count(*) FROM \"DataProtectionKeys\""));
        foreach (var host in new[] { a, b })
        {
            Assert.True(!Directory.Exists(host.KeysDirectory) || Directory.GetFileSystemEntries(host.KeysDirectory).Length == 0,
                $"Key files in {host.KeysDirectory}: {string.Join(", ", Directory.Exists(host.KeysDirectory) ? Directory.GetFileSystemEntries(host.KeysDirectory) : [])}");
        }
    }

    [Fact]
    public async Task Settings_the_admin_saves_on_one_instance_take_effect_on_another_within_seconds()
    {
        await using var a = Host();
        await using var b = Host(a.PostgreSqlConnectionString);
        var visitor = b.CreateBrowserlikeClient();
        var before = await visitor.GetStringAsync("/");
        const string phone = "555-0177-4242";
        Assert.DoesNotContain(phone, before, StringComparison.Ordinal);

        var admin = await a.StaffAsync("admin@clinic.test");
        var saved = await admin.SubmitFormAsync("/admin/settings", new Dictionary<string, string> { ["Phone"] = phone },
            "form[action='/admin/settings']");
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect && saved.Headers.Location?.OriginalString == "/admin/settings",
            $"Saving the settings answered {(int)saved.StatusCode} {saved.Headers.Location}: {await saved.Content.ReadAsStringAsync()}");
        Assert.Contains(phone, await a.CreateBrowserlikeClient().GetStringAsync("/"), StringComparison.Ordinal);

        // B reloads when it sees the clinic's stamp move (every 2 s); allow it a generous 10 s.
        var watch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(10);
        var seen = false;
        while (!seen && watch.Elapsed < deadline)
        {
            seen = (await visitor.GetStringAsync("/")).Contains(phone, StringComparison.Ordinal);
            if (!seen)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(seen, $"B still showed the old phone number {watch.Elapsed.TotalSeconds:0.0} s after A saved the new one.");
        output.WriteLine($"B showed the new settings {watch.Elapsed.TotalSeconds:0.0} s after A saved them.");
    }

    [Fact]
    public async Task Two_instances_starting_together_on_an_empty_database_both_come_up_and_migrate_and_seed_once()
    {
        for (var round = 0; round < 3; round++)
        {
            var database = PostgresKit.NewDatabase("race");
            try
            {
                await using var a = Host(database);
                await using var b = Host(database);
                await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));

                foreach (var host in new[] { a, b })
                {
                    var health = await host.CreateBrowserlikeClient().GetAsync("/health");
                    Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                }

                int migrations;
                await using (var scope = a.Services.CreateAsyncScope())
                {
                    migrations = scope.ServiceProvider.GetRequiredService<ClinicDbContext>().Database.GetMigrations().Count();
                }

                Assert.True(migrations > 0);
                Assert.Equal(migrations, await CountAsync(database, "SELECT count(*) FROM \"__EFMigrationsHistory\""));
                Assert.Equal(Roles.All.Count, await CountAsync(database, "SELECT count(*) FROM \"AspNetRoles\""));
                Assert.Equal(Roles.All.Count, await CountAsync(database, "SELECT count(DISTINCT \"NormalizedName\") FROM \"AspNetRoles\""));
                Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM \"ClinicSettings\""));
                foreach (var (email, _) in DbInitialiser.DemoAccounts)
                {
                    Assert.Equal(1, await CountAsync(database, $"SELECT count(*) FROM \"AspNetUsers\" WHERE \"Email\" = '{email}'"));
                }

                Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM \"Practitioners\""));
                Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM \"Services\""));

                // Both hosts serve the same people: a patient signed in on one is known on the other.
                var jar = new CookieContainer();
                await Client(a, jar).SignInAsync("pat@clinic.test");
                Assert.Equal(HttpStatusCode.OK, (await Client(b, jar).GetAsync("/appointments")).StatusCode);
            }
            finally
            {
                PostgresKit.DropDatabase(database);
            }
        }
    }

    [Fact]
    public async Task The_database_refuses_overlapping_booked_visits_of_one_practitioner_whatever_the_application_checks()
    {
        await using var app = Host();
        var patientId = await app.QueryAsync(db => db.Users.Where(u => u.Email == "pat@clinic.test").Select(u => u.Id).SingleAsync());
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var ten = new DateTime(now.Year + 1, 3, 2, 15, 0, 0, DateTimeKind.Utc);

        // Straight through the app's context: no booking service, no write lock, no check.
        async Task<Appointment> SaveAsync(int practitionerId, DateTime start, bool cancelled = false)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var service = await db.Services.SingleAsync(s => s.Id == BookingKit.FollowUp);
            var appointment = new Appointment(patientId, practitionerId, service, start, now);
            if (cancelled)
            {
                appointment.Cancel(now);
            }

            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return appointment;
        }

        var first = await SaveAsync(BookingKit.Ana, ten); // 45 minutes and a 15-minute buffer: blocked until 11:00
        Assert.Equal(ten.AddMinutes(60), first.BlockedUntilUtc);

        var overlap = await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(BookingKit.Ana, ten.AddMinutes(30)));
        Assert.True(overlap.IsUniqueViolation());
        var postgres = Assert.IsType<PostgresException>(overlap.InnerException);
        Assert.Equal(PostgresErrorCodes.ExclusionViolation, postgres.SqlState);
        Assert.Equal(PostgreSqlClinicDbContext.NoOverlapConstraint, postgres.ConstraintName);
        // Inside the buffer counts as overlap too.
        Assert.True((await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(BookingKit.Ana, ten.AddMinutes(-45)))).IsUniqueViolation());

        await SaveAsync(BookingKit.Ana, first.BlockedUntilUtc); // back to back
        await SaveAsync(BookingKit.Ana, ten.AddMinutes(30), cancelled: true);
        await SaveAsync(BookingKit.Ben, ten.AddMinutes(30)); // another practitioner

        Assert.Equal(3, await app.QueryAsync(db => db.Appointments.CountAsync(x => x.Status == AppointmentStatus.Booked)));
        Assert.Equal(1, await app.QueryAsync(db => db.Appointments.CountAsync(x => x.Status == AppointmentStatus.Cancelled)));
    }

    [Fact]
    public async Task A_backup_restored_into_a_new_database_serves_the_same_patients_and_their_encrypted_intake_and_a_second_backup_is_refused()
    {
        await using var source = Host();
        var pat = source.CreateBrowserlikeClient();
        await pat.SignInAsync("pat@clinic.test");
        await pat.FillAllAsync(AnswersWith(source, "QZCANARYDATE"));
        Assert.Equal(HttpStatusCode.Redirect, (await pat.SubmitIntakeAsync()).StatusCode);
        var visit = await pat.BookFirstFreeAsync(BookingKit.Ben, BookingKit.FutureWeekday(source));

        var target = Path.Combine(source.DataDirectory, "backup");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Clinic"] = source.PostgreSqlConnectionString,
            ["Database:PgDump"] = Path.Combine(PostgresKit.Bin, "pg_dump"),
        }).Build();
        var said = new StringWriter();
        var error = new StringWriter();
        Assert.True(BackupCommand.Ok == await BackupCommand.RunAsync(target, configuration, source.DataDirectory, said, error),
            $"The backup failed: {said}{error}");
        var dump = Path.Combine(target, BackupCommand.ClinicDump);
        Assert.True(File.Exists(dump));
        Assert.False(File.Exists(Path.Combine(target, BackupCommand.HangfireDump))); // Hangfire's schema is in the clinic's dump

        // A second backup into the same folder is refused and leaves the first one as it was.
        var bytes = await File.ReadAllBytesAsync(dump);
        var written = File.GetLastWriteTimeUtc(dump);
        var refusal = new StringWriter();
        Assert.Equal(BackupCommand.Refused, await BackupCommand.RunAsync(target, configuration, source.DataDirectory, new StringWriter(), refusal));
        Assert.Contains("Refusing to overwrite", refusal.ToString(), StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(dump));
        Assert.Equal(written, File.GetLastWriteTimeUtc(dump));
        Assert.Equal([BackupCommand.ClinicDump], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));

        var restored = PostgresKit.NewDatabase("restore");
        try
        {
            var (exit, messages) = await PgRestoreAsync(restored, dump);
            Assert.True(exit == 0, $"pg_restore answered {exit}: {messages}");

            await using var copy = Host(restored);
            var again = copy.CreateBrowserlikeClient();
            await again.SignInAsync("pat@clinic.test");
            Assert.Contains("QZCANARYDATE", await again.GetStringAsync("/intake/export"), StringComparison.Ordinal);
            Assert.Contains($"href=\"/appointments/{visit}\"", await again.GetStringAsync("/appointments"), StringComparison.Ordinal);

            // The start on the restored data seeded nothing twice.
            Assert.Equal(1, await CountAsync(restored, "SELECT count(*) FROM \"AspNetUsers\" WHERE \"Email\" = 'pat@clinic.test'"));
            Assert.Equal(1, await CountAsync(restored, "SELECT count(*) FROM \"AspNetUsers\" WHERE \"Email\" = 'admin@clinic.test'"));
            Assert.Equal(2, await CountAsync(restored, "SELECT count(*) FROM \"Practitioners\""));
            Assert.Equal(2, await CountAsync(restored, "SELECT count(*) FROM \"Services\""));
            Assert.Equal(1, await CountAsync(restored, "SELECT count(*) FROM \"IntakeVersions\""));
            Assert.Equal(1, await CountAsync(restored, "SELECT count(*) FROM \"Appointments\""));
        }
        finally
        {
            PostgresKit.DropDatabase(restored);
        }
    }

    /// <summary>pg_restore of a custom-format dump into <paramref name="connectionString"/>'s database, as docs/operations.md has it.</summary>
    private static async Task<(int Exit, string Messages)> PgRestoreAsync(string connectionString, string dump)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(PostgresKit.Bin, "pg_restore"), ["--no-owner", $"--dbname={csb.Database}", dump])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PGHOST"] = csb.Host;
        start.Environment["PGPORT"] = csb.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = csb.Username;
        if (!string.IsNullOrEmpty(csb.Password))
        {
            start.Environment["PGPASSWORD"] = csb.Password;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Ready_answers_200_with_the_database_hangfire_and_outbox_checks_healthy_on_postgresql()
    {
        await using var app = Host();
        var (status, json, body) = await HealthCheckTests.ReadyAsync(app.CreateBrowserlikeClient());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        var checks = HealthCheckTests.Checks(json);
        Assert.Equal(["database", "hangfire", "outbox"], checks.Keys.Order());
        Assert.All(checks.Values, s => Assert.Equal("Healthy", s));
        var database = new NpgsqlConnectionStringBuilder(app.PostgreSqlConnectionString).Database!;
        Assert.DoesNotContain(database, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlikeClient().GetAsync("/health")).StatusCode);
    }
}
