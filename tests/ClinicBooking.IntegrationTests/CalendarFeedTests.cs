using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 16, calendar feeds: a practitioner's private subscription address (made, replaced, turned off on their
/// page; only its hash stored) serves their visits without health data; patients get Google and Outlook links.
/// </summary>
public sealed class CalendarFeedTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<string> MakeAddressAsync(HttpClient practitioner)
    {
        var made = await practitioner.SubmitFormAsync("/practitioner/calendar-feed", new Dictionary<string, string>(), "form[action='/practitioner/calendar-feed']");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var page = await practitioner.GetDocumentAsync("/practitioner/calendar-feed");
        var address = page.QuerySelector("#feed-address")!.GetAttribute("value")!;
        Assert.Matches(@"^http://localhost(:\d+)?/calendar/[A-Za-z0-9_-]{43}\.ics$", address);
        // Shown once: the next view of the page no longer holds it.
        Assert.Null((await practitioner.GetDocumentAsync("/practitioner/calendar-feed")).QuerySelector("#feed-address"));
        return new Uri(address).PathAndQuery;
    }

    [Fact]
    public async Task A_practitioners_feed_lists_their_visits_in_range_with_first_name_and_initial_and_no_health_data()
    {
        var answers = IntakeKit.CalmAnswers(_app.Today());
        answers["medications_text"] = "CANARY-MEDS";
        var patientId = await _app.SeedPatientWithIntakeAsync("robin@example.com", "Robin Quincy Rivers", answers);
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var ahead = await _app.VisitAtAsync(patientId, BookingKit.Ana, now.AddDays(5));
        var past = await _app.VisitAtAsync(patientId, BookingKit.Ana, now.AddDays(-10));
        var tooFar = await _app.VisitAtAsync(patientId, BookingKit.Ana, now.AddDays(100));
        var tooOld = await _app.VisitAtAsync(patientId, BookingKit.Ana, now.AddDays(-40));
        var bens = await _app.VisitAtAsync(patientId, BookingKit.Ben, now.AddDays(6));
        var cancelled = await _app.VisitAtAsync(patientId, BookingKit.Ana, now.AddDays(7));
        await _app.QueryAsync(async db =>
        {
            var visit = await db.Appointments.SingleAsync(a => a.Id == cancelled);
            visit.Cancel(now);
            return await db.SaveChangesAsync();
        });

        var ana = await _app.StaffAsync("ana@clinic.test");
        var path = await MakeAddressAsync(ana);
        var feed = await _app.CreateBrowserlikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var ics = await feed.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", ics);
        Assert.Contains("X-WR-CALNAME:", ics);
        Assert.Contains($"UID:appointment-{ahead}@clinicbooking", ics);
        Assert.Contains($"UID:appointment-{past}@clinicbooking", ics);
        foreach (var absent in new[] { tooFar, tooOld, bens, cancelled })
        {
            Assert.DoesNotContain($"UID:appointment-{absent}@clinicbooking", ics);
        }

        Assert.Contains("SUMMARY:Robin R.: Follow-up treatment", ics);
        Assert.Contains($"/practitioner/appointments/{ahead}", ics);
        Assert.DoesNotContain("CANARY", ics);
        Assert.DoesNotContain("Quincy", ics);
        Assert.DoesNotContain("robin@example.com", ics);

        // Only the secret's hash is stored.
        var secret = path["/calendar/".Length..^".ics".Length];
        var stored = await _app.QueryAsync(db => db.Practitioners.SingleAsync(p => p.Id == BookingKit.Ana));
        Assert.NotEqual(secret, stored.CalendarFeedHash);
        Assert.Equal(Practitioner.HashFeedSecret(secret), stored.CalendarFeedHash);
    }

    [Fact]
    public async Task A_new_address_retires_the_old_one_turning_it_off_ends_it_and_unknown_addresses_are_404()
    {
        var ana = await _app.StaffAsync("ana@clinic.test");
        var anonymous = _app.CreateBrowserlikeClient();
        var first = await MakeAddressAsync(ana);
        var second = await MakeAddressAsync(ana);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);

        var off = await ana.SubmitFormAsync("/practitioner/calendar-feed", new Dictionary<string, string>(), "form[action='/practitioner/calendar-feed/revoke']");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second)).StatusCode);
        Assert.Null(await _app.QueryAsync(db => db.Practitioners.Where(p => p.Id == BookingKit.Ana).Select(p => p.CalendarFeedHash).SingleAsync()));

        foreach (var bad in new[] { "/calendar/short.ics", $"/calendar/{new string('A', 43)}.ics", $"/calendar/{new string('x', 300)}.ics" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(bad)).StatusCode);
        }

        var actions = await _app.QueryAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("practitioner.calendar-feed")).Select(a => a.Action).ToListAsync());
        Assert.Equal(3, actions.Count);
    }

    [Fact]
    public async Task Only_practitioners_have_a_feed_page()
    {
        foreach (var email in new[] { "pat@clinic.test", "desk@clinic.test" })
        {
            var response = await (await _app.StaffAsync(email)).GetAsync("/practitioner/calendar-feed");
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                        || response.Headers.Location?.OriginalString.Contains("AccessDenied") == true, $"{email}: {response.StatusCode}");
        }

        Assert.Contains("Login", (await _app.CreateBrowserlikeClient().GetAsync("/practitioner/calendar-feed")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_patients_visit_page_and_confirmation_email_offer_Google_Calendar_and_Outlook_beside_the_ics()
    {
        var (patient, email) = await _app.PatientWithIntakeAsync("gcal", IntakeKit.CalmAnswers(_app.Today()));
        var id = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        var visit = await _app.QueryAsync(db => db.Appointments.SingleAsync(a => a.Id == id));
        var dates = $"{visit.StartUtc:yyyyMMdd'T'HHmmss'Z'}/{visit.EndUtc:yyyyMMdd'T'HHmmss'Z'}";

        var page = await patient.GetDocumentAsync($"/appointments/{id}");
        var google = page.QuerySelector(".calendar-links a[href^='https://calendar.google.com/']")!.GetAttribute("href")!;
        Assert.Contains("action=TEMPLATE", google);
        Assert.Contains($"dates={dates}", google);
        Assert.Contains(Uri.EscapeDataString($"/appointments/{id}"), google);
        var outlook = page.QuerySelector(".calendar-links a[href^='https://outlook.live.com/']")!.GetAttribute("href")!;
        Assert.Contains($"startdt={Uri.EscapeDataString($"{visit.StartUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}")}", outlook);
        Assert.NotNull(page.QuerySelector($".calendar-links a[href='/appointments/{id}/calendar.ics']"));

        var message = await _app.Smtp.WaitForMessageAsync(m => m.To.ToString().Contains(email) && (m.Subject ?? "").Contains("booked", StringComparison.OrdinalIgnoreCase));
        Assert.Contains($"dates={dates}", message.HtmlBody);
        Assert.Contains("https://outlook.live.com/calendar/", message.HtmlBody);
    }
}
