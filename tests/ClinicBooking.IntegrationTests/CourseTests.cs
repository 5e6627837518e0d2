using System.Net;
using AngleSharp.Html.Dom;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Features.Desk;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 16, item 3: treatment courses. After the first visit of a course service (the demo Follow-up treatment:
/// 5 sessions, 4 days apart) the patient or the desk books the rest in one step: proposed at the spacing with the
/// same practitioner, each changeable, booked all or none, confirmed in one email with one .ics.
/// </summary>
public sealed class CourseTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpClient Client, string Email, string Id)> PatientAsync(string prefix, string language = "en")
    {
        var email = (await _app.CreatePatientsAsync(1, prefix)).Single();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync(email);
            user!.PreferredLanguage = language;
            await users.UpdateAsync(user);
        }

        var client = language == "es" ? _app.Client() : _app.CreateBrowserlikeClient();
        await client.SignInAsync(email);
        var id = await _app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (client, email, id);
    }

    private static List<IHtmlSelectElement> Sessions(IHtmlDocument page) =>
        page.QuerySelectorAll("form.course-form select[name=Starts]").OfType<IHtmlSelectElement>().ToList();

    private static List<string> Chosen(IHtmlDocument page) => Sessions(page).Select(s => s.SelectedOptions.FirstOrDefault()?.Value ?? "").ToList();

    private static async Task<HttpResponseMessage> PostStartsAsync(HttpClient client, string url, string token, IEnumerable<string> starts) =>
        await client.PostAsync(url, new FormUrlEncodedContent(
            starts.Select(s => new KeyValuePair<string, string>("Starts", s)).Append(new("__RequestVerificationToken", token))));

    private static DateTime Utc(string iso) => TimeFormat.TryParseIso(iso, out var utc) ? utc : throw new FormatException(iso);

    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, BookingKit.Zone);

    private Task<int> CoursesAsync() => _app.QueryAsync(db => db.TreatmentCourses.CountAsync());

    [Fact]
    public async Task The_rest_is_proposed_at_the_spacing_with_the_same_practitioner_one_session_can_be_changed_and_a_double_submit_books_once()
    {
        var (patient, email, patientId) = await PatientAsync("course");
        var first = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        var firstStart = await _app.QueryAsync(db => db.Appointments.Where(a => a.Id == first).Select(a => a.StartUtc).SingleAsync());
        var firstLocal = Local(firstStart);

        var show = await patient.GetDocumentAsync($"/appointments/{first}");
        Assert.NotNull(show.QuerySelector($"#course-offer a[href='/appointments/{first}/course']"));

        var page = await patient.GetDocumentAsync($"/appointments/{first}/course");
        var chosen = Chosen(page);
        Assert.Equal(4, chosen.Count);
        var previous = DateOnly.FromDateTime(firstLocal);
        for (var k = 2; k <= 5; k++)
        {
            var target = DateOnly.FromDateTime(firstLocal).AddDays((k - 1) * 4);
            var local = Local(Utc(chosen[k - 2]));
            var date = DateOnly.FromDateTime(local);
            Assert.InRange(date.DayNumber, target.AddDays(-2).DayNumber, target.AddDays(3).DayNumber);
            Assert.True(date > previous, $"session {k} on {date} is not after {previous}");
            if (target.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                // Ana is free: the proposal is the first visit's time of day on the target day itself.
                Assert.Equal(target.ToDateTime(TimeOnly.FromDateTime(firstLocal)), local);
            }

            previous = date;
        }

        // Change session 3 to another free time near its day.
        var third = Sessions(page)[1];
        var other = third.Options.Select(o => o.Value).Where(v => v.Length > 0 && v != chosen[1])
            .First(v => DateOnly.FromDateTime(Local(Utc(v))) > DateOnly.FromDateTime(Local(Utc(chosen[0])))
                        && DateOnly.FromDateTime(Local(Utc(v))) < DateOnly.FromDateTime(Local(Utc(chosen[2]))));
        chosen[1] = other;
        var token = page.AntiforgeryToken();
        var booked = await PostStartsAsync(patient, $"/appointments/{first}/course", token, chosen);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal($"/appointments/{first}", booked.Headers.Location!.OriginalString);

        var sessions = await _app.QueryAsync(db => db.Appointments.Where(a => a.PatientId == patientId).OrderBy(a => a.StartUtc).ToListAsync());
        Assert.Equal(5, sessions.Count);
        Assert.All(sessions, a => Assert.Equal(BookingKit.Ana, a.PractitionerId));
        Assert.All(sessions, a => Assert.Equal(sessions[0].CourseId, a.CourseId));
        Assert.Equal([1, 2, 3, 4, 5], sessions.Select(a => a.CourseSession!.Value));
        Assert.Equal(first, sessions[0].Id);
        Assert.Equal(Utc(other), sessions[2].StartUtc);
        Assert.Equal(5, await _app.QueryAsync(db => db.TreatmentCourses.Select(c => c.Sessions).SingleAsync()));

        // A double submit (the same form again) books nothing more and lands on the first visit.
        var again = await PostStartsAsync(patient, $"/appointments/{first}/course", token, chosen);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal($"/appointments/{first}", again.Headers.Location!.OriginalString);
        Assert.Equal(5, await _app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patientId)));
        Assert.Equal(1, await CoursesAsync());
        // The course page of a session now leads to the first visit, and the offer is gone.
        var fromSession = await patient.GetAsync($"/appointments/{sessions[3].Id}/course");
        Assert.Equal($"/appointments/{first}", fromSession.Headers.Location!.OriginalString);
        var after = await patient.GetDocumentAsync($"/appointments/{sessions[1].Id}");
        Assert.Null(after.QuerySelector("#course-offer"));
        Assert.Contains("session 2 of 5", after.QuerySelector(".course-session")!.TextContent);

        // Moving one session keeps it "session k of 5" and the others as they were.
        var move = await patient.GetDocumentAsync($"/appointments/{sessions[4].Id}/reschedule?week={DateOnly.FromDateTime(Local(sessions[4].StartUtc)):yyyy-MM-dd}");
        var moveTo = move.QuerySelectorAll("a[href*='reschedule?start=']").Select(a => a.GetAttribute("href")!).First();
        var moveStart = Uri.UnescapeDataString(moveTo.Split("start=")[1].Split('&')[0]);
        var moved = await patient.SubmitFormAsync(moveTo, new Dictionary<string, string> { ["Start"] = moveStart }, $"form[action='/appointments/{sessions[4].Id}/reschedule']");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var fifth = await _app.QueryAsync(db => db.Appointments.SingleAsync(a => a.Id == sessions[4].Id));
        Assert.Equal((sessions[0].CourseId, 5), (fifth.CourseId, fifth.CourseSession));

        // The email: one for the course, listing every session, with one .ics of five events; reminders per session.
        var mail = await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your course is booked", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        var html = mail.HtmlBody;
        for (var k = 1; k <= 5; k++)
        {
            Assert.Contains($"Session {k} of 5", html);
        }

        var ics = mail.Attachments.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        await ics.Content!.DecodeToAsync(stream);
        var calendar = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(5, calendar.Split("BEGIN:VEVENT").Length - 1);
        Assert.All(sessions, s => Assert.Contains($"appointment-{s.Id}@clinicbooking", calendar));
        foreach (var word in new[] { "intake", "supply", "milk", "flag", "weight", "supplement" })
        {
            Assert.DoesNotContain(word, mail.TextBody + calendar, StringComparison.OrdinalIgnoreCase);
        }

        var outbox = await _app.QueryAsync(db => db.Outbox.Where(o => sessions.Select(s => (int?)s.Id).Contains(o.AppointmentId)).ToListAsync());
        Assert.Single(outbox, o => o.Kind == OutboxKind.CourseConfirmation);
        Assert.Single(outbox, o => o.Kind == OutboxKind.BookingConfirmation); // the first visit's own, nothing per session
        var firstReminders = outbox.Count(o => o.Kind == OutboxKind.Reminder && o.AppointmentId == first);
        Assert.True(firstReminders > 0);
        Assert.All(sessions.Skip(1).Take(3), s => Assert.Equal(firstReminders, outbox.Count(o => o.Kind == OutboxKind.Reminder && o.AppointmentId == s.Id && o.Status == OutboxStatus.Pending)));
        Assert.Single(_app.Smtp.Messages, m => m.Subject!.StartsWith("Your course is booked", StringComparison.Ordinal));

        // The practitioner sees "session 2 of 5" on the visit and on the schedule.
        var ana = await _app.StaffAsync("ana@clinic.test");
        Assert.Contains("session 2 of 5", (await ana.GetDocumentAsync($"/practitioner/appointments/{sessions[1].Id}")).QuerySelector(".visit-when")!.TextContent);
        var day = DateOnly.FromDateTime(Local(sessions[1].StartUtc));
        Assert.Contains("session 2 of 5", await ana.GetStringAsync($"/practitioner?view=day&date={day:yyyy-MM-dd}"));
    }

    [Fact]
    public async Task When_a_chosen_time_is_taken_meanwhile_nothing_is_booked_and_the_page_names_the_session_with_fresh_proposals()
    {
        var (patient, _, patientId) = await PatientAsync("first");
        var first = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        var page = await patient.GetDocumentAsync($"/appointments/{first}/course");
        var chosen = Chosen(page);

        var (other, _, _) = await PatientAsync("other");
        Assert.Equal(HttpStatusCode.Redirect, (await other.BookAsync(BookingKit.FollowUp, BookingKit.Ana, chosen[1])).StatusCode);

        var response = await PostStartsAsync(patient, $"/appointments/{first}/course", page.AntiforgeryToken(), chosen);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var again = Forms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("session 3", again.QuerySelector("#course-problem")!.TextContent);
        Assert.Contains("nothing was booked", again.QuerySelector("#course-problem")!.TextContent);
        Assert.NotEqual(chosen[1], Chosen(again)[1]);
        Assert.Equal(1, await _app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patientId)));
        Assert.Equal(0, await CoursesAsync());
        Assert.Null(await _app.QueryAsync(db => db.Appointments.Where(a => a.Id == first).Select(a => a.CourseId).SingleAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.Outbox.CountAsync(o => o.Kind == OutboxKind.CourseConfirmation)));

        // The fresh proposals book.
        Assert.Equal(HttpStatusCode.Redirect, (await PostStartsAsync(patient, $"/appointments/{first}/course", again.AntiforgeryToken(), Chosen(again))).StatusCode);
        Assert.Equal(5, await _app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patientId)));
    }

    [Fact]
    public async Task Bad_input_answers_4xx_with_a_message_never_500_and_changes_nothing()
    {
        var (patient, _, patientId) = await PatientAsync("bad");
        var first = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        var page = await patient.GetDocumentAsync($"/appointments/{first}/course");
        var token = page.AntiforgeryToken();
        var chosen = Chosen(page);
        var url = $"/appointments/{first}/course";
        var past = TimeFormat.Iso(_app.Clock.GetUtcNow().UtcDateTime.AddDays(-3), BookingKit.Zone);

        var cases = new (string Label, string[] Starts, string Says)[]
        {
            ("none", [], "at least one"),
            ("all left out", ["", "", "", ""], "at least one"),
            ("malformed", ["next tuesday", chosen[1]], "could not be read"),
            ("past", [past], "later day"),
            ("too many", [.. chosen, TimeFormat.Iso(Utc(chosen[3]).AddDays(4), BookingKit.Zone)], "at most 4"),
            ("far too many", Enumerable.Repeat(chosen[0], 40).ToArray(), "could not be read"),
            ("out of order", [chosen[1], chosen[0]], "later day"),
            ("same day twice", [chosen[0], TimeFormat.Iso(Utc(chosen[0]).AddHours(1), BookingKit.Zone)], "later day"),
            ("too far ahead", [TimeFormat.Iso(_app.Clock.GetUtcNow().UtcDateTime.AddDays(400), BookingKit.Zone)], "too far ahead"),
        };
        foreach (var (label, starts, says) in cases)
        {
            var response = await PostStartsAsync(patient, url, token, starts);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{label}: {(int)response.StatusCode}");
            Assert.Contains(says, Forms.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#course-problem")?.TextContent ?? "", StringComparison.Ordinal);
        }

        // Someone else's visit, an unknown one, and a visit of a service that is not a course: 404.
        var (stranger, _, _) = await PatientAsync("stranger");
        var strangerToken = (await stranger.GetDocumentAsync("/appointments")).AntiforgeryToken();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostStartsAsync(stranger, url, strangerToken, chosen)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync("/appointments/999999/course")).StatusCode);
        int single;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var initial = await db.Services.SingleAsync(s => s.Id == BookingKit.Initial);
            Assert.False(initial.IsCourse);
            var visit = new Appointment(patientId, BookingKit.Ben, initial, Utc(chosen[0]), _app.Clock.GetUtcNow().UtcDateTime);
            db.Appointments.Add(visit);
            await db.SaveChangesAsync();
            single = visit.Id;
        }

        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/appointments/{single}/course")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostStartsAsync(patient, $"/appointments/{single}/course", token, chosen)).StatusCode);
        Assert.Null((await patient.GetDocumentAsync($"/appointments/{single}")).QuerySelector("#course-offer"));

        Assert.Equal(0, await CoursesAsync());
        Assert.Equal(2, await _app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patientId)));
        Assert.DoesNotContain(_app.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_patient_blocked_after_no_shows_is_asked_to_call_and_the_visits_ahead_cap_holds_for_the_whole_course()
    {
        var (patient, email, patientId) = await PatientAsync("blocked");
        var first = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        var page = await patient.GetDocumentAsync($"/appointments/{first}/course");
        for (var i = 0; i < 2; i++)
        {
            await _app.QueryAsync(async db =>
            {
                var service = await db.Services.SingleAsync(s => s.Id == BookingKit.FollowUp);
                var start = _app.Clock.GetUtcNow().UtcDateTime.AddDays(-3 - i);
                var missed = new Appointment(patientId, BookingKit.Ben, service, start, start.AddDays(-7));
                missed.RecordAttendance(false, _app.Clock.GetUtcNow().UtcDateTime);
                db.Appointments.Add(missed);
                return await db.SaveChangesAsync();
            });
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await patient.GetAsync($"/appointments/{first}/course")).StatusCode);
        var refused = await PostStartsAsync(patient, $"/appointments/{first}/course", page.AntiforgeryToken(), Chosen(page));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("call us", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await CoursesAsync());
    }

    [Fact]
    public async Task The_desk_books_the_rest_of_a_course_for_a_caller_audited_who_for_whom()
    {
        var (patient, _, patientId) = await PatientAsync("caller");
        var first = await patient.BookFirstFreeAsync(BookingKit.Ben, BookingKit.FutureWeekday(_app));
        var desk = await _app.StaffAsync("desk@clinic.test");
        var patientPage = await desk.GetDocumentAsync($"/desk/patients/{patientId}");
        Assert.NotNull(patientPage.QuerySelector($"a[href='/desk/appointments/{first}/course']"));

        var booked = await desk.SubmitFormAsync($"/desk/appointments/{first}/course", new Dictionary<string, string>(), "form.course-form");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal($"/desk/patients/{patientId}", booked.Headers.Location!.OriginalString);
        var sessions = await _app.QueryAsync(db => db.Appointments.Where(a => a.PatientId == patientId).ToListAsync());
        Assert.Equal(5, sessions.Count);
        Assert.All(sessions, a => Assert.Equal(BookingKit.Ben, a.PractitionerId));

        var deskId = await _app.QueryAsync(db => db.Users.Where(u => u.Email == "desk@clinic.test").Select(u => u.Id).SingleAsync());
        var audit = await _app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == DeskActions.BookCourse));
        Assert.Equal((deskId, patientId, sessions[0].CourseId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (audit.ActorId, audit.SubjectId, audit.RecordId));
        Assert.Contains("session 3 of 5", (await desk.GetDocumentAsync($"/desk/patients/{patientId}")).QuerySelector(".desk-visits")!.TextContent);
        Assert.Null((await desk.GetDocumentAsync($"/desk/patients/{patientId}")).QuerySelector($"a[href='/desk/appointments/{first}/course']"));

        // Patients and practitioners get 404 on the desk's course routes.
        foreach (var other in new[] { patient, await _app.StaffAsync("ben@clinic.test") })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/desk/appointments/{first}/course")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync("/desk/appointments/999999/course")).StatusCode);
    }

    [Fact]
    public async Task A_Spanish_patient_reads_the_course_page_and_gets_the_course_email_in_Spanish()
    {
        var (patient, email, patientId) = await PatientAsync("espanol", "es");
        var first = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        var show = await patient.GetDocumentAsync($"/appointments/{first}");
        Spanish.AssertNoEnglish(show, "the visit page with the course offer");
        var page = await patient.GetDocumentAsync($"/appointments/{first}/course");
        Spanish.AssertNoEnglish(page, "the course page");

        var response = await patient.SubmitFormAsync($"/appointments/{first}/course", new Dictionary<string, string>(), "form.course-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Spanish.AssertNoEnglish(await patient.GetDocumentAsync($"/appointments/{first}"), "the first session's page");
        var mail = await _app.Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(b => b.Address == email) && m.Subject!.StartsWith("Su tratamiento está reservado", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15));
        Assert.Contains("Sesión 2 de 5", mail.HtmlBody);
        Assert.DoesNotContain("Session", mail.HtmlBody);
    }

    [Fact]
    public async Task The_admin_sets_and_clears_a_course_on_a_service_and_bad_values_answer_400_and_change_nothing()
    {
        var admin = await _app.StaffAsync("admin@clinic.test");
        async Task<HttpResponseMessage> Save(string sessions, string days) =>
            await admin.SubmitFormAsync($"/admin/services/{BookingKit.Initial}", new Dictionary<string, string>
            {
                ["CourseSessions"] = sessions, ["CourseDaysBetween"] = days,
            }, $"form[action='/admin/services/{BookingKit.Initial}']");

        foreach (var (sessions, days, says) in new[]
                 {
                     ("13", "3", "from 2 to 12"), ("1", "3", "from 2 to 12"), ("6", "", "from 1 to 14"), ("", "3", "from 2 to 12"),
                     ("6", "15", "from 1 to 14"), ("six", "3", "from 2 to 12"), ("6", "-1", "from 1 to 14"),
                 })
        {
            var response = await Save(sessions, days);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{sessions}/{days}: {(int)response.StatusCode}");
            Assert.Contains(says, await response.Content.ReadAsStringAsync());
            Assert.Null(await CourseOfInitialAsync());
        }

        Assert.Equal(HttpStatusCode.Redirect, (await Save("6", "3")).StatusCode);
        Assert.Equal("6/3", await CourseOfInitialAsync());
        Assert.Equal("6", ((IHtmlInputElement)(await admin.GetDocumentAsync($"/admin/services/{BookingKit.Initial}")).QuerySelector("#CourseSessions")!).Value);

        Assert.Equal(HttpStatusCode.Redirect, (await Save("", "")).StatusCode);
        Assert.Null(await CourseOfInitialAsync());
    }

    private async Task<string?> CourseOfInitialAsync()
    {
        var service = await _app.QueryAsync(db => db.Services.AsNoTracking().SingleAsync(s => s.Id == BookingKit.Initial));
        return service.IsCourse ? $"{service.CourseSessions}/{service.CourseDaysBetween}" : service.CourseSessions is null && service.CourseDaysBetween is null ? null : "half";
    }
}
