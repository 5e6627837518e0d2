using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.IntegrationTests;

public sealed class PractitionerTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Dictionary<string, string> Calm() => IntakeKit.CalmAnswers(_app.Today());

    private Dictionary<string, string> SameDay()
    {
        var answers = Calm();
        answers["baby_sleepy_feeds"] = "yes";
        return answers;
    }

    private static string Body(HttpResponseMessage response) => response.Content.ReadAsStringAsync().GetAwaiter().GetResult();

    [Fact]
    public async Task Every_practitioner_route_refuses_patients_anonymous_users_and_other_practitioners()
    {
        var (patient, _) = await _app.PatientWithIntakeAsync("matrix", Calm());
        var day = BookingKit.FutureWeekday(_app);
        var bensVisit = await patient.BookFirstFreeAsync(BookingKit.Ben, day);
        var ben = await _app.StaffAsync("ben@clinic.test");
        var added = await ben.SubmitFormAsync("/practitioner/availability", new Dictionary<string, string>
        {
            ["NewTimeOff.StartDate"] = day.AddDays(20).ToString("yyyy-MM-dd"), ["NewTimeOff.StartTime"] = "09:00",
            ["NewTimeOff.EndDate"] = day.AddDays(20).ToString("yyyy-MM-dd"), ["NewTimeOff.EndTime"] = "12:00",
        }, "form[action='/practitioner/availability/time-off']");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var bensTimeOff = await _app.QueryAsync(db => db.TimeOff.Select(t => t.Id).SingleAsync());

        string[] gets = ["/practitioner", "/practitioner?view=week", "/practitioner/availability", $"/practitioner/appointments/{bensVisit}"];
        string[] posts =
        [
            $"/practitioner/appointments/{bensVisit}/review", $"/practitioner/appointments/{bensVisit}/outcome",
            "/practitioner/availability", "/practitioner/availability/time-off", $"/practitioner/availability/time-off/{bensTimeOff}/delete",
        ];
        var anonymous = _app.CreateBrowserlikeClient();
        var admin = await _app.StaffAsync("admin@clinic.test");
        foreach (var (who, client) in new[] { ("anonymous", anonymous), ("patient", patient), ("admin", admin) })
        {
            var token = who == "anonymous"
                ? (await client.GetDocumentAsync("/Identity/Account/Login")).AntiforgeryToken()
                : (await client.GetDocumentAsync("/Identity/Account/Manage")).AntiforgeryToken();
            foreach (var url in gets)
            {
                AssertRefused(who, "GET " + url, await client.GetAsync(url));
            }

            foreach (var url in posts)
            {
                AssertRefused(who, "POST " + url, await client.PostAsync(url, Form(token, ("Version", "1"), ("Outcome.Attendance", "completed"))));
            }
        }

        // Ana is a practitioner, but neither the visit nor the time off is hers.
        var ana = await _app.StaffAsync("ana@clinic.test");
        var anaToken = (await ana.GetDocumentAsync("/practitioner")).AntiforgeryToken();
        Assert.Equal(HttpStatusCode.NotFound, (await ana.GetAsync($"/practitioner/appointments/{bensVisit}")).StatusCode);
        foreach (var url in posts.Where(p => p.Contains(bensVisit.ToString(), StringComparison.Ordinal) || p.Contains("/delete", StringComparison.Ordinal)))
        {
            var response = await ana.PostAsync(url, Form(anaToken, ("Version", "1"), ("Outcome.Attendance", "completed")));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"ana POST {url} answered {(int)response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await ana.GetAsync("/practitioner/appointments/999999")).StatusCode);
        Assert.DoesNotContain("Patient 0", Body(await ana.GetAsync($"/practitioner?view=week&date={day:yyyy-MM-dd}")));
        Assert.Contains("Patient 0", Body(await ben.GetAsync($"/practitioner?view=week&date={day:yyyy-MM-dd}")));
        Assert.Equal(1, await _app.QueryAsync(db => db.TimeOff.CountAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.IntakeReviews.CountAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.VisitOutcomes.CountAsync()));
    }

    private static void AssertRefused(string who, string what, HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        // Anonymous: to sign-in. Signed in without the role: the same 404 as an unknown address.
        var refused = who == "anonymous"
            ? response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Identity/Account/Login", StringComparison.Ordinal)
            : response.StatusCode == HttpStatusCode.NotFound;
        Assert.True(refused, $"{who} {what} answered {(int)response.StatusCode} {location}");
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Append(new("__RequestVerificationToken", token)));

    [Fact]
    public async Task Each_view_of_an_intake_writes_one_audit_row()
    {
        var (patient, email) = await _app.PatientWithIntakeAsync("audited", Calm());
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        var ana = await _app.StaffAsync("ana@clinic.test");
        var patientId = await _app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        Task<int> Views() => _app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.IntakeView && e.SubjectId == patientId));
        var before = await Views();
        await ana.GetDocumentAsync($"/practitioner/appointments/{visit}");
        Assert.Equal(before + 1, await Views());
        await ana.GetDocumentAsync($"/practitioner/appointments/{visit}");
        Assert.Equal(before + 2, await Views());
        var row = await _app.QueryAsync(db => db.AuditEntries.OrderBy(e => e.Id).LastAsync(e => e.Action == AuditActions.IntakeView));
        var anaId = await _app.QueryAsync(db => db.Users.Where(u => u.Email == "ana@clinic.test").Select(u => u.Id).SingleAsync());
        Assert.Equal(anaId, row.ActorId);
        Assert.Equal("IntakeVersion", row.RecordType);
    }

    [Fact]
    public async Task Mark_reviewed_changes_the_badge_and_a_new_version_turns_it_back_with_the_changes_listed()
    {
        var (patient, _) = await _app.PatientWithIntakeAsync("reviewed", SameDay());
        var day = BookingKit.FutureWeekday(_app);
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, day);
        var ana = await _app.StaffAsync("ana@clinic.test");
        var schedule = $"/practitioner?view=day&date={day:yyyy-MM-dd}";

        var badge = (await ana.GetDocumentAsync(schedule)).QuerySelector(".intake-badge")!.TextContent;
        Assert.Contains("Red flag: Same day", badge);
        Assert.Contains("Intake to review", badge);

        // The hold (urgent guidance the patient was shown) comes first, then the flags, before anything else.
        var page = await ana.GetDocumentAsync($"/practitioner/appointments/{visit}");
        var headings = page.QuerySelectorAll("main h2").Select(h => h.TextContent).ToList();
        Assert.StartsWith("Held: call", headings[0]);
        Assert.Equal("Red flags", headings[1]);
        Assert.Contains("too sleepy to feed", page.QuerySelector(".flag-list")!.TextContent);

        var marked = await ana.SubmitFormAsync($"/practitioner/appointments/{visit}", new Dictionary<string, string>(),
            $"form[action='/practitioner/appointments/{visit}/review']");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Contains("Intake reviewed", (await ana.GetDocumentAsync(schedule)).QuerySelector(".intake-badge")!.TextContent);
        var stamp = (await ana.GetDocumentAsync($"/practitioner/appointments/{visit}")).QuerySelector(".review-stamp")!.TextContent;
        Assert.Contains("reviewed by Ana", stamp);

        // A repeated click of the same form stamps nothing new.
        var again = await ana.PostAsync($"/practitioner/appointments/{visit}/review",
            Form((await ana.GetDocumentAsync("/practitioner")).AntiforgeryToken(), ("Version", "1")));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await _app.QueryAsync(db => db.IntakeReviews.CountAsync()));

        // The patient updates their answers: the badge is "to review" again and the page lists what changed.
        var update = SameDay();
        update["feeds_24h"] = "11";
        update["baby_sleepy_feeds"] = "no";
        await patient.FillAllAsync(update);
        Assert.Equal(HttpStatusCode.Redirect, (await patient.SubmitIntakeAsync()).StatusCode);

        Assert.Contains("Intake to review", (await ana.GetDocumentAsync(schedule)).QuerySelector(".intake-badge")!.TextContent);
        page = await ana.GetDocumentAsync($"/practitioner/appointments/{visit}");
        var changes = page.QuerySelector(".changes-box")!.TextContent;
        Assert.Contains("Changed since version 1 was reviewed", changes);
        Assert.Contains("How many times did baby feed in the last 24 hours?", changes);
        Assert.Contains("11", changes);
        Assert.Contains("Is baby often too sleepy to feed, or refusing feeds?", changes);
        Assert.Equal(2, page.QuerySelectorAll(".changed-mark").Length);

        // A stale form (still saying version 1) does not stamp version 2 unread.
        var stale = await ana.PostAsync($"/practitioner/appointments/{visit}/review", Form(page.AntiforgeryToken(), ("Version", "1")));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(1, await _app.QueryAsync(db => db.IntakeReviews.CountAsync()));
    }

    [Fact]
    public async Task A_visit_without_an_intake_shows_missing_and_still_audits_the_view()
    {
        var (patient, email) = await _app.PatientWithIntakeAsync("nointake");
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        var ana = await _app.StaffAsync("ana@clinic.test");
        var page = await ana.GetDocumentAsync($"/practitioner/appointments/{visit}");
        Assert.Contains("No intake yet", page.QuerySelector(".intake-badge")!.TextContent);
        Assert.Null(page.QuerySelector($"form[action='/practitioner/appointments/{visit}/review']"));
        Assert.Equal(1, await _app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.AppointmentView)));
        Assert.Contains(email, page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Outcome_figures_round_trip_and_chart_across_visits()
    {
        var (_, email) = await _app.PatientWithIntakeAsync("outcome", Calm());
        var first = await _app.PastVisitAsync(email, BookingKit.Ana, TimeSpan.FromDays(7));
        var second = await _app.PastVisitAsync(email, BookingKit.Ana, TimeSpan.FromHours(1));
        var ana = await _app.StaffAsync("ana@clinic.test");
        var today = _app.Today();

        async Task Record(int visit, string supplement, string weight, string confidence, string notes)
        {
            var response = await ana.SubmitFormAsync($"/practitioner/appointments/{visit}", new Dictionary<string, string>
            {
                ["Outcome.Attendance"] = "completed", ["Outcome.SupplementMl24h"] = supplement, ["Outcome.ExpressedMl24h"] = "90",
                ["Outcome.Feeds24h"] = "10", ["Outcome.WetDiapers24h"] = "6", ["Outcome.BabyWeightGrams"] = weight,
                ["Outcome.BabyWeightDate"] = today.ToString("yyyy-MM-dd"), ["Outcome.Confidence"] = confidence, ["Outcome.Notes"] = notes,
            }, $"form[action='/practitioner/appointments/{visit}/outcome']");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, Body(response));
        }

        await Record(first, "240", "3900", "3", "Latch shallow; showed laid-back position.");
        await Record(second, "120", "4150", "7", "Feeds longer, fewer top-ups.");

        var page = await ana.GetDocumentAsync($"/practitioner/appointments/{second}");
        Assert.Equal("120", page.QuerySelector("#Outcome_SupplementMl24h")!.GetAttribute("value"));
        Assert.Equal("4150", page.QuerySelector("#Outcome_BabyWeightGrams")!.GetAttribute("value"));
        Assert.Equal(today.ToString("yyyy-MM-dd"), page.QuerySelector("#Outcome_BabyWeightDate")!.GetAttribute("value"));
        Assert.Equal("Feeds longer, fewer top-ups.", page.QuerySelector("#Outcome_Notes")!.TextContent.Trim());
        Assert.Equal("checked", page.QuerySelector("#att_done")!.GetAttribute("checked"));
        Assert.Equal(AppointmentStatus.Completed, await _app.QueryAsync(db => db.Appointments.Where(a => a.Id == second).Select(a => a.Status).SingleAsync()));

        var supplement = page.QuerySelectorAll("figure.chart").Single(f => f.TextContent.Contains("Supplement", StringComparison.Ordinal));
        Assert.Equal(2, supplement.QuerySelectorAll("circle").Length);
        Assert.Contains("latest 120, -120 since the first visit", supplement.TextContent);
        Assert.Equal(2, page.QuerySelectorAll(".outcome-table tbody tr").Length);

        // Correcting it later: a no-show, recorded again, replaces rather than adds.
        var noShow = await ana.SubmitFormAsync($"/practitioner/appointments/{second}", new Dictionary<string, string> { ["Outcome.Attendance"] = "noshow" },
            $"form[action='/practitioner/appointments/{second}/outcome']");
        Assert.Equal(HttpStatusCode.Redirect, noShow.StatusCode);
        Assert.Equal(2, await _app.QueryAsync(db => db.VisitOutcomes.CountAsync()));
        Assert.Equal(AppointmentStatus.NoShow, await _app.QueryAsync(db => db.Appointments.Where(a => a.Id == second).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task Bad_outcomes_get_field_messages_and_change_nothing()
    {
        var (patient, email) = await _app.PatientWithIntakeAsync("badoutcome", Calm());
        var past = await _app.PastVisitAsync(email, BookingKit.Ana, TimeSpan.FromHours(2));
        var future = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        var ana = await _app.StaffAsync("ana@clinic.test");
        var token = (await ana.GetDocumentAsync("/practitioner")).AntiforgeryToken();

        var bad = await ana.PostAsync($"/practitioner/appointments/{past}/outcome", Form(token,
            ("Outcome.Attendance", "maybe"), ("Outcome.Confidence", "11"), ("Outcome.BabyWeightGrams", "4000"),
            ("Outcome.Feeds24h", "lots"), ("Outcome.Notes", new string('x', 1001))));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = Body(bad);
        Assert.Contains("Choose Completed or No-show.", body);
        Assert.Contains("Confidence: a number from 0 to 10.", body);
        Assert.Contains("Enter the date baby was weighed", body);
        Assert.Contains("Keep notes to 1,000 characters.", body);

        var early = await ana.PostAsync($"/practitioner/appointments/{future}/outcome", Form(token, ("Outcome.Attendance", "noshow")));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("once it has started", Body(early));

        Assert.Equal(0, await _app.QueryAsync(db => db.VisitOutcomes.CountAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.Appointments.CountAsync(a => a.Status != AppointmentStatus.Booked)));
    }

    [Fact]
    public async Task An_availability_change_that_would_strand_a_booking_is_refused_with_the_list()
    {
        var (patient, _) = await _app.PatientWithIntakeAsync("strand", Calm());
        var day = BookingKit.FutureWeekday(_app);
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, day);
        var ana = await _app.StaffAsync("ana@clinic.test");
        var weekday = day.DayOfWeek.ToString();

        var page = await ana.GetDocumentAsync("/practitioner/availability");
        Assert.Equal("09:00-17:00", page.QuerySelector($"#{weekday}")!.GetAttribute("value"));

        var refused = await ana.SubmitFormAsync("/practitioner/availability", new Dictionary<string, string> { [weekday] = "" },
            "form[action='/practitioner/availability']");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var body = Forms.Parse(Body(refused));
        Assert.Contains("would fall outside them", body.QuerySelector("[role=alert]")!.TextContent);
        Assert.NotNull(body.QuerySelector($"a[href='/practitioner/appointments/{visit}']"));
        Assert.Equal(5, await _app.QueryAsync(db => db.WorkingIntervals.CountAsync(w => w.PractitionerId == BookingKit.Ana)));

        var timeOff = await ana.SubmitFormAsync("/practitioner/availability", new Dictionary<string, string>
        {
            ["NewTimeOff.StartDate"] = day.ToString("yyyy-MM-dd"), ["NewTimeOff.StartTime"] = "00:00",
            ["NewTimeOff.EndDate"] = day.ToString("yyyy-MM-dd"), ["NewTimeOff.EndTime"] = "23:59",
        }, "form[action='/practitioner/availability/time-off']");
        Assert.Equal(HttpStatusCode.Conflict, timeOff.StatusCode);
        Assert.NotNull(Forms.Parse(Body(timeOff)).QuerySelector($"a[href='/practitioner/appointments/{visit}']"));
        Assert.Equal(0, await _app.QueryAsync(db => db.TimeOff.CountAsync()));

        var malformed = await ana.SubmitFormAsync("/practitioner/availability", new Dictionary<string, string> { ["Saturday"] = "9am till late" },
            "form[action='/practitioner/availability']");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("is not a time range", Body(malformed));

        // Hours that still cover the visit, plus a Saturday morning, are saved and offered at once.
        var saved = await ana.SubmitFormAsync("/practitioner/availability", new Dictionary<string, string>
        {
            [weekday] = "08:00-12:30, 13:00-17:00", ["Saturday"] = "09:00-12:00",
        }, "form[action='/practitioner/availability']");
        var visitStart = await _app.QueryAsync(db => db.Appointments.Where(a => a.Id == visit).Select(a => a.StartUtc).SingleAsync());
        var local = TimeZoneInfo.ConvertTimeFromUtc(visitStart, BookingKit.Zone);
        Assert.True(local.TimeOfDay < TimeSpan.FromHours(12.5), "The first free slot is in the morning");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await ana.GetDocumentAsync("/practitioner/availability");
        Assert.Equal("08:00-12:30, 13:00-17:00", page.QuerySelector($"#{weekday}")!.GetAttribute("value"));
        var saturday = day.AddDays(((int)DayOfWeek.Saturday - (int)day.DayOfWeek + 7) % 7);
        Assert.NotEmpty(await patient.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, saturday));
    }

    [Fact]
    public async Task Time_off_can_be_added_and_removed_and_blocks_booking()
    {
        var ana = await _app.StaffAsync("ana@clinic.test");
        var patient = _app.CreateBrowserlikeClient();
        var day = BookingKit.FutureWeekday(_app, 10);
        Assert.NotEmpty(await patient.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day));

        var added = await ana.SubmitFormAsync("/practitioner/availability", new Dictionary<string, string>
        {
            ["NewTimeOff.StartDate"] = day.ToString("yyyy-MM-dd"), ["NewTimeOff.StartTime"] = "00:00",
            ["NewTimeOff.EndDate"] = day.AddDays(1).ToString("yyyy-MM-dd"), ["NewTimeOff.EndTime"] = "00:00",
        }, "form[action='/practitioner/availability/time-off']");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Empty(await patient.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day));

        var past = await ana.SubmitFormAsync("/practitioner/availability", new Dictionary<string, string>
        {
            ["NewTimeOff.StartDate"] = "2020-01-01", ["NewTimeOff.StartTime"] = "09:00",
            ["NewTimeOff.EndDate"] = "2020-01-01", ["NewTimeOff.EndTime"] = "10:00",
        }, "form[action='/practitioner/availability/time-off']");
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("must end in the future", Body(past));

        var remove = await ana.SubmitFormAsync("/practitioner/availability", new Dictionary<string, string>(),
            "form[action$='/delete']");
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.NotEmpty(await patient.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day));
    }

    [Fact]
    public async Task The_schedule_has_day_and_week_views_and_refuses_a_nonsense_date()
    {
        var (patient, _) = await _app.PatientWithIntakeAsync("week", Calm());
        var day = BookingKit.FutureWeekday(_app);
        await patient.BookFirstFreeAsync(BookingKit.Ana, day);
        var ana = await _app.StaffAsync("ana@clinic.test");

        var week = await ana.GetDocumentAsync($"/practitioner?view=week&date={day:yyyy-MM-dd}");
        Assert.Equal(7, week.QuerySelectorAll("section.schedule-day").Length);
        Assert.Single(week.QuerySelectorAll(".schedule-table tbody tr"));
        var dayView = await ana.GetDocumentAsync($"/practitioner?date={day:yyyy-MM-dd}");
        Assert.Single(dayView.QuerySelectorAll("section.schedule-day"));
        Assert.Contains("Follow-up treatment", dayView.QuerySelector(".schedule-table")!.TextContent);

        Assert.Equal(HttpStatusCode.BadRequest, (await ana.GetAsync("/practitioner?date=31-31-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ana.GetAsync("/practitioner?date=9999-01-01")).StatusCode);
        var noStore = await ana.GetAsync("/practitioner");
        Assert.Contains("no-store", noStore.Headers.CacheControl!.ToString());
    }

    private static DateTime ClinicTimeUtc(DateOnly day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), BookingKit.Zone);

    [Fact]
    public async Task The_day_view_opens_on_the_next_day_with_visits_within_a_week_or_on_today()
    {
        var today = _app.Today();
        var patientId = await _app.SeedPatientWithIntakeAsync("dayview@example.com", "Dee Dayview", Calm());
        var ahead = today.AddDays(3);
        await _app.VisitAtAsync(patientId, BookingKit.Ben, ClinicTimeUtc(ahead, 10));
        // Ana's only visit is more than a week away: her day view stays on today.
        await _app.VisitAtAsync(patientId, BookingKit.Ana, ClinicTimeUtc(today.AddDays(9), 11));

        var ben = await _app.StaffAsync("ben@clinic.test");
        foreach (var url in new[] { "/practitioner", "/practitioner?view=day" })
        {
            var page = await ben.GetDocumentAsync(url);
            var section = Assert.Single(page.QuerySelectorAll("section.schedule-day"));
            Assert.Equal($"d_{ahead:yyyyMMdd}", section.QuerySelector("h2")!.Id);
            Assert.Single(page.QuerySelectorAll(".schedule-table tbody tr"));
            Assert.Contains("No visits today", page.QuerySelector("#schedule-ahead")!.TextContent);
        }

        // An explicit date is kept, even an empty today.
        var asked = await ben.GetDocumentAsync($"/practitioner?view=day&date={today:yyyy-MM-dd}");
        Assert.Equal($"d_{today:yyyyMMdd}", asked.QuerySelector("section.schedule-day h2")!.Id);
        Assert.Null(asked.QuerySelector("#schedule-ahead"));

        var ana = await _app.StaffAsync("ana@clinic.test");
        var anaDay = await ana.GetDocumentAsync("/practitioner?view=day");
        Assert.Equal($"d_{today:yyyyMMdd}", anaDay.QuerySelector("section.schedule-day h2")!.Id);
        Assert.Null(anaDay.QuerySelector("#schedule-ahead"));

        // A visit today (even one already over) keeps the day view on today.
        await _app.VisitAtAsync(patientId, BookingKit.Ben, ClinicTimeUtc(today, 0, 15));
        var benToday = await ben.GetDocumentAsync("/practitioner?view=day");
        Assert.Equal($"d_{today:yyyyMMdd}", benToday.QuerySelector("section.schedule-day h2")!.Id);
        Assert.Null(benToday.QuerySelector("#schedule-ahead"));
    }
}
