using System.Net;
using System.Text.RegularExpressions;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer.Protocol;

namespace ClinicBooking.IntegrationTests;

/// <summary>The admin area (issue 7): practitioners, services, settings, audit log and outbox, through real forms.</summary>
public sealed partial class AdminTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> SignedInAsync(string email = "admin@clinic.test")
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync(email);
        return client;
    }

    private async Task<T> DbAsync<T>(Func<ClinicDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ClinicDbContext>());
    }

    private async Task DispatchAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
    }

    private async Task<int> BookFollowUpAsync(HttpClient patient, int practitionerId = BookingKit.Ana, int daysAhead = 5)
    {
        var day = BookingKit.FutureWeekday(_app, daysAhead);
        var start = (await patient.FreeAsync(BookingKit.FollowUp, practitionerId, day)).First().Start;
        var response = await patient.BookAsync(BookingKit.FollowUp, practitionerId, start);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    /// <summary>Posts the page's own form (the layout's sign-out form comes first otherwise).</summary>
    private static Task<HttpResponseMessage> Submit(HttpClient client, string url, IReadOnlyDictionary<string, string> fields,
        string formSelector = "main form[method=post]") => client.SubmitFormAsync(url, fields, formSelector);

    private static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    /// <summary>The message shown beside a field (the element the input's aria-describedby points at).</summary>
    private static string? FieldError(string html, string field) =>
        Forms.Parse(html).QuerySelector($"#{field}_error")?.TextContent.Trim();

    // ---- Practitioners ----

    [Fact]
    public async Task A_new_practitioner_gets_a_set_password_email_sets_a_password_signs_in_and_is_offered_for_booking()
    {
        var admin = await SignedInAsync();
        var created = await Submit(admin, "/admin/practitioners/new", new Dictionary<string, string>
        {
            ["DisplayName"] = "Cleo Chen", ["Email"] = "cleo@example.com", ["Bio"] = "Acupuncturist.",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Matches("^/admin/practitioners/\\d+$", created.Headers.Location!.ToString());

        var email = await _app.Smtp.WaitForMessageToAsync("cleo@example.com");
        Assert.Contains("Set your password", email.Subject);
        Assert.Contains("set your password", email.TextBody, StringComparison.OrdinalIgnoreCase);
        var link = new Uri(SetPasswordLink().Match(email.TextBody!).Value);
        Assert.DoesNotContain("reset", email.TextBody!.Replace(link.ToString(), "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

        var newcomer = _app.CreateBrowserlikeClient();
        var set = await newcomer.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = "cleo@example.com", ["Input.Password"] = "a calm new password", ["Input.ConfirmPassword"] = "a calm new password",
        });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains("ResetPasswordConfirmation", set.Headers.Location!.ToString());
        await newcomer.SignInAsync("cleo@example.com", "a calm new password");

        Assert.Contains("Cleo Chen", await newcomer.GetStringAsync("/api/practitioners"));
        var schedule = await newcomer.GetDocumentAsync("/practitioner?view=week");
        Assert.Empty(schedule.QuerySelectorAll(".schedule-table tbody tr"));
        Assert.Equal(7, schedule.QuerySelectorAll("section.schedule-day").Length);
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync("cleo@example.com"))!;
        Assert.Equal([Roles.Practitioner], await users.GetRolesAsync(user));
        Assert.Equal(1, await DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.PractitionerCreate)));
        Assert.Equal(OutboxKind.StaffInvitation, (await DbAsync(db => db.Outbox.SingleAsync(o => o.Recipient == OutboxMessage.HashRecipient("cleo@example.com")))).Kind);
    }

    [Fact]
    public async Task Submitting_the_new_practitioner_form_twice_creates_one_account_and_says_why()
    {
        var admin = await SignedInAsync();
        var token = (await admin.GetDocumentAsync("/admin/practitioners/new")).AntiforgeryToken();
        var form = new Dictionary<string, string>
        {
            ["DisplayName"] = "Dee Dunn", ["Email"] = "dee@example.com", ["__RequestVerificationToken"] = token,
        };

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => admin.PostAsync("/admin/practitioners/new", new FormUrlEncodedContent(form))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("already an account with this email", FieldError(await BodyAsync(refused), "Email"));
        }

        Assert.Equal(1, await DbAsync(db => db.Users.CountAsync(u => u.Email == "dee@example.com")));
        Assert.Equal(1, await DbAsync(db => db.Practitioners.CountAsync(p => p.DisplayName == "Dee Dunn")));
    }

    [Fact]
    public async Task The_new_practitioner_form_refuses_bad_input_with_messages_beside_the_fields()
    {
        var admin = await SignedInAsync();
        var response = await Submit(admin, "/admin/practitioners/new", new Dictionary<string, string>
        {
            ["DisplayName"] = "", ["Email"] = "not-an-email", ["Bio"] = new string('x', 2001),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await BodyAsync(response);
        Assert.Equal("Enter the practitioner's name.", FieldError(html, "DisplayName"));
        Assert.Equal("Enter an email address like name@example.com.", FieldError(html, "Email"));
        Assert.Contains("2,000 characters", FieldError(html, "Bio"));
        Assert.Contains("There is a problem", html);
        Assert.Equal(2, await DbAsync(db => db.Practitioners.CountAsync()));
    }

    [Fact]
    public async Task The_admin_edits_a_practitioners_name_and_sets_their_hours()
    {
        var admin = await SignedInAsync();
        var saved = await Submit(admin, "/admin/practitioners/2", new Dictionary<string, string>
        {
            ["DisplayName"] = "Ben Brooks-Hale", ["Bio"] = "Former postnatal nurse.",
        }, "form[action='/admin/practitioners/2']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var hours = await Submit(admin, "/admin/practitioners/2", new Dictionary<string, string>
        {
            ["Monday"] = "", ["Tuesday"] = "10:00-12:00, 13:00-16:00", ["Wednesday"] = "", ["Thursday"] = "", ["Friday"] = "",
            ["Saturday"] = "9-13", ["Sunday"] = "",
        }, "form[action='/admin/practitioners/2/hours']");
        Assert.Equal(HttpStatusCode.Redirect, hours.StatusCode);

        var ben = await DbAsync(db => db.Practitioners.Include(p => p.WorkingIntervals).SingleAsync(p => p.Id == 2));
        Assert.Equal("Ben Brooks-Hale", ben.DisplayName);
        Assert.Equal(
            [(DayOfWeek.Tuesday, new TimeOnly(10, 0)), (DayOfWeek.Tuesday, new TimeOnly(13, 0)), (DayOfWeek.Saturday, new TimeOnly(9, 0))],
            ben.WorkingIntervals.OrderBy(w => w.DayOfWeek == DayOfWeek.Saturday).ThenBy(w => w.Start).Select(w => (w.DayOfWeek, w.Start)).ToList());
        var saturday = BookingKit.FutureWeekday(_app, 7);
        while (saturday.DayOfWeek != DayOfWeek.Saturday)
        {
            saturday = saturday.AddDays(1);
        }

        Assert.NotEmpty(await admin.FreeAsync(BookingKit.FollowUp, 2, saturday));
        Assert.Contains("Ben Brooks-Hale", await admin.GetStringAsync("/api/practitioners"));
    }

    [Fact]
    public async Task Hours_that_read_badly_or_would_strand_a_booked_visit_are_refused_and_nothing_changes()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        await BookFollowUpAsync(pat, BookingKit.Ana);
        var admin = await SignedInAsync();

        var garbled = await Submit(admin, "/admin/practitioners/1", new Dictionary<string, string>
        {
            ["Monday"] = "nine to five", ["Tuesday"] = "17:00-09:00", ["Wednesday"] = "09:00-12:00, 11:00-13:00",
        }, "form[action='/admin/practitioners/1/hours']");
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        var html = await BodyAsync(garbled);
        Assert.Contains("is not a time range", FieldError(html, "Monday"));
        Assert.Contains("the end must be after the start", FieldError(html, "Tuesday"));
        Assert.Contains("overlap", FieldError(html, "Wednesday"));

        var stranding = await Submit(admin, "/admin/practitioners/1", new Dictionary<string, string>
        {
            ["Monday"] = "", ["Tuesday"] = "", ["Wednesday"] = "", ["Thursday"] = "", ["Friday"] = "",
        }, "form[action='/admin/practitioners/1/hours']");
        Assert.Equal(HttpStatusCode.BadRequest, stranding.StatusCode);
        var stranded = await BodyAsync(stranding);
        Assert.Contains("outside working time", stranded);
        Assert.Contains("Pat Patient", stranded);

        Assert.Equal(5, await DbAsync(db => db.WorkingIntervals.CountAsync(w => w.PractitionerId == 1)));
        Assert.Equal(0, await DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.PractitionerHours)));
    }

    [Fact]
    public async Task Deactivating_is_refused_while_visits_are_booked_listing_them_then_cancelling_them_emails_the_patients()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var visit = await BookFollowUpAsync(pat, BookingKit.Ana);
        await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal));
        var admin = await SignedInAsync();

        var page = await admin.GetDocumentAsync("/admin/practitioners/1/deactivate");
        Assert.Contains("Pat Patient", page.QuerySelector("main")!.TextContent);
        var refused = await Submit(admin, "/admin/practitioners/1/deactivate", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await BodyAsync(refused);
        Assert.Contains("has 1 booked visit ahead", FieldError(html, "CancelAppointments"));
        Assert.Contains($"/admin/appointments/{visit}", html);
        Assert.True(await DbAsync(db => db.Practitioners.Where(p => p.Id == 1).Select(p => p.IsActive).SingleAsync()));
        Assert.Equal(AppointmentStatus.Booked, await DbAsync(db => db.Appointments.Where(a => a.Id == visit).Select(a => a.Status).SingleAsync()));

        var done = await Submit(admin, "/admin/practitioners/1/deactivate", new Dictionary<string, string> { ["CancelAppointments"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var cancelled = await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is cancelled", StringComparison.Ordinal));
        Assert.Contains("pat@clinic.test", cancelled.To.ToString());
        Assert.Equal(AppointmentStatus.Cancelled, await DbAsync(db => db.Appointments.Where(a => a.Id == visit).Select(a => a.Status).SingleAsync()));
        Assert.DoesNotContain("Ana Alvarez", await pat.GetStringAsync("/api/practitioners"));
        var day = BookingKit.FutureWeekday(_app);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await pat.GetAsync($"/api/availability?serviceId=2&practitionerId=1&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).StatusCode);
        Assert.All(await pat.FreeAsync(BookingKit.FollowUp, null, day), s => Assert.NotEqual(BookingKit.Ana, s.PractitionerId));
        Assert.Equal(1, await DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.AppointmentCancelByAdmin && a.RecordId == visit.ToString())));
        Assert.Equal(1, await DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.PractitionerDeactivate)));
    }

    // ---- Services ----

    [Theory]
    [InlineData("", "45", "15", "Name", "Enter a name for the service.")]
    [InlineData("Long", "7", "15", "DurationMinutes", "in steps of 5")]
    [InlineData("Long", "0", "15", "DurationMinutes", "from 5 to 480")]
    [InlineData("Long", "485", "15", "DurationMinutes", "from 5 to 480")]
    [InlineData("Long", "an hour", "15", "DurationMinutes", "Enter the length in minutes")]
    [InlineData("Long", "60", "-5", "BufferMinutes", "from 0 to 120")]
    [InlineData("Long", "60", "121", "BufferMinutes", "from 0 to 120")]
    [InlineData("Follow-up treatment", "60", "10", "Name", "Another service already has this name")]
    public async Task A_service_with_bad_values_is_refused_with_a_message_beside_the_field(string name, string duration, string buffer,
        string field, string message)
    {
        var admin = await SignedInAsync();
        var response = await Submit(admin, "/admin/services/new", new Dictionary<string, string>
        {
            ["Name"] = name, ["DurationMinutes"] = duration, ["BufferMinutes"] = buffer,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, FieldError(await BodyAsync(response), field));
        Assert.Equal(2, await DbAsync(db => db.Services.CountAsync()));
    }

    [Fact]
    public async Task A_new_service_is_offered_at_once_and_a_retired_one_is_not_while_its_booked_visits_stay()
    {
        var admin = await SignedInAsync();
        var created = await Submit(admin, "/admin/services/new", new Dictionary<string, string>
        {
            ["Name"] = "Short check-in", ["DurationMinutes"] = "30", ["BufferMinutes"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("\"name\":\"Short check-in\",\"durationMinutes\":30,\"bufferMinutes\":0,\"requiresIntake\":false",
            await admin.GetStringAsync("/api/services"));

        var pat = await SignedInAsync("pat@clinic.test");
        var visit = await BookFollowUpAsync(pat);
        var retired = await Submit(admin, "/admin/services/2", new Dictionary<string, string>(), "form[action='/admin/services/2/retire']");
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);

        Assert.DoesNotContain("Follow-up treatment", await admin.GetStringAsync("/api/services"));
        Assert.Equal(AppointmentStatus.Booked, await DbAsync(db => db.Appointments.Where(a => a.Id == visit).Select(a => a.Status).SingleAsync()));
        Assert.True(await DbAsync(db => db.Services.AnyAsync(s => s.Id == 2 && !s.IsActive)));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/book?serviceId=2")).StatusCode);
    }

    [Fact]
    public async Task A_new_duration_applies_to_new_bookings_only()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var visit = await BookFollowUpAsync(pat);
        var before = await DbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == visit));
        var admin = await SignedInAsync();

        var saved = await Submit(admin, "/admin/services/2", new Dictionary<string, string>
        {
            ["Name"] = "Follow-up treatment", ["DurationMinutes"] = "60", ["BufferMinutes"] = "10",
        }, "form[action='/admin/services/2']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var after = await DbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == visit));
        Assert.Equal((before.StartUtc, before.EndUtc, before.BlockedUntilUtc), (after.StartUtc, after.EndUtc, after.BlockedUntilUtc));
        Assert.Equal(45, after.DurationMinutes);
        var slot = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ben, BookingKit.FutureWeekday(_app, 9))).First();
        Assert.Equal(TimeSpan.FromMinutes(60), DateTimeOffset.Parse(slot.End) - DateTimeOffset.Parse(slot.Start));
        Assert.Contains("About 45 minutes", await pat.GetStringAsync($"/appointments/{visit}"));
    }

    // ---- Settings ----

    [Fact]
    public async Task Settings_refuse_a_bad_zone_a_negative_notice_and_an_empty_reminder_list_and_change_nothing()
    {
        var admin = await SignedInAsync();
        var before = await DbAsync(db => db.ClinicSettings.AsNoTracking().SingleAsync());

        var response = await Submit(admin, "/admin/settings", new Dictionary<string, string>
        {
            ["Name"] = "Renamed clinic", ["TimeZone"] = "Mars/Olympus_Mons", ["MinimumNoticeHours"] = "-3", ["ReminderOffsetsHours"] = " , ",
            ["BookingHorizonDays"] = "0", ["SlotStepMinutes"] = "abc", ["AlertEmail"] = "nope",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await BodyAsync(response);
        Assert.Contains("not a time zone we can use", FieldError(html, "TimeZone"));
        Assert.Contains("more than 0", FieldError(html, "MinimumNoticeHours"));
        Assert.Contains("at least one reminder", FieldError(html, "ReminderOffsetsHours"));
        Assert.Contains("from 1 to 730", FieldError(html, "BookingHorizonDays"));
        Assert.Contains("5, 10, 15, 20, 30 or 60 minutes", FieldError(html, "SlotStepMinutes"));
        Assert.Contains("email address", FieldError(html, "AlertEmail"));
        Assert.Contains("Mars/Olympus_Mons", html); // what was typed comes back
        var after = await DbAsync(db => db.ClinicSettings.AsNoTracking().SingleAsync());
        Assert.Equivalent(before, after);

        // Real zones that do not follow the clinic's clocks through daylight saving, and steps that drift off the hour.
        var fixedOffset = await Submit(admin, "/admin/settings", new Dictionary<string, string> { ["TimeZone"] = "EST", ["SlotStepMinutes"] = "7" });
        Assert.Equal(HttpStatusCode.BadRequest, fixedOffset.StatusCode);
        var fixedHtml = await BodyAsync(fixedOffset);
        Assert.Contains("region/city", FieldError(fixedHtml, "TimeZone"));
        Assert.Contains("5, 10, 15, 20, 30 or 60 minutes", FieldError(fixedHtml, "SlotStepMinutes"));
        var negative = await Submit(admin, "/admin/settings", new Dictionary<string, string> { ["ReminderOffsetsHours"] = "24, -1" });
        Assert.Contains("must be more than 0 hours", FieldError(await BodyAsync(negative), "ReminderOffsetsHours"));
        Assert.Equivalent(before, await DbAsync(db => db.ClinicSettings.AsNoTracking().SingleAsync()));
        Assert.DoesNotContain("Renamed clinic", await admin.GetStringAsync("/"));
    }

    [Theory]
    [InlineData("TimeZone", "Eastern Standard Time", "not a time zone we can use")]
    [InlineData("ReminderOffsetsHours", "24, 0", "must be more than 0 hours")]
    [InlineData("ReminderOffsetsHours", "24, -2", "must be more than 0 hours")]
    [InlineData("MinimumNoticeHours", "0", "more than 0")]
    [InlineData("IntakeReminderHours", "soon", "more than 0")]
    [InlineData("CancellationWindowHours", "-1", "from 0 to")]
    [InlineData("AlertEmail", "", "cannot be left empty")]
    [InlineData("AlertEmail", "   ", "cannot be left empty")]
    [InlineData("AlertEmail", "a@clinic.test, b@clinic.test", "one email address")]
    public async Task Each_bad_setting_is_refused_on_its_own(string field, string value, string message)
    {
        var admin = await SignedInAsync();
        var response = await Submit(admin, "/admin/settings", new Dictionary<string, string> { [field] = value });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, FieldError(await BodyAsync(response), field));
    }

    [Fact]
    public async Task Saved_settings_apply_at_once()
    {
        var admin = await SignedInAsync();
        var response = await Submit(admin, "/admin/settings", new Dictionary<string, string>
        {
            ["Phone"] = "555-0199", ["TimeZone"] = "Europe/Berlin", ["SlotStepMinutes"] = "30", ["MinimumNoticeHours"] = "1.5",
            ["ReminderOffsetsHours"] = "48, 3", ["CancellationWindowHours"] = "12", ["IntakeReminderHours"] = "96",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var stored = await DbAsync(db => db.ClinicSettings.AsNoTracking().SingleAsync());
        Assert.Equal(("Europe/Berlin", 30, 90, "2880,180", 720, 5760),
            (stored.TimeZone, stored.SlotStepMinutes, stored.MinimumNoticeMinutes, stored.ReminderOffsetsMinutes, stored.CancellationWindowMinutes,
                stored.IntakeReminderOffsetMinutes));
        Assert.Contains("555-0199", await admin.GetStringAsync("/"));
        var slots = await admin.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, BookingKit.FutureWeekday(_app));
        Assert.All(slots, s => Assert.True(s.Start[14..16] is "00" or "30", s.Start));
        Assert.All(slots, s => Assert.Contains(DateTimeOffset.Parse(s.Start).Offset, new[] { TimeSpan.FromHours(1), TimeSpan.FromHours(2) }));
        Assert.Contains("48, 3", (await admin.GetDocumentAsync("/admin/settings")).QuerySelector("#ReminderOffsetsHours")!.GetAttribute("value"));
        Assert.Equal(1, await DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SettingsUpdate)));
    }

    // ---- Outbox ----

    [Fact]
    public async Task Retrying_a_failed_email_sends_it_exactly_once_and_is_audited()
    {
        _app.Smtp.FailNext(1, (SmtpReplyCode)550);
        var pat = await SignedInAsync("pat@clinic.test");
        await BookFollowUpAsync(pat);
        OutboxMessage row = null!;
        for (var i = 0; i < 100 && (row = await DbAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Kind == OutboxKind.BookingConfirmation))).Status != OutboxStatus.Failed; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(OutboxStatus.Failed, row.Status);
        var admin = await SignedInAsync();
        var page = await admin.GetDocumentAsync("/admin/outbox?status=Failed");
        var line = page.QuerySelector($"#row-{row.Id}")!;
        Assert.Contains("550", line.TextContent);
        Assert.Contains("p**@clinic.test", line.TextContent);
        Assert.DoesNotContain("pat@clinic.test", page.QuerySelector("main")!.TextContent);
        var token = page.AntiforgeryToken();

        var retries = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => admin.PostAsync($"/admin/outbox/{row.Id}/retry",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))));
        Assert.All(retries, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal));
        await DispatchAsync();
        var again = await admin.PostAsync($"/admin/outbox/{row.Id}/retry", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await DispatchAsync();
        await Task.Delay(500);

        Assert.Single(_app.Smtp.Messages, m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Sent, (await DbAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == row.Id))).Status);
        Assert.Equal(1, await DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.OutboxRetry && a.RecordId == row.Id.ToString())));
    }

    [Fact]
    public async Task The_outbox_filters_by_status_kind_and_date_and_refuses_a_bad_filter()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        await BookFollowUpAsync(pat);
        await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal));
        var admin = await SignedInAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(_app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));

        var reminders = await admin.GetDocumentAsync("/admin/outbox?kind=Reminder&status=Pending");
        Assert.Equal(2, reminders.QuerySelectorAll("tbody tr").Length);
        var sentToday = await admin.GetDocumentAsync($"/admin/outbox?status=Sent&date={today:yyyy-MM-dd}");
        Assert.Single(sentToday.QuerySelectorAll("tbody tr"));
        Assert.Contains("Booking confirmation", sentToday.QuerySelector("tbody")!.TextContent);
        Assert.Empty((await admin.GetDocumentAsync($"/admin/outbox?date={today.AddDays(-3):yyyy-MM-dd}")).QuerySelectorAll("tbody tr"));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/admin/outbox?status=Lost")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/admin/outbox?date=31/12/2026")).StatusCode);
    }

    // ---- Audit log ----

    [Fact]
    public async Task Audit_filters_by_actor_patient_action_and_date_and_pages_newest_first()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        await pat.GetAsync("/intake"); // intake.view, Pat about Pat
        var admin = await SignedInAsync();
        await Submit(admin, "/admin/settings", new Dictionary<string, string> { ["Phone"] = "555-0142" });
        await DbAsync(async db =>
        {
            var patId = await db.Users.Where(u => u.Email == "pat@clinic.test").Select(u => u.Id).SingleAsync();
            var anaId = await db.Users.Where(u => u.Email == "ana@clinic.test").Select(u => u.Id).SingleAsync();
            var now = _app.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < 60; i++)
            {
                db.AuditEntries.Add(new AuditEntry(now.AddMinutes(-i - 1), anaId, AuditActions.IntakeView, "IntakeVersion", $"{i}", patId, "10.0.0.9"));
            }

            db.AuditEntries.Add(new AuditEntry(now.AddDays(-10), anaId, AuditActions.IntakeView, "IntakeVersion", "old", patId, "10.0.0.9"));
            return await db.SaveChangesAsync();
        });
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(_app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));

        List<string[]> Rows(AngleSharp.Html.Dom.IHtmlDocument doc) => doc.QuerySelectorAll("tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();

        var byAdmin = Rows(await admin.GetDocumentAsync("/admin/audit?actor=ADMIN%40clinic.test"));
        Assert.NotEmpty(byAdmin);
        Assert.All(byAdmin, r => Assert.Equal("admin@clinic.test", r[1]));
        Assert.Contains(byAdmin, r => r[2] == AuditActions.SettingsUpdate);

        var aboutPat = await admin.GetDocumentAsync("/admin/audit?patient=pat%40clinic.test&action=intake.view");
        var first = Rows(aboutPat);
        Assert.Equal(50, first.Count);
        Assert.All(first, r => Assert.Equal(("intake.view", "pat@clinic.test"), (r[2], r[4])));
        Assert.Contains("(62 rows)", aboutPat.QuerySelector(".pager")!.TextContent);
        var second = Rows(await admin.GetDocumentAsync("/admin/audit?patient=pat%40clinic.test&action=intake.view&page=2"));
        Assert.Equal(12, second.Count);
        Assert.Contains(second, r => r[3] == "IntakeVersion old");
        Assert.Equal("IntakeVersion 0", first.First(r => r[1] == "ana@clinic.test")[3]);

        var todayOnly = Rows(await admin.GetDocumentAsync($"/admin/audit?actor=ana%40clinic.test&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}"));
        var earlier = Rows(await admin.GetDocumentAsync($"/admin/audit?actor=ana%40clinic.test&to={today.AddDays(-5):yyyy-MM-dd}"));
        Assert.Equal(["IntakeVersion old"], earlier.Select(r => r[3]).ToArray());
        Assert.DoesNotContain(todayOnly, r => r[3] == "IntakeVersion old");
        Assert.Contains(todayOnly, r => r[5] == "10.0.0.9");
        Assert.Empty(Rows(await admin.GetDocumentAsync("/admin/audit?actor=nobody%40example.com")));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/admin/audit?from=yesterday")).StatusCode);
    }

    // ---- Dashboard ----

    [Fact]
    public async Task The_dashboard_lists_the_weeks_visits_intakes_awaiting_review_red_flags_and_failed_emails_each_a_link()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(_app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));
        await pat.FillAllAsync(new Dictionary<string, string>(IntakeKit.CalmAnswers(today)) { ["wet_diapers_24h"] = "2" });
        await pat.SubmitIntakeAsync();
        var visit = await BookFollowUpAsync(pat, BookingKit.Ben, 3);
        var admin = await SignedInAsync();

        var page = await admin.GetDocumentAsync("/admin");
        var week = page.QuerySelector("#week + *")!;
        Assert.NotNull(week.QuerySelector($"a[href='/admin/appointments/{visit}']"));
        Assert.Contains("Ben Brooks", week.TextContent);
        var awaiting = page.QuerySelector("#awaiting-review ~ .table-responsive")!;
        Assert.Contains("Pat Patient", awaiting.TextContent);
        Assert.NotNull(awaiting.QuerySelector($"a[href='/admin/appointments/{visit}']"));
        var flags = page.QuerySelector("#red-flags ~ .table-responsive")!;
        Assert.Contains("Same day", flags.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/admin/outbox?status=Failed']"));
    }

    [GeneratedRegex(@"http://\S+/Identity/Account/ResetPassword\?code=\S+")]
    private static partial Regex SetPasswordLink();
}
