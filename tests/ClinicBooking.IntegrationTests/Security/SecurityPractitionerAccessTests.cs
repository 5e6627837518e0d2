using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain.Booking;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>Issue 13.5: a practitioner reads a patient's intake only while they are booked together, or for a while after a visit.</summary>
public sealed class SecurityPractitionerAccessTests
{
    private const string Canary = "CANARY-ACCESS-4417";

    [Fact]
    public async Task After_the_only_visit_is_cancelled_the_practitioner_no_longer_reads_the_intake_even_a_later_version()
    {
        await using var app = new ClinicAppFactory();
        var answers = IntakeKit.CalmAnswers(app.Today());
        answers["medications_text"] = Canary;
        var (patient, _) = await app.PatientWithIntakeAsync("access", answers);
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ben, BookingKit.FutureWeekday(app));
        var ben = await app.StaffAsync("ben@clinic.test");
        Assert.Contains(Canary, await ben.GetStringAsync($"/practitioner/appointments/{visit}"));

        var cancelled = await patient.SubmitFormAsync($"/appointments/{visit}/cancel", new Dictionary<string, string>(), "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(AppointmentStatus.Cancelled, await app.QueryAsync(db => db.Appointments.Where(a => a.Id == visit).Select(a => a.Status).SingleAsync()));
        // A later version too.
        await patient.SaveStepAsync("health", new Dictionary<string, string>(answers) { ["medications_text"] = Canary + "-V2" });
        await patient.SubmitIntakeAsync();

        var page = await ben.GetDocumentAsync($"/practitioner/appointments/{visit}");
        Assert.DoesNotContain(Canary, page.DocumentElement.OuterHtml);
        Assert.NotNull(page.QuerySelector("#no-access"));
        var review = await ben.PostAsync($"/practitioner/appointments/{visit}/review", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Version"] = "2", ["__RequestVerificationToken"] = page.AntiforgeryToken(),
        }));
        Assert.Equal(HttpStatusCode.Conflict, review.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.IntakeReviews.CountAsync()));
    }

    [Fact]
    public async Task A_visit_that_took_place_opens_the_intake_for_the_access_window_and_no_longer()
    {
        await using var app = new ClinicAppFactory { Settings = { ["Clinic:PractitionerAccessDays"] = "30" } };
        var answers = IntakeKit.CalmAnswers(app.Today());
        answers["medications_text"] = Canary;
        var (_, email) = await app.PatientWithIntakeAsync("window", answers);
        var visit = await app.PastVisitAsync(email, BookingKit.Ana, TimeSpan.FromHours(2));
        var ana = await app.StaffAsync("ana@clinic.test");
        await ana.SubmitFormAsync($"/practitioner/appointments/{visit}", new Dictionary<string, string> { ["Outcome.Attendance"] = "completed" },
            $"form[action='/practitioner/appointments/{visit}/outcome']");
        Assert.Equal(AppointmentStatus.Completed, await app.QueryAsync(db => db.Appointments.Where(a => a.Id == visit).Select(a => a.Status).SingleAsync()));

        // Sessions last hours, not weeks: sign in afresh after each jump of the clock.
        app.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Contains(Canary, await (await app.StaffAsync("ana@clinic.test")).GetStringAsync($"/practitioner/appointments/{visit}"));
        app.Clock.Advance(TimeSpan.FromDays(2));
        var closed = await (await app.StaffAsync("ana@clinic.test")).GetStringAsync($"/practitioner/appointments/{visit}");
        Assert.DoesNotContain(Canary, closed);
        Assert.Contains("The intake is not available", closed);
    }

    [Fact]
    public async Task A_visit_left_booked_after_its_time_opens_the_intake_for_the_access_window_only()
    {
        await using var app = new ClinicAppFactory { Settings = { ["Clinic:PractitionerAccessDays"] = "30" } };
        var answers = IntakeKit.CalmAnswers(app.Today());
        answers["medications_text"] = Canary;
        var (_, email) = await app.PatientWithIntakeAsync("unrecorded", answers);
        // Nobody records the outcome: the visit stays Booked after its time.
        var visit = await app.PastVisitAsync(email, BookingKit.Ana, TimeSpan.FromHours(2));

        app.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Contains(Canary, await (await app.StaffAsync("ana@clinic.test")).GetStringAsync($"/practitioner/appointments/{visit}"));
        app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(AppointmentStatus.Booked, await app.QueryAsync(db => db.Appointments.Where(a => a.Id == visit).Select(a => a.Status).SingleAsync()));
        var closed = await (await app.StaffAsync("ana@clinic.test")).GetDocumentAsync($"/practitioner/appointments/{visit}");
        Assert.DoesNotContain(Canary, closed.DocumentElement.OuterHtml);
        Assert.NotNull(closed.QuerySelector("#no-access"));
    }

    [Fact]
    public async Task The_schedule_shows_no_red_flag_hold_or_intake_state_for_a_patient_whose_intake_the_practitioner_may_not_read()
    {
        await using var app = new ClinicAppFactory();
        var answers = IntakeKit.CalmAnswers(app.Today());
        answers["baby_sleepy_feeds"] = "yes"; // a Same-day flag: a red-flag tier and an open urgent case (held)
        await app.SeedPatientWithIntakeAsync("flagged@example.com", "Flagged Parent", answers);
        var visit = await app.PastVisitAsync("flagged@example.com", BookingKit.Ana, TimeSpan.FromHours(1));
        var ana = await app.StaffAsync("ana@clinic.test");
        var dayUrl = $"/practitioner?view=day&date={app.Today():yyyy-MM-dd}";
        async Task<string> RowAsync() =>
            (await ana.GetDocumentAsync(dayUrl)).QuerySelectorAll("tr").Single(r => r.QuerySelector($"a[href='/practitioner/appointments/{visit}']") is not null).TextContent;

        // While the visit opens the intake, the schedule shows what the practitioner needs.
        var open = await RowAsync();
        Assert.Contains("Red flag: Same day", open);
        Assert.Contains("Held", open);

        // A no-show gives no access (PRODUCT.md §8): the diary entry stays, its health detail goes.
        var saved = await ana.SubmitFormAsync($"/practitioner/appointments/{visit}", new Dictionary<string, string> { ["Outcome.Attendance"] = "noshow" },
            $"form[action='/practitioner/appointments/{visit}/outcome']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(AppointmentStatus.NoShow, await app.QueryAsync(db => db.Appointments.Where(a => a.Id == visit).Select(a => a.Status).SingleAsync()));
        var closed = await RowAsync();
        Assert.Contains("Flagged Parent", closed);
        Assert.DoesNotContain("Red flag", closed);
        Assert.DoesNotContain("Held", closed);
        Assert.DoesNotContain("Intake to review", closed);
        Assert.Contains("Intake not available", closed);
    }
}
