using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Desk;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 16, the front desk: Reception finds patients, makes accounts for callers, books, moves and cancels for
/// them (also inside the change window), sees every practitioner's day and marks no-shows; after
/// Clinic:NoShowLimit no-shows a patient books by phone until the desk lifts it. Reception never sees answers.
/// </summary>
public sealed partial class DeskTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpClient> DeskAsync() => _app.StaffAsync("desk@clinic.test");

    private async Task<string> UserIdAsync(string email) =>
        await _app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private async Task<HttpResponseMessage> CreateCallerAsync(HttpClient desk, string name, string email, string? phone = null, string language = "en") =>
        await desk.SubmitFormAsync("/desk/patients/new", new Dictionary<string, string>
        {
            ["FullName"] = name, ["Email"] = email, ["Phone"] = phone ?? "", ["Language"] = language,
        }, "form[action='/desk/patients/new']");

    /// <summary>The desk's first free time for the patient from <paramref name="url"/> (a book or move page), trying later days.</summary>
    private static async Task<(IHtmlFormElement Form, IHtmlDocument Page)> FirstTimeAsync(HttpClient desk, string url, DateOnly from)
    {
        for (var day = from; day < from.AddDays(10); day = day.AddDays(1))
        {
            var page = await desk.GetDocumentAsync($"{url}{(url.Contains('?') ? '&' : '?')}date={day:yyyy-MM-dd}");
            if (page.QuerySelector(".desk-times form") is IHtmlFormElement form)
            {
                return (form, page);
            }
        }

        throw new InvalidOperationException($"No free time on {url} in ten days from {from}.");
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, IHtmlFormElement form) =>
        client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(form.Elements.OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name)).Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))));

    [Fact]
    public async Task The_desk_finds_patients_by_name_email_or_phone_and_only_patients()
    {
        var desk = await DeskAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await CreateCallerAsync(desk, "Rosa Caller", "rosa@example.com", "(555) 014-2277")).StatusCode);

        async Task<List<string>> Find(string q)
        {
            var page = await desk.GetDocumentAsync($"/desk?q={Uri.EscapeDataString(q)}");
            return page.QuerySelectorAll(".desk-results a").Select(a => a.TextContent.Trim()).ToList();
        }

        Assert.Equal(["Rosa Caller"], await Find("rosa c"));
        Assert.Equal(["Rosa Caller"], await Find("ROSA@EXAMPLE"));
        Assert.Equal(["Rosa Caller"], await Find("014-2277"));
        Assert.Equal(["Pat Patient"], await Find("pat patient"));
        Assert.Empty(await Find("Ana Alvarez")); // a practitioner is not a patient
        Assert.Empty(await Find("%_"));
        Assert.Contains("No patient matches", (await desk.GetDocumentAsync("/desk?q=zzzz")).QuerySelector("#search-count")!.TextContent);

        var tooShort = await desk.GetAsync("/desk?q=a");
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("at least 2", await tooShort.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.GetAsync("/desk?q=" + new string('x', 101))).StatusCode);
    }

    [Fact]
    public async Task A_caller_gets_an_account_and_an_invitation_that_sets_their_password_then_they_sign_in_as_a_patient()
    {
        var desk = await DeskAsync();
        var created = await CreateCallerAsync(desk, "Mia Caller", "mia@example.com", "555-0199");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var patientId = await UserIdAsync("mia@example.com");
        Assert.Equal($"/desk/patients/{patientId}", created.Headers.Location!.OriginalString);

        var email = await _app.Smtp.WaitForMessageToAsync("mia@example.com");
        Assert.Contains("Set your password", email.Subject);
        var link = new Uri(SetPasswordLink().Match(email.TextBody!).Value);
        var outbox = await _app.QueryAsync(db => db.Outbox.SingleAsync(o => o.Kind == OutboxKind.PatientInvitation));
        Assert.Null(outbox.HtmlBody); // the link was made when sent, never stored

        var caller = _app.CreateBrowserlikeClient();
        var set = await caller.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = "mia@example.com", ["Input.Password"] = "a calm new password", ["Input.ConfirmPassword"] = "a calm new password",
        });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        await caller.SignInAsync("mia@example.com", "a calm new password");
        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/appointments")).StatusCode);

        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync("mia@example.com"))!;
        Assert.Equal([Roles.Patient], await users.GetRolesAsync(user));
        Assert.Equal("5550199", user.PhoneNumber);
        var audit = await _app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == DeskActions.PatientCreate));
        Assert.Equal(await UserIdAsync("desk@clinic.test"), audit.ActorId);
        Assert.Equal(patientId, audit.SubjectId);
    }

    [Fact]
    public async Task A_caller_who_reads_Spanish_gets_the_invitation_in_Spanish_and_their_later_emails_too()
    {
        var desk = await DeskAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await CreateCallerAsync(desk, "Lucía Llamada", "lucia.desk@example.com", language: "es")).StatusCode);
        var email = await _app.Smtp.WaitForMessageToAsync("lucia.desk@example.com");
        Assert.StartsWith("Elija su contraseña para", email.Subject);
        Assert.Contains("como acordamos por teléfono", email.TextBody);
        Assert.Matches(SetPasswordLink(), email.TextBody!);
        Assert.Equal("es", await _app.QueryAsync(db => db.Users.Where(u => u.Email == "lucia.desk@example.com").Select(u => u.PreferredLanguage).SingleAsync()));
    }

    [Fact]
    public async Task A_double_clicked_new_patient_makes_one_account_and_bad_input_is_refused_with_messages()
    {
        var desk = await DeskAsync();
        var token = (await desk.GetDocumentAsync("/desk/patients/new")).AntiforgeryToken();
        var form = new Dictionary<string, string> { ["FullName"] = "Dot Double", ["Email"] = "dot@example.com", ["Language"] = "en", ["__RequestVerificationToken"] = token };
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => desk.PostAsync("/desk/patients/new", new FormUrlEncodedContent(form))));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(1, await _app.QueryAsync(db => db.Users.CountAsync(u => u.Email == "dot@example.com")));

        var empty = await CreateCallerAsync(desk, "", "");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var page = Forms.Parse(await empty.Content.ReadAsStringAsync());
        Assert.Contains("full name", page.QuerySelector("#FullName_error")!.TextContent);
        Assert.Contains("email address", page.QuerySelector("#Email_error")!.TextContent);
        var bad = await CreateCallerAsync(desk, "Al", "not-an-address", "call me maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull(Forms.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector("#Phone_error"));
        Assert.Equal(HttpStatusCode.BadRequest, (await CreateCallerAsync(desk, "Pat Again", "pat@clinic.test")).StatusCode);
    }

    [Fact]
    public async Task The_desk_books_moves_and_cancels_for_a_patient_inside_the_change_window_and_the_patient_is_emailed_each_time()
    {
        var desk = await DeskAsync();
        var patientId = await UserIdAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);

        var (form, page) = await FirstTimeAsync(desk, $"/desk/patients/{patientId}/book?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}", day);
        Assert.DoesNotContain("CANARY", page.Body!.TextContent);
        var booked = await PostFormAsync(desk, form);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var visit = await _app.QueryAsync(db => db.Appointments.SingleAsync(a => a.PatientId == patientId && a.Status == AppointmentStatus.Booked));
        Assert.Equal(BookingKit.Ana, visit.PractitionerId);
        await _app.Smtp.WaitForMessageAsync(m => m.To.ToString().Contains("pat@clinic.test") && (m.Subject ?? "").Contains("booked", StringComparison.OrdinalIgnoreCase));

        // Inside the patient's change window: the patient is told to call, the desk can still move and cancel.
        _app.Clock.Advance(visit.StartUtc - _app.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(20));
        desk = await DeskAsync(); // a week later: a fresh staff session
        var patient = await _app.StaffAsync("pat@clinic.test");
        var patientToken = (await patient.GetDocumentAsync("/appointments")).AntiforgeryToken();
        var refused = await patient.PostAsync($"/appointments/{visit.Id}/cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = patientToken }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("555-0100", await refused.Content.ReadAsStringAsync());

        var (moveForm, _) = await FirstTimeAsync(desk, $"/desk/appointments/{visit.Id}/reschedule", _app.Today());
        var moved = await PostFormAsync(desk, moveForm);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var after = await _app.QueryAsync(db => db.Appointments.SingleAsync(a => a.Id == visit.Id));
        Assert.NotEqual(visit.StartUtc, after.StartUtc);
        Assert.Equal(AppointmentStatus.Booked, after.Status);

        var cancelled = await desk.SubmitFormAsync($"/desk/patients/{patientId}", new Dictionary<string, string>(), $"form[action='/desk/appointments/{visit.Id}/cancel']");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(AppointmentStatus.Cancelled, (await _app.QueryAsync(db => db.Appointments.SingleAsync(a => a.Id == visit.Id))).Status);
        await _app.Smtp.WaitForMessageAsync(m => m.To.ToString().Contains("pat@clinic.test") && (m.Subject ?? "").Contains("cancel", StringComparison.OrdinalIgnoreCase));

        var deskId = await UserIdAsync("desk@clinic.test");
        var actions = await _app.QueryAsync(db => db.AuditEntries.Where(a => a.ActorId == deskId && a.SubjectId == patientId).Select(a => a.Action).ToListAsync());
        Assert.Contains(DeskActions.Book, actions);
        Assert.Contains(DeskActions.Move, actions);
        Assert.Contains(DeskActions.Cancel, actions);
    }

    [Fact]
    public async Task A_taken_or_unreadable_time_is_a_clear_4xx_on_the_desk_and_changes_nothing()
    {
        var desk = await DeskAsync();
        var patientId = await UserIdAsync("pat@clinic.test");
        var (form, _) = await FirstTimeAsync(desk, $"/desk/patients/{patientId}/book?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ben}", BookingKit.FutureWeekday(_app));
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(desk, form)).StatusCode);

        var other = await _app.SeedPatientWithIntakeAsync("olive@example.com", "Olive Other", IntakeKit.CalmAnswers(_app.Today()));
        var taken = await desk.PostAsync($"/desk/patients/{other}/book", new FormUrlEncodedContent(form.Elements.OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name)).Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("just taken", await taken.Content.ReadAsStringAsync());

        var token = (await desk.GetDocumentAsync("/desk")).AntiforgeryToken();
        var garbage = await desk.PostAsync($"/desk/patients/{other}/book", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ServiceId"] = "2", ["PractitionerId"] = "1", ["Start"] = "tomorrow-ish", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(0, await _app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == other)));

        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync($"/desk/patients/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync("/desk/patients/not-an-id")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync($"/desk/patients/{await UserIdAsync("ana@clinic.test")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync("/desk/appointments/999999/reschedule")).StatusCode);
    }

    [Fact]
    public async Task The_desk_sees_intake_state_and_holds_but_never_answers_flags_or_notes()
    {
        var answers = IntakeKit.CalmAnswers(_app.Today());
        answers["medications_text"] = "CANARY-MEDS";
        answers["care_team"] = "CANARY-CARE";
        var patientId = await _app.SeedPatientWithIntakeAsync("quinn@example.com", "Quinn Quiet", answers);
        var visit = await _app.VisitAtAsync(patientId, BookingKit.Ana, _app.Clock.GetUtcNow().UtcDateTime.AddHours(1));
        var desk = await DeskAsync();

        var page = await desk.GetDocumentAsync($"/desk/patients/{patientId}");
        var text = page.Body!.TextContent;
        Assert.Contains("Intake: submitted", text);
        Assert.DoesNotContain("CANARY", text);
        var day = await desk.GetDocumentAsync("/desk");
        Assert.Contains(day.QuerySelectorAll(".schedule-table tr"), r => r.TextContent.Contains("Quinn Quiet") && r.TextContent.Contains("Intake: submitted"));
        Assert.DoesNotContain("CANARY", day.Body!.TextContent);

        // Reception may not open the practitioner's visit page, the intake or the admin area.
        foreach (var url in new[] { $"/practitioner/appointments/{visit}", "/practitioner", "/intake", "/intake/export", "/admin", "/practitioner/urgent" })
        {
            var response = await desk.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                        || response.Headers.Location?.OriginalString.Contains("AccessDenied") == true, $"{url}: {response.StatusCode}");
            Assert.DoesNotContain("CANARY", await response.Content.ReadAsStringAsync());
        }

        // A patient and an anonymous visitor cannot use the desk; an admin can.
        var patient = await _app.StaffAsync("quinn@example.com");
        var denied = await patient.GetAsync("/desk");
        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || denied.Headers.Location?.OriginalString.Contains("AccessDenied") == true, denied.StatusCode.ToString());
        Assert.Contains("Login", (await _app.CreateBrowserlikeClient().GetAsync("/desk")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await (await _app.StaffAsync("admin@clinic.test")).GetAsync("/desk")).StatusCode);
    }

    [Fact]
    public async Task After_the_no_show_limit_a_patient_books_by_phone_until_the_desk_lifts_it()
    {
        var (patient, email) = await _app.PatientWithIntakeAsync("noshow", IntakeKit.CalmAnswers(_app.Today()));
        var patientId = await UserIdAsync(email);
        var desk = await DeskAsync();
        var day = BookingKit.FutureWeekday(_app);
        await patient.BookFirstFreeAsync(BookingKit.Ana, day);

        var first = await _app.PastVisitAsync(email, BookingKit.Ana, TimeSpan.FromDays(3));
        var second = await _app.PastVisitAsync(email, BookingKit.Ben, TimeSpan.FromHours(2));
        foreach (var visit in new[] { first, second })
        {
            var marked = await desk.SubmitFormAsync($"/desk/patients/{patientId}", new Dictionary<string, string>(), $"form[action='/desk/appointments/{visit}/noshow']");
            Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        }

        Assert.Equal(2, await _app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patientId && a.Status == AppointmentStatus.NoShow)));
        var slot = (await patient.FreeAsync(BookingKit.FollowUp, BookingKit.Ben, day)).First();
        var blocked = await patient.BookAsync(BookingKit.FollowUp, BookingKit.Ben, slot.Start);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        var message = await blocked.Content.ReadAsStringAsync();
        Assert.Contains("Please call us", message);
        Assert.Contains("555-0100", message);
        var confirmUrl = $"/book/confirm?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ben}&start={Uri.EscapeDataString(slot.Start)}";
        Assert.Equal(HttpStatusCode.Forbidden, (await patient.GetAsync(confirmUrl)).StatusCode);
        using (var spanish = new HttpRequestMessage(HttpMethod.Get, confirmUrl))
        {
            spanish.Headers.AcceptLanguage.ParseAdd("es");
            var text = await (await patient.SendAsync(spanish)).Content.ReadAsStringAsync();
            Assert.Contains("Llámenos para reservar", text);
            Assert.Contains("555-0100", text);
        }

        Assert.Equal(1, await _app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patientId && a.Status == AppointmentStatus.Booked)));

        // The desk can still book for them, and lifting the block lets them book online again.
        var page = await desk.GetDocumentAsync($"/desk/patients/{patientId}");
        Assert.Contains("cannot book online", page.QuerySelector(".alert-warning")!.TextContent);
        var lifted = await desk.SubmitFormAsync($"/desk/patients/{patientId}", new Dictionary<string, string>(), $"form[action='/desk/patients/{patientId}/lift-noshows']");
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await patient.BookAsync(BookingKit.FollowUp, BookingKit.Ben, slot.Start)).StatusCode);

        var deskId = await UserIdAsync("desk@clinic.test");
        Assert.Equal(2, await _app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == DeskActions.NoShow && a.ActorId == deskId && a.SubjectId == patientId)));
        Assert.Equal(1, await _app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == DeskActions.NoShowLift && a.SubjectId == patientId)));
    }

    [Fact]
    public async Task A_visit_that_has_not_started_cannot_be_marked_a_no_show()
    {
        var (patient, email) = await _app.PatientWithIntakeAsync("early", IntakeKit.CalmAnswers(_app.Today()));
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        var desk = await DeskAsync();
        var token = (await desk.GetDocumentAsync("/desk")).AntiforgeryToken();
        var response = await desk.PostAsync($"/desk/appointments/{visit}/noshow", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AppointmentStatus.Booked, (await _app.QueryAsync(db => db.Appointments.SingleAsync(a => a.Id == visit))).Status);
        Assert.Equal(0, await _app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == DeskActions.NoShow)));
    }

    [GeneratedRegex(@"http://\S+/Identity/Account/ResetPassword\?code=\S+")]
    private static partial Regex SetPasswordLink();
}
