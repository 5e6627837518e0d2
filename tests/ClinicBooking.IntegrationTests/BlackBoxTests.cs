using System.Globalization;
using System.Net;
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
        // The demo practitioners work weekdays 09:00-17:00 New York time; the first free start is predictable, so the
        // reminder offset can be set to make a reminder fall due about ninety seconds after the app starts.
        var firstSlot = FirstFreeStart(DateTime.UtcNow.AddMinutes(5));
        var offset = firstSlot - DateTime.UtcNow.AddSeconds(90);
        var offsetText = offset.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture);
        await using var app = await BlackBoxApp.StartAsync(smtp, new Dictionary<string, string>
        {
            ["Clinic:MinimumNotice"] = "00:00:00",
            ["Clinic:CancellationWindow"] = "00:00:00",
            ["Clinic:ReminderOffsets:0"] = offsetText,
            ["Clinic:ReminderOffsets:1"] = offsetText,
        });
        using var client = app.CreateClient();
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
}
