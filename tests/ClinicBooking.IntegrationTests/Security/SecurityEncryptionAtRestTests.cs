using System.Net;
using System.Security.Cryptography;
using System.Text;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Intake;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>Intake answers are encrypted in the database with Data Protection keys kept outside it.</summary>
public sealed class SecurityEncryptionAtRestTests
{
    private static readonly string[] FreeTextFields = IntakeForm.Sections.SelectMany(s => s.Fields)
        .Where(f => f.Kind == FieldKind.Text).Select(f => f.Key).ToArray();

    /// <summary>Fills the intake as pat (a draft) and submits it (a version), with a canary in every free-text field.</summary>
    private static async Task<Dictionary<string, string>> FillWithCanariesAsync(ClinicAppFactory app)
    {
        var canaries = FreeTextFields.Select((f, i) => (f, $"QZCANARY{i}PLUM")).ToDictionary(x => x.f, x => x.Item2);
        var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));
        var answers = new Dictionary<string, string>(IntakeKit.CalmAnswers(today));
        foreach (var (field, canary) in canaries)
        {
            answers[field] = canary;
        }

        await client.FillAllAsync(answers);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitIntakeAsync()).StatusCode);
        // A second round of edits leaves a draft beside the submitted version.
        Assert.Equal(HttpStatusCode.Redirect, (await client.SaveStepAsync(IntakeForm.Sections[0].Key, answers)).StatusCode);
        return canaries;
    }

    private static string ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file, Encoding.Latin1);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task Free_text_canaries_are_absent_from_the_database_file_and_its_wal_and_read_back_after_a_restart()
    {
        Assert.NotEmpty(FreeTextFields);
        Dictionary<string, string> canaries;
        string dataDirectory;
        await using (var first = new ClinicAppFactory())
        {
            canaries = await FillWithCanariesAsync(first);
            dataDirectory = first.DataDirectory;

            // Read while the app runs: the newest pages are still in the WAL.
            var wal = first.ClinicDatabasePath + "-wal";
            Assert.True(File.Exists(wal) && new FileInfo(wal).Length > 0, "expected a live WAL file");
            var raw = ReadShared(first.ClinicDatabasePath) + ReadShared(wal);
            Assert.Contains("pat@clinic.test", raw, StringComparison.OrdinalIgnoreCase); // the read itself works
            foreach (var canary in canaries.Values)
            {
                Assert.DoesNotContain(canary, raw, StringComparison.OrdinalIgnoreCase);
            }

            Assert.DoesNotContain("contact_phone", raw, StringComparison.Ordinal);

            // Restart on the same data folder and keys (the first host's folder is kept until it is disposed).
            await using var second = new ClinicAppFactory(dataDirectory, first.Clock, first.Smtp);
            var client = second.CreateBrowserlikeClient();
            await client.SignInAsync("pat@clinic.test");
            var export = await client.GetStringAsync("/intake/export");
            foreach (var canary in canaries.Values)
            {
                Assert.Contains(canary, export);
            }

            await using var scope = second.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var version = await db.IntakeVersions.SingleAsync();
            var draft = await db.IntakeDrafts.SingleAsync();
            Assert.Equal(canaries[FreeTextFields[0]], version.Answers[FreeTextFields[0]]);
            Assert.Equal(canaries[FreeTextFields[0]], draft.Answers[FreeTextFields[0]]);
        }
    }

    [Fact]
    public async Task With_a_certificate_configured_the_key_ring_is_encrypted_on_disk_and_still_opens_after_a_restart()
    {
        // A throwaway certificate, as an operator would make with openssl and give as a .pfx.
        using var rsa = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=ClinicBooking key ring", rsa,
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = Path.Combine(Path.GetTempPath(), $"clinic-keyring-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pfx pass phrase"));
        try
        {
            var settings = new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "pfx pass phrase" };
            await using var first = new ClinicAppFactory();
            foreach (var (key, value) in settings)
            {
                first.Settings[key] = value;
            }

            var canaries = await FillWithCanariesAsync(first);
            var keyFiles = Directory.GetFiles(first.KeysDirectory, "*.xml");
            Assert.NotEmpty(keyFiles);
            foreach (var file in keyFiles)
            {
                var xml = await File.ReadAllTextAsync(file);
                Assert.Contains("encryptedSecret", xml);
                Assert.DoesNotContain("<value>", xml);
            }

            await using var second = new ClinicAppFactory(first.DataDirectory, first.Clock, first.Smtp);
            foreach (var (key, value) in settings)
            {
                second.Settings[key] = value;
            }

            var client = second.CreateBrowserlikeClient();
            await client.SignInAsync("pat@clinic.test");
            Assert.Contains(canaries.Values.First(), await client.GetStringAsync("/intake/export"));
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task Visit_notes_are_absent_from_the_database_file_and_its_wal_and_read_back_after_a_restart()
    {
        const string canary = "QZNOTESCANARYFIG";
        await using var first = new ClinicAppFactory();
        var answers = IntakeKit.CalmAnswers(first.Today());
        var patientId = await first.SeedPatientWithIntakeAsync("noted@example.com", "Noted Parent", answers);
        var visit = await first.PastVisitAsync("noted@example.com", BookingKit.Ana, TimeSpan.FromHours(1));
        var ana = await first.StaffAsync("ana@clinic.test");
        var saved = await ana.SubmitFormAsync($"/practitioner/appointments/{visit}", new Dictionary<string, string>
        {
            ["Outcome.Attendance"] = "completed", ["Outcome.Notes"] = $"Latch improving. {canary}",
        }, $"form[action='/practitioner/appointments/{visit}/outcome']");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        Assert.NotEmpty(patientId);

        var raw = ReadShared(first.ClinicDatabasePath) + ReadShared(first.ClinicDatabasePath + "-wal");
        Assert.Contains("noted@example.com", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(canary, raw, StringComparison.OrdinalIgnoreCase);

        await using var second = new ClinicAppFactory(first.DataDirectory, first.Clock, first.Smtp);
        var again = await second.StaffAsync("ana@clinic.test");
        Assert.Contains(canary, await again.GetStringAsync($"/practitioner/appointments/{visit}"));
    }

    [Fact]
    public async Task Outcome_figures_and_red_flag_tiers_are_encrypted_and_figures_and_tiers_written_in_clear_before_are_encrypted_at_start()
    {
        await using var first = new ClinicAppFactory();
        var answers = IntakeKit.CalmAnswers(first.Today());
        answers["baby_sleepy_feeds"] = "yes"; // a Same-day flag
        await first.SeedPatientWithIntakeAsync("figures@example.com", "Figure Parent", answers);
        var visit = await first.PastVisitAsync("figures@example.com", BookingKit.Ana, TimeSpan.FromHours(1));
        var ana = await first.StaffAsync("ana@clinic.test");
        var saved = await ana.SubmitFormAsync($"/practitioner/appointments/{visit}", new Dictionary<string, string>
        {
            ["Outcome.Attendance"] = "completed", ["Outcome.SupplementMl24h"] = "180", ["Outcome.ExpressedMl24h"] = "60", ["Outcome.Feeds24h"] = "9",
            ["Outcome.WetDiapers24h"] = "7", ["Outcome.BabyWeightGrams"] = "4321", ["Outcome.BabyWeightDate"] = first.Today().ToString("yyyy-MM-dd"),
            ["Outcome.Confidence"] = "6",
        }, $"form[action='/practitioner/appointments/{visit}/outcome']");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);

        async Task<List<string?>> RawAsync(string sql)
        {
            await using var connection = new SqliteConnection($"Data Source={first.ClinicDatabasePath}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var values = new List<string?>();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values.Add(reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return values;
        }

        // Every figure column, each set above: none is null and none is in clear.
        var figures = await RawAsync($"SELECT {string.Join(", ", ClinicBooking.Web.Data.Configurations.VisitOutcomeConfiguration.OutcomeFigureColumns)} FROM VisitOutcomes");
        Assert.Equal(7, figures.Count);
        Assert.All(figures, v => Assert.StartsWith("CfDJ8", v));
        var columns = await RawAsync("SELECT name FROM pragma_table_info('IntakeVersions')");
        Assert.DoesNotContain("HighestTier", columns);
        Assert.DoesNotContain(await RawAsync("SELECT * FROM IntakeVersions"), v => v is "SameDay" or "Emergency" or "Refer");
        // The urgent case the Same-day answer opened: its tier is ciphertext too, and no column holds a tier's name.
        Assert.StartsWith("CfDJ8", (await RawAsync("SELECT Tier FROM UrgentCases")).Single());
        Assert.DoesNotContain(await RawAsync("SELECT * FROM UrgentCases"), v => v is "SameDay" or "Emergency" or "Refer");
        // The schedule still shows the tier, decrypted for its rows only.
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(first.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));
        Assert.Contains("Red flag: Same day", await ana.GetStringAsync($"/practitioner?view=day&date={day:yyyy-MM-dd}"));

        // A figure and a tier written in clear by an earlier version of the app are encrypted at the next start and read back.
        await RawAsync("UPDATE VisitOutcomes SET Feeds24h = '11'");
        await RawAsync("UPDATE UrgentCases SET Tier = 'Emergency'");
        await using var second = new ClinicAppFactory(first.DataDirectory, first.Clock, first.Smtp);
        _ = second.Services;
        Assert.StartsWith("CfDJ8", (await RawAsync("SELECT Feeds24h FROM VisitOutcomes")).Single());
        Assert.StartsWith("CfDJ8", (await RawAsync("SELECT Tier FROM UrgentCases")).Single());
        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var outcome = await db.VisitOutcomes.SingleAsync();
        Assert.Equal((11, 180, 60, 7, 4321, 6), (outcome.Feeds24h, outcome.SupplementMl24h, outcome.ExpressedMl24h, outcome.WetDiapers24h,
            outcome.BabyWeightGrams, outcome.Confidence));
        Assert.Equal(FlagTier.Emergency, (await db.UrgentCases.SingleAsync()).Tier);
        // The list of patients to call still names the tier, decrypted in memory.
        Assert.Contains("Emergency", await (await second.StaffAsync("ana@clinic.test")).GetStringAsync("/practitioner/urgent"));
    }

    [Fact]
    public async Task The_stored_answers_are_not_json_and_do_not_read_back_with_another_key_ring()
    {
        await using var first = new ClinicAppFactory();
        await FillWithCanariesAsync(first);

        await using (var connection = new SqliteConnection($"Data Source={first.ClinicDatabasePath};Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Answers FROM IntakeVersions UNION ALL SELECT Answers FROM IntakeDrafts";
            await using var reader = await command.ExecuteReaderAsync();
            var count = 0;
            while (await reader.ReadAsync())
            {
                count++;
                var stored = reader.GetString(0);
                Assert.False(stored.TrimStart().StartsWith('{'), "the column holds plain JSON");
                Assert.DoesNotContain("contact_phone", stored, StringComparison.Ordinal);
            }

            Assert.Equal(2, count);
        }

        // The same database with a different key directory: the data is there but unreadable.
        await using var stranger = new ClinicAppFactory(first.DataDirectory, first.Clock, first.Smtp)
        {
            Settings = { ["DataProtection:KeysPath"] = Path.Combine(first.DataDirectory, "other-keys") },
        };
        await using var scope = stranger.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.IntakeVersions.SingleAsync());
        Assert.Contains(Chain(error), e => e is CryptographicException);
        // The failure names no health data.
        Assert.DoesNotContain("QZCANARY", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await db.IntakeVersions.CountAsync());
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
