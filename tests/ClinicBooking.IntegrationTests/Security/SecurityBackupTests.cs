using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>The backup command copies both databases and the key ring while the app serves writes.</summary>
public sealed class SecurityBackupTests
{
    private static Task<int> BackupAsync(ClinicAppFactory app, string target, StringWriter? output = null, StringWriter? error = null) =>
        BackupCommand.RunAsync(target, app.Services.GetRequiredService<IConfiguration>(),
            app.Services.GetRequiredService<IHostEnvironment>().ContentRootPath, output ?? new StringWriter(), error ?? new StringWriter());

    private static async Task<List<long>> QueryAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }

    private static async Task<string> IntegrityAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_backup_under_booking_load_is_intact_holds_every_booking_acknowledged_before_it_and_restores_with_its_keys()
    {
        await using var app = new ClinicAppFactory();
        var target = Path.Combine(app.DataDirectory, "backup-under-load");

        // Encrypted data that must survive the round trip: pat's intake.
        var pat = app.CreateBrowserlikeClient();
        await pat.SignInAsync("pat@clinic.test");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));
        await pat.FillAllAsync(new Dictionary<string, string>(IntakeKit.CalmAnswers(today)) { ["care_team"] = "BACKUPCANARY care team" });

        var emails = await app.CreatePatientsAsync(6, "loader");
        var clients = await Task.WhenAll(emails.Select(async e =>
        {
            var c = app.CreateBrowserlikeClient();
            await c.SignInAsync(e);
            return c;
        }));
        var day = BookingKit.FutureWeekday(app);
        var slots = (await clients[0].FreeAsync(BookingKit.FollowUp, null, day, day.AddDays(20))).ToList();
        Assert.True(slots.Count > 100);

        var acknowledged = new ConcurrentQueue<int>();
        using var stop = new CancellationTokenSource();
        var load = clients.Select((client, worker) => Task.Run(async () =>
        {
            var token = (await client.GetDocumentAsync("/appointments")).AntiforgeryToken();
            for (var i = worker; i < slots.Count && !stop.IsCancellationRequested; i += clients.Length)
            {
                var response = await client.BookAsync(BookingKit.FollowUp, slots[i].PractitionerId, slots[i].Start, token);
                Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Conflict, $"booking answered {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    acknowledged.Enqueue(int.Parse(response.Headers.Location!.ToString().Split('/').Last()));
                }
            }
        })).ToList();

        while (acknowledged.Count < 15)
        {
            Assert.False(load.Any(t => t.IsFaulted), "the load stopped early");
            await Task.Delay(20);
        }

        var beforeBackup = acknowledged.ToArray();
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(BackupCommand.Ok, await BackupAsync(app, target, output, error));
        var countAtEnd = acknowledged.Count;
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.True(acknowledged.Count > countAtEnd || countAtEnd > beforeBackup.Length, "the app was not serving writes during the backup");

        var clinicCopy = Path.Combine(target, BackupCommand.ClinicFile);
        var hangfireCopy = Path.Combine(target, BackupCommand.HangfireFile);
        Assert.Equal("ok", await IntegrityAsync(clinicCopy));
        Assert.Equal("ok", await IntegrityAsync(hangfireCopy));
        var saved = (await QueryAsync(clinicCopy, "SELECT Id FROM Appointments")).Select(id => (int)id).ToHashSet();
        Assert.All(beforeBackup, id => Assert.Contains(id, saved));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(target, BackupCommand.KeysFolder), "key-*.xml"));
        Assert.Contains("Backup complete", output.ToString());
        Assert.Equal("", error.ToString());

        // Restore as docs/operations.md says: the two database files and the keys into the data folder, then start.
        var restored = Directory.CreateTempSubdirectory("clinicbooking-restore-").FullName;
        try
        {
            File.Copy(clinicCopy, Path.Combine(restored, "clinic.db"));
            File.Copy(hangfireCopy, Path.Combine(restored, "hangfire.db"));
            Directory.CreateDirectory(Path.Combine(restored, "keys"));
            foreach (var key in Directory.GetFiles(Path.Combine(target, BackupCommand.KeysFolder)))
            {
                File.Copy(key, Path.Combine(restored, "keys", Path.GetFileName(key)));
            }

            await using var again = new ClinicAppFactory(restored, app.Clock, app.Smtp);
            var client = again.CreateBrowserlikeClient();
            await client.SignInAsync("pat@clinic.test");
            Assert.Contains("BACKUPCANARY care team", await client.GetStringAsync("/intake/export"));
            Assert.Equal(saved.Count, (await QueryAsync(Path.Combine(restored, "clinic.db"), "SELECT Id FROM Appointments")).Count);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(restored, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a finishing background thread; the OS cleans temp folders.
            }
        }
    }

    [Fact]
    public async Task A_backup_refuses_with_exit_code_2_to_overwrite_an_earlier_one()
    {
        await using var app = new ClinicAppFactory();
        var target = Path.Combine(app.DataDirectory, "backup-twice");
        Assert.Equal(BackupCommand.Ok, await BackupAsync(app, target));
        var first = File.GetLastWriteTimeUtc(Path.Combine(target, BackupCommand.ClinicFile));
        var error = new StringWriter();

        Assert.Equal(BackupCommand.Refused, await BackupAsync(app, target, error: error));
        Assert.Contains("Refusing to overwrite", error.ToString());
        Assert.Equal(first, File.GetLastWriteTimeUtc(Path.Combine(target, BackupCommand.ClinicFile)));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAppAsync(IEnumerable<string> args, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(typeof(BackupCommand).Assembly.Location)!,
        };
        start.ArgumentList.Add(typeof(BackupCommand).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task The_backup_command_runs_as_its_own_process_beside_the_running_app_and_exits_without_serving()
    {
        await using var app = new ClinicAppFactory();
        _ = app.Services; // the app is up, with its databases and key ring
        var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");
        var target = Path.Combine(app.DataDirectory, "backup-process");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Clinic"] = $"Data Source={app.ClinicDatabasePath}",
            ["Hangfire__Database"] = Path.Combine(app.DataDirectory, "hangfire.db"),
            ["DataProtection__KeysPath"] = app.KeysDirectory,
        };

        var missing = await RunAppAsync(["backup"], environment);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("Usage:", missing.Error);

        var run = await RunAppAsync(["backup", target], environment);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Backup complete", run.Output);
        Assert.DoesNotContain("Now listening", run.Output);
        Assert.Equal("ok", await IntegrityAsync(Path.Combine(target, BackupCommand.ClinicFile)));
        Assert.Equal("ok", await IntegrityAsync(Path.Combine(target, BackupCommand.HangfireFile)));
        Assert.True(Directory.Exists(Path.Combine(target, BackupCommand.KeysFolder)));

        var again = await RunAppAsync(["backup", target], environment);
        Assert.Equal(2, again.ExitCode);
    }
}
