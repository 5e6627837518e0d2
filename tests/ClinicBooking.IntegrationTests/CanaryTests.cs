using System.Net;
using System.Text;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

/// <summary>Health data stays where it belongs: not in emails, .ics files, Hangfire's database or the logs.</summary>
public sealed class CanaryTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new() { Settings = { ["Clinic:AlertEmail"] = "alerts@clinic.test" } };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Canaries_in_the_name_and_every_intake_free_text_field_appear_in_no_email_ics_hangfire_file_or_log()
    {
        const string nameCanary = "Canaryqzx";
        string[] canaries = [nameCanary, "CANARY-PHONE-5501", "CANARY-CARE-5502", "CANARY-MEDS-5503", "CANARY-ACCESS-5504", "CANARY-NOTES-5505"];
        var client = _app.CreateBrowserlikeClient();
        var register = await client.PostRegisterAsync($"{nameCanary} Parent", "canary@example.com", "a long enough phrase");
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        var confirm = await _app.Smtp.WaitForMessageToAsync("canary@example.com");
        var link = System.Text.RegularExpressions.Regex.Match(confirm.TextBody!, @"http://localhost/Identity/Account/ConfirmEmail\?\S+").Value;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(link).PathAndQuery)).StatusCode);
        await client.SignInAsync("canary@example.com", "a long enough phrase");

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(_app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));
        await client.FillAllAsync(new Dictionary<string, string>(IntakeKit.CalmAnswers(today))
        {
            ["contact_phone"] = canaries[1], ["care_team"] = canaries[2], ["medications_text"] = canaries[3],
            ["accessibility_needs"] = canaries[4], ["dark_urine"] = "yes",
        });
        await client.SubmitIntakeAsync();
        await _app.Smtp.WaitForMessageToAsync("alerts@clinic.test");

        var day = BookingKit.FutureWeekday(_app, 5);
        var slots = await client.FreeAsync(BookingKit.Initial, BookingKit.Ana, day);
        var booked = await client.BookAsync(BookingKit.Initial, BookingKit.Ana, slots[0].Start);
        var id = int.Parse(booked.Headers.Location!.ToString().Split('/').Last());
        await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal));
        await client.SubmitFormAsync($"/appointments/{id}/reschedule?start={Uri.EscapeDataString(slots[^1].Start)}",
            new Dictionary<string, string>(), $"form[action='/appointments/{id}/reschedule']");
        await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit has moved", StringComparison.Ordinal));
        var ics = await client.GetStringAsync($"/appointments/{id}/calendar.ics");
        await client.SubmitFormAsync($"/appointments/{id}/cancel", new Dictionary<string, string>(), $"form[action='/appointments/{id}/cancel']");
        await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is cancelled", StringComparison.Ordinal));
        // The practitioner's side: the review (which shows the answers), a visit outcome with notes, and the digest of
        // tomorrow's visits, whose patient has a same-day flag.
        var patientId = await _app.QueryAsync(db => db.Users.Where(u => u.Email == "canary@example.com").Select(u => u.Id).SingleAsync());
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(_app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone)).AddDays(1);
        var visitTomorrow = await _app.VisitAtAsync(patientId, BookingKit.Ana,
            TimeZoneInfo.ConvertTimeToUtc(tomorrow.ToDateTime(new TimeOnly(10, 0)), BookingKit.Zone));
        var past = await _app.PastVisitAsync("canary@example.com", BookingKit.Ana, TimeSpan.FromHours(1));
        var ana = await _app.StaffAsync("ana@clinic.test");
        Assert.Contains(canaries[3], await ana.GetStringAsync($"/practitioner/appointments/{visitTomorrow}"));
        await ana.SubmitFormAsync($"/practitioner/appointments/{visitTomorrow}", new Dictionary<string, string>(),
            $"form[action='/practitioner/appointments/{visitTomorrow}/review']");
        var outcome = await ana.SubmitFormAsync($"/practitioner/appointments/{past}", new Dictionary<string, string>
        {
            ["Outcome.Attendance"] = "completed", ["Outcome.Notes"] = canaries[5],
        }, $"form[action='/practitioner/appointments/{past}/outcome']");
        Assert.Equal(HttpStatusCode.Redirect, outcome.StatusCode);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DigestJob>().QueueTomorrowAsync());
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
        }

        var digest = await _app.Smtp.WaitForMessageToAsync("ana@clinic.test");
        Assert.DoesNotContain("flag", digest.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SameDay", digest.TextBody, StringComparison.OrdinalIgnoreCase);

        // Error pages never echo what was sent: an unknown address, a refused booking, a bad API query.
        var errorPages = new List<string>
        {
            await (await client.GetAsync($"/appointments/{nameCanary}")).Content.ReadAsStringAsync(),
            await (await client.GetAsync($"/no-such-page/{canaries[3]}")).Content.ReadAsStringAsync(),
            await (await client.BookAsync(BookingKit.Initial, BookingKit.Ana, canaries[1])).Content.ReadAsStringAsync(),
            await (await client.GetAsync($"/api/availability?serviceId=1&from={canaries[2]}&to={canaries[2]}")).Content.ReadAsStringAsync(),
            await (await client.GetAsync($"/practitioner/appointments/{past}?note={canaries[4]}")).Content.ReadAsStringAsync(),
        };

        var emails = _app.Smtp.Messages.Select(m =>
        {
            using var stream = new MemoryStream();
            m.WriteTo(stream);
            return Encoding.UTF8.GetString(stream.ToArray());
        }).ToList();
        Assert.True(emails.Count >= 5, $"expected the account, alert, booking, move and cancel emails; got {emails.Count}");
        var hangfire = string.Concat(Directory.GetFiles(_app.DataDirectory, "hangfire.db*").Select(f =>
        {
            using var file = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(file, Encoding.Latin1);
            return reader.ReadToEnd();
        }));
        Assert.NotEmpty(hangfire);
        var logs = string.Join("\n", _app.Logs.Lines);
        Assert.NotEmpty(logs);

        foreach (var canary in canaries)
        {
            Assert.DoesNotContain(emails, e => e.Contains(canary, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(canary, ics, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(canary, hangfire, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(canary, logs, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(errorPages, page => page.Contains(canary, StringComparison.OrdinalIgnoreCase));
        }
    }
}
