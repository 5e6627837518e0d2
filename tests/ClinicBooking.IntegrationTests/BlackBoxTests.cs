using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ClinicBooking.IntegrationTests.Kit;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// The app started the README's way (<c>dotnet run --project src/ClinicBooking.Web</c>) as its own process, with
/// <c>Email:Smtp:*</c> pointing at a real SMTP server: the real clock, the real Hangfire sweep.
/// </summary>
public sealed class BlackBoxTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public async Task Started_the_readme_way_it_confirms_within_30_seconds_and_sends_a_due_reminder_once_but_not_for_a_cancelled_visit()
    {
        await using var smtp = new TestSmtpServer();
        var data = Directory.CreateTempSubdirectory("clinicbooking-blackbox-").FullName;
        var port = FreePort();
        // The demo practitioners work weekdays 09:00-17:00 New York time; the first free start is predictable, so the
        // reminder offset can be set to make a reminder fall due about ninety seconds after the app starts.
        var firstSlot = FirstFreeStart(DateTime.UtcNow.AddMinutes(5));
        var offset = firstSlot - DateTime.UtcNow.AddSeconds(90);
        var offsetText = offset.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture);
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("dotnet", ["run", "--project", "src/ClinicBooking.Web", "--no-build", "--", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Clinic"] = $"Data Source={Path.Combine(data, "clinic.db")}",
                ["Hangfire__Database"] = Path.Combine(data, "hangfire.db"),
                ["DataProtection__KeysPath"] = Path.Combine(data, "keys"),
                ["Hangfire__PollInterval"] = "00:00:02",
                ["Email__PickupDirectory"] = Path.Combine(data, "mail"),
                ["Email__Smtp__Host"] = "127.0.0.1",
                ["Email__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Email__Smtp__Security"] = "None",
                ["App__PublicUrl"] = $"http://127.0.0.1:{port}",
                ["Clinic__MinimumNotice"] = "00:00:00",
                ["Clinic__CancellationWindow"] = "00:00:00",
                ["Clinic__ReminderOffsets__0"] = offsetText,
                ["Clinic__ReminderOffsets__1"] = offsetText,
            },
        };
        using var app = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        app.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        app.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            };
            await WaitForHealthAsync(client, app, output);
            await client.SignInAsync("pat@clinic.test");
            var iso = TimeFormat(firstSlot);
            var kept = await client.BookAsync(BookingKit.FollowUp, BookingKit.Ana, iso);
            Assert.True(kept.StatusCode == HttpStatusCode.Redirect, await kept.Content.ReadAsStringAsync());
            var cancelled = await client.BookAsync(BookingKit.FollowUp, BookingKit.Ben, iso);
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
            var cancelledId = cancelled.Headers.Location!.ToString().Split('/').Last();

            var confirmation = await smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            Assert.Contains("pat@clinic.test", confirmation.To.ToString());
            var cancel = await client.SubmitFormAsync($"/appointments/{cancelledId}/cancel", new Dictionary<string, string>(),
                $"form[action='/appointments/{cancelledId}/cancel']");
            Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);

            // Hangfire's every-minute sweep sends the reminder that falls due ~90 s after start.
            var reminder = await smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Reminder", StringComparison.Ordinal), TimeSpan.FromMinutes(4));
            Assert.Contains("Ana Alvarez", reminder.TextBody);
            await Task.Delay(TimeSpan.FromSeconds(65)); // one more sweep: nothing else may arrive
            var reminders = smtp.Messages.Where(m => m.Subject!.StartsWith("Reminder", StringComparison.Ordinal)).ToList();
            Assert.Single(reminders);
            Assert.DoesNotContain("Ben Brooks", reminders[0].TextBody);
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, true);
        }
    }

    /// <summary>The first 15-minute start from <paramref name="after"/> on a weekday where a 45 + 15 minute visit ends by 17:00.</summary>
    private static DateTime FirstFreeStart(DateTime after)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(after, Zone);
        var t = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute / 15 * 15, 0).AddMinutes(15);
        while (t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || t.TimeOfDay < TimeSpan.FromHours(9) || t.TimeOfDay > TimeSpan.FromHours(16)
               || Zone.IsInvalidTime(t) || Zone.IsAmbiguousTime(t))
        {
            t = t.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(t, Zone);
    }

    private static string TimeFormat(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(utc), Zone).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static async Task WaitForHealthAsync(HttpClient client, Process app, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        for (var i = 0; i < 120; i++)
        {
            Assert.False(app.HasExited, "The app exited:\n" + string.Join("\n", output));
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        Assert.Fail("The app did not answer /health within a minute:\n" + string.Join("\n", output));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClinicBooking.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ClinicBooking.sln not found above the test folder.");
    }
}
