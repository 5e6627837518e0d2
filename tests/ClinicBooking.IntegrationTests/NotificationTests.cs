using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Notifications;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer.Protocol;

namespace ClinicBooking.IntegrationTests;

/// <summary>The outbox with a real SMTP server on loopback and a fake clock (PRODUCT.md §7).</summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> PatAsync()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");
        return client;
    }

    private async Task<int> DispatchAsync(ClinicAppFactory? app = null)
    {
        await using var scope = (app ?? _app).Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().Outbox.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
    }

    /// <summary>Waits until no row is mid-send (the immediate kick runs on Hangfire's own thread).</summary>
    private async Task SettleAsync()
    {
        for (var i = 0; i < 100 && (await RowsAsync()).Any(r => r.Status == OutboxStatus.Sending || (r.Status == OutboxStatus.Pending && r.Attempts == 0 && r.DueUtc <= _app.Clock.GetUtcNow().UtcDateTime)); i++)
        {
            await Task.Delay(100);
        }
    }

    private List<MimeMessage> Received(string subjectStart) =>
        _app.Smtp.Messages.Where(m => m.Subject!.StartsWith(subjectStart, StringComparison.Ordinal)).ToList();

    private async Task<(int Id, string Start)> BookFollowUpAsync(HttpClient client, int daysAhead = 5, string time = "T10:00")
    {
        var day = BookingKit.FutureWeekday(_app, daysAhead);
        var start = (await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day)).First(s => s.Start.Contains(time, StringComparison.Ordinal)).Start;
        var response = await client.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (int.Parse(response.Headers.Location!.ToString().Split('/').Last()), start);
    }

    private void MoveClockTo(DateTimeOffset instant) => _app.Clock.Advance(instant - _app.Clock.GetUtcNow());

    [Fact]
    public async Task A_booking_confirmation_arrives_within_seconds_exactly_once_with_a_valid_ics()
    {
        var pat = await PatAsync();
        var (_, start) = await BookFollowUpAsync(pat);

        var email = await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await DispatchAsync();
        await Task.Delay(500);

        Assert.Single(Received("Your visit is booked"));
        var ics = email.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        await ics.Content!.DecodeToAsync(stream);
        var calendar = Calendar.Load(System.Text.Encoding.UTF8.GetString(stream.ToArray()))!;
        Assert.Equal(DateTimeOffset.Parse(start).UtcDateTime, calendar.Events.Single().Start!.AsUtc);
        Assert.Equal(OutboxStatus.Sent, (await RowsAsync()).Single(r => r.Kind == OutboxKind.BookingConfirmation).Status);
    }

    [Fact]
    public async Task Each_reminder_is_sent_once_at_its_time()
    {
        var pat = await PatAsync();
        var (_, start) = await BookFollowUpAsync(pat);
        var startAt = DateTimeOffset.Parse(start);
        await SettleAsync();
        Assert.Empty(Received("Reminder"));

        MoveClockTo(startAt - TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1));
        await DispatchAsync();
        Assert.Empty(Received("Reminder"));

        MoveClockTo(startAt - TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await DispatchAsync();
        await DispatchAsync();
        Assert.Single(Received("Reminder"));

        MoveClockTo(startAt - TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await DispatchAsync();
        await DispatchAsync();
        Assert.Equal(2, Received("Reminder").Count);

        MoveClockTo(startAt + TimeSpan.FromHours(1));
        await DispatchAsync();
        Assert.Equal(2, Received("Reminder").Count);
    }

    [Fact]
    public async Task After_a_reschedule_the_old_reminders_never_send_and_the_new_ones_do()
    {
        var pat = await PatAsync();
        var (id, oldStart) = await BookFollowUpAsync(pat, 5, "T10:00");
        var day = BookingKit.FutureWeekday(_app, 8);
        var newStart = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day)).First(s => s.Start.Contains("T15:00", StringComparison.Ordinal)).Start;
        var moved = await pat.SubmitFormAsync($"/appointments/{id}/reschedule?start={Uri.EscapeDataString(newStart)}",
            new Dictionary<string, string>(), $"form[action='/appointments/{id}/reschedule']");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        await SettleAsync();

        foreach (var moment in new[] { DateTimeOffset.Parse(oldStart) - TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1), DateTimeOffset.Parse(newStart) - TimeSpan.FromMinutes(30) })
        {
            MoveClockTo(moment);
            await DispatchAsync();
        }

        var reminders = Received("Reminder");
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r => Assert.Contains("3:00\u00A0PM", r.Subject));
        Assert.Single(Received("Your visit has moved"));
        Assert.All((await RowsAsync()).Where(r => r.AppointmentStartUtc == DateTimeOffset.Parse(oldStart).UtcDateTime && r.Kind == OutboxKind.Reminder),
            r => Assert.Equal(OutboxStatus.Skipped, r.Status));
    }

    [Fact]
    public async Task After_a_cancellation_nothing_more_is_sent()
    {
        var pat = await PatAsync();
        var (id, start) = await BookFollowUpAsync(pat);
        var cancel = await pat.SubmitFormAsync($"/appointments/{id}/cancel", new Dictionary<string, string>(), $"form[action='/appointments/{id}/cancel']");
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is cancelled", StringComparison.Ordinal));

        MoveClockTo(DateTimeOffset.Parse(start) - TimeSpan.FromMinutes(30));
        await DispatchAsync();

        Assert.Empty(Received("Reminder"));
        Assert.All((await RowsAsync()).Where(r => r.Kind == OutboxKind.Reminder), r => Assert.Equal(OutboxStatus.Skipped, r.Status));
    }

    [Fact]
    public async Task Two_dispatchers_at_the_same_time_send_each_email_once()
    {
        await _app.Smtp.PauseAsync();
        var patients = await _app.CreatePatientsAsync(6, "twin");
        foreach (var email in patients)
        {
            var client = _app.CreateBrowserlikeClient();
            await client.SignInAsync(email);
            var day = BookingKit.FutureWeekday(_app, 6);
            var start = (await client.FreeAsync(BookingKit.FollowUp, null, day))[0];
            await client.BookAsync(BookingKit.FollowUp, start.PractitionerId, start.Start);
        }

        await SettleAsync();
        await _app.Smtp.ResumeAsync();
        MoveClockTo(_app.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        await Task.WhenAll(DispatchAsync(), DispatchAsync(), DispatchAsync());
        await Task.Delay(1000);

        Assert.Equal(6, Received("Your visit is booked").Count);
        Assert.Equal(6, Received("Your visit is booked").Select(m => m.To.ToString()).Distinct().Count());
    }

    [Fact]
    public async Task A_reminder_due_while_the_app_was_stopped_is_sent_once_after_it_starts_again()
    {
        var data = Directory.CreateTempSubdirectory("clinicbooking-restart-").FullName;
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var smtp = new TestSmtpServer();
        string start;
        await using (var first = new ClinicAppFactory(data, clock, smtp))
        {
            var pat = first.CreateBrowserlikeClient();
            await pat.SignInAsync("pat@clinic.test");
            var day = BookingKit.FutureWeekday(first, 5);
            start = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0].Start;
            Assert.Equal(HttpStatusCode.Redirect, (await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start)).StatusCode);
            await smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal));
        }

        // The app is stopped before either reminder is due, and started again after both are.
        clock.Advance(DateTimeOffset.Parse(start) - TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5) - clock.GetUtcNow());
        await using (var second = new ClinicAppFactory(data, clock, smtp))
        {
            _ = second.Services;
            await DispatchAsync(second);
            await DispatchAsync(second);
            await Task.Delay(500);
        }

        Assert.Equal(2, smtp.Messages.Count(m => m.Subject!.StartsWith("Reminder", StringComparison.Ordinal)));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, true);
    }

    [Fact]
    public async Task A_temporary_failure_is_retried_and_delivered_once()
    {
        _app.Smtp.FailNext(2, (SmtpReplyCode)451); // 451: try again later
        var pat = await PatAsync();
        await BookFollowUpAsync(pat);
        await SettleAsync();
        var row = (await RowsAsync()).Single(r => r.Kind == OutboxKind.BookingConfirmation);
        Assert.Equal((OutboxStatus.Pending, 1), (row.Status, row.Attempts));
        Assert.Contains("451", row.LastError);

        MoveClockTo(_app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await DispatchAsync();
        MoveClockTo(_app.Clock.GetUtcNow() + TimeSpan.FromMinutes(2));
        await DispatchAsync();
        await DispatchAsync();

        row = (await RowsAsync()).Single(r => r.Kind == OutboxKind.BookingConfirmation);
        Assert.Equal((OutboxStatus.Sent, 3), (row.Status, row.Attempts));
        Assert.Single(Received("Your visit is booked"));
    }

    [Fact]
    public async Task A_permanent_failure_stops_as_failed_with_the_reason_and_is_not_retried()
    {
        _app.Smtp.FailNext(1, (SmtpReplyCode)550); // 550: no such mailbox
        var pat = await PatAsync();
        await BookFollowUpAsync(pat);
        await SettleAsync();

        MoveClockTo(_app.Clock.GetUtcNow() + TimeSpan.FromHours(5));
        await DispatchAsync();

        var row = (await RowsAsync()).Single(r => r.Kind == OutboxKind.BookingConfirmation);
        Assert.Equal((OutboxStatus.Failed, 1), (row.Status, row.Attempts));
        Assert.StartsWith("550", row.LastError);
        Assert.Empty(Received("Your visit is booked"));
        Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains("pat@clinic.test", StringComparison.Ordinal) && l.Contains("Outbox", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_the_server_is_down_mail_waits_and_is_delivered_when_it_is_back()
    {
        await _app.Smtp.PauseAsync();
        var pat = await PatAsync();
        await BookFollowUpAsync(pat);
        await SettleAsync();
        MoveClockTo(_app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await DispatchAsync();
        var row = (await RowsAsync()).Single(r => r.Kind == OutboxKind.BookingConfirmation);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.True(row.Attempts >= 2);

        await _app.Smtp.ResumeAsync();
        MoveClockTo(_app.Clock.GetUtcNow() + TimeSpan.FromMinutes(30));
        await DispatchAsync();

        Assert.Single(Received("Your visit is booked"));
        Assert.Equal(OutboxStatus.Sent, (await RowsAsync()).Single(r => r.Kind == OutboxKind.BookingConfirmation).Status);
    }

    [Fact]
    public async Task A_rejected_login_fails_the_rows_without_a_tight_loop()
    {
        var smtp = new TestSmtpServer(rejectAuthentication: true);
        await _app.DisposeAsync();
        _app = new ClinicAppFactory(null, null, smtp);
        _app.Settings["Email:Smtp:User"] = "clinic";
        _app.Settings["Email:Smtp:Password"] = "wrong";
        var pat = await PatAsync();
        await BookFollowUpAsync(pat);
        await SettleAsync();
        await DispatchAsync();
        await DispatchAsync();

        var row = (await RowsAsync()).Single(r => r.Kind == OutboxKind.BookingConfirmation);
        Assert.Equal((OutboxStatus.Failed, 1), (row.Status, row.Attempts));
        Assert.Contains("authentication", row.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(smtp.Messages);
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_practitioner_with_three_visits_tomorrow_gets_one_digest_listing_three()
    {
        var patients = await _app.CreatePatientsAsync(3, "digest");
        var day = BookingKit.FutureWeekday(_app, 3);
        var slots = (await _app.CreateBrowserlikeClient().FreeAsync(BookingKit.FollowUp, BookingKit.Ben, day))
            .Where(s => s.Start[14..16] == "00").Take(3).ToList();
        for (var i = 0; i < 3; i++)
        {
            var client = _app.CreateBrowserlikeClient();
            await client.SignInAsync(patients[i]);
            Assert.Equal(HttpStatusCode.Redirect, (await client.BookAsync(BookingKit.FollowUp, BookingKit.Ben, slots[i].Start)).StatusCode);
        }

        await SettleAsync();
        var zone = BookingKit.Zone;
        MoveClockTo(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.AddDays(-1).ToDateTime(new TimeOnly(17, 0)), zone)));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<DigestJob>();
            Assert.Equal(1, await job.QueueTomorrowAsync());
            Assert.Equal(0, await job.QueueTomorrowAsync());
        }

        await DispatchAsync();
        var digest = await _app.Smtp.WaitForMessageToAsync("ben@clinic.test");
        Assert.StartsWith("Tomorrow: 3 visits", digest.Subject);
        Assert.Equal(3, digest.HtmlBody!.Split("/practitioner/appointments/").Length - 1);
        Assert.Contains("no intake yet", digest.TextBody);
        Assert.DoesNotContain("digest0", digest.TextBody);
        Assert.Single(_app.Smtp.Messages, m => m.Subject!.StartsWith("Tomorrow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_intake_missing_reminder_is_queued_for_a_first_consultation_and_skipped_once_the_intake_is_in()
    {
        var pat = await PatAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(_app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));
        await pat.FillAllAsync(IntakeKit.CalmAnswers(today));
        await pat.SubmitIntakeAsync();
        var day = BookingKit.FutureWeekday(_app, 6);
        var start = (await pat.FreeAsync(BookingKit.Initial, BookingKit.Ana, day))[0].Start;
        Assert.Equal(HttpStatusCode.Redirect, (await pat.BookAsync(BookingKit.Initial, BookingKit.Ana, start)).StatusCode);
        await SettleAsync();
        var row = (await RowsAsync()).Single(r => r.Kind == OutboxKind.IntakeMissingReminder);
        Assert.Equal(DateTimeOffset.Parse(start).UtcDateTime - TimeSpan.FromDays(3), row.DueUtc);

        MoveClockTo(new DateTimeOffset(row.DueUtc) + TimeSpan.FromMinutes(1));
        await DispatchAsync();

        row = (await RowsAsync()).Single(r => r.Kind == OutboxKind.IntakeMissingReminder);
        Assert.Equal(OutboxStatus.Skipped, row.Status);
        Assert.Contains("intake has been submitted", row.LastError);
        Assert.Empty(Received("Please fill in your questionnaire"));
    }
}
