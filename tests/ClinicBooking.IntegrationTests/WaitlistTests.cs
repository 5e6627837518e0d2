using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Domain.Practice;
using ClinicBooking.Web.Features.Notifications;
using ClinicBooking.Web.Features.Practice;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 16, the waitlist: a patient joins for a service (optionally one practitioner, some days and times of day);
/// when a matching time frees up (cancellation, move, new hours) every matching waiter is emailed at once, in the
/// order they joined, with a link that books it if it is still free; the first to book wins and the others see the
/// next free times. Patients see and leave their places; the desk and admins see the list; places expire after
/// Clinic:WaitlistDays. Real SQLite file, real SMTP sink on loopback.
/// </summary>
public sealed class WaitlistTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.Settings["Clinic:WaitlistDays"] = "30";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly string[] AllWeekdays = ["1", "2", "3", "4", "5"];

    private async Task<HttpClient> PatientAsync(string email)
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync(email);
        return client;
    }

    /// <summary>POSTs the join form as a browser would: repeated Days and Times fields.</summary>
    private static async Task<HttpResponseMessage> JoinAsync(HttpClient client, string serviceId, string practitionerId,
        IEnumerable<string>? days = null, IEnumerable<string>? times = null)
    {
        var token = (await client.GetDocumentAsync("/waitlist/join")).AntiforgeryToken();
        var fields = new List<KeyValuePair<string, string>> { new("ServiceId", serviceId), new("PractitionerId", practitionerId), new("__RequestVerificationToken", token) };
        fields.AddRange((days ?? []).Select(d => new KeyValuePair<string, string>("Days", d)));
        fields.AddRange((times ?? []).Select(t => new KeyValuePair<string, string>("Times", t)));
        return await client.PostAsync("/waitlist", new FormUrlEncodedContent(fields));
    }

    private async Task<int> DispatchAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
    }

    private Task<List<OutboxMessage>> OffersInOutboxAsync() =>
        _app.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Kind == OutboxKind.WaitlistOffer).OrderBy(o => o.Id).ToListAsync());

    private List<MimeMessage> OfferEmails() =>
        _app.Smtp.Messages.Where(m => m.Subject!.StartsWith("A time has come free", StringComparison.Ordinal)
                                      || m.Subject.StartsWith("Se ha liberado una hora", StringComparison.Ordinal)).ToList();

    private static string OfferLink(MimeMessage message) =>
        System.Text.RegularExpressions.Regex.Match(message.HtmlBody!, "http://localhost(/waitlist/offers/\\d+)").Groups[1].Value;

    private static string Recipient(MimeMessage m) => m.To.Mailboxes.Single().Address;

    /// <summary>A follow-up with Ana at 10:00 on a weekday ahead, booked by <paramref name="holder"/>: the time that will free up.</summary>
    private async Task<(int Id, string Start, DateOnly Day)> HeldTimeAsync(HttpClient holder, int daysAhead = 9)
    {
        var day = BookingKit.FutureWeekday(_app, daysAhead);
        var start = (await holder.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day)).First(s => s.Start.Contains("T10:00", StringComparison.Ordinal)).Start;
        var booked = await holder.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        return (int.Parse(booked.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture), start, day);
    }

    private static async Task<HttpResponseMessage> CancelAsync(HttpClient client, int appointmentId) =>
        await client.SubmitFormAsync($"/appointments/{appointmentId}/cancel", new Dictionary<string, string>(), $"form[action='/appointments/{appointmentId}/cancel']");

    [Fact]
    public async Task A_cancellation_emails_every_matching_waiter_at_once_in_join_order_and_nobody_else()
    {
        var emails = await _app.CreatePatientsAsync(6, "wait");
        var holder = await PatientAsync(emails[0]);
        var (id, start, day) = await HeldTimeAsync(holder);
        var weekday = ((int)day.DayOfWeek).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var otherDay = (((int)day.DayOfWeek % 5) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Joined in this order: two who match (any practitioner / Ana, that weekday, mornings), then three who do not.
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(await PatientAsync(emails[1]), "2", "any", [weekday], ["Morning"])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(await PatientAsync(emails[2]), "2", BookingKit.Ana.ToString(), [], [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(await PatientAsync(emails[3]), "2", BookingKit.Ben.ToString())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(await PatientAsync(emails[4]), "2", "any", [otherDay])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(await PatientAsync(emails[5]), "2", "any", AllWeekdays, ["Evening"])).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await CancelAsync(holder, id)).StatusCode);
        await DispatchAsync();

        var rows = await OffersInOutboxAsync();
        var offered = await _app.QueryAsync(db => db.WaitlistOffers.OrderBy(o => o.Id)
            .Join(db.WaitlistEntries, o => o.EntryId, e => e.Id, (o, e) => e.PatientId)
            .Join(db.Users, p => p, u => u.Id, (p, u) => u.Email!).ToListAsync());
        Assert.Equal([emails[1], emails[2]], offered);
        Assert.Equal(rows.Select(r => r.WaitlistOfferId).Order(), rows.Select(r => r.WaitlistOfferId));
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        var received = OfferEmails();
        Assert.Equal(2, received.Count);
        Assert.Equal([emails[1], emails[2]], received.Select(Recipient));
        // The time freed is the time offered, to both: the cancelled 10:00, not another start it also frees.
        var expected = DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.All(rows, r => Assert.Equal(expected, r.AppointmentStartUtc));
        Assert.All(received, m => Assert.Contains("10:00", m.Subject, StringComparison.Ordinal));

        // Nothing twice: another run, or another signal for the same time, offers nobody the same time again.
        await DispatchAsync();
        Assert.Equal(2, (await OffersInOutboxAsync()).Count);
    }

    [Fact]
    public async Task The_first_to_book_an_offered_time_has_it_and_the_other_waiter_sees_the_next_free_times()
    {
        var emails = await _app.CreatePatientsAsync(3, "race");
        var holder = await PatientAsync(emails[0]);
        var (id, start, _) = await HeldTimeAsync(holder);
        var first = await PatientAsync(emails[1]);
        var second = await PatientAsync(emails[2]);
        await JoinAsync(first, "2", "any");
        await JoinAsync(second, "2", "any");
        await CancelAsync(holder, id);
        await DispatchAsync();
        var links = OfferEmails().ToDictionary(Recipient, OfferLink);

        // The link books the time through the usual confirm page, while it is free.
        var open = await first.GetAsync(links[emails[1]]);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.StartsWith("/book/confirm?serviceId=2&practitionerId=1&start=", open.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await first.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start)).StatusCode);

        // Booking the service ends the first waiter's wait; the second finds it taken, with other times that suit.
        var entries = await _app.QueryAsync(db => db.WaitlistEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([WaitlistStatus.Booked, WaitlistStatus.Waiting], entries.Select(e => e.Status));
        var late = await second.GetAsync(links[emails[2]]);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var page = Forms.Parse(await late.Content.ReadAsStringAsync());
        Assert.Contains("That time has been booked", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var alternatives = page.QuerySelectorAll(".choice-list a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(alternatives);
        Assert.All(alternatives, href => Assert.StartsWith("/book/confirm?serviceId=2&", href, StringComparison.Ordinal));

        // The first waiter's own link now says their place has closed; and no one else's link opens for them.
        var closed = Forms.Parse(await (await first.GetAsync(links[emails[1]])).Content.ReadAsStringAsync());
        Assert.Contains("This offer has closed", closed.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync(links[emails[2]])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync("/waitlist/offers/999999")).StatusCode);
    }

    [Fact]
    public async Task A_move_offers_the_old_time_and_new_hours_offer_times_on_a_day_that_had_none()
    {
        var emails = await _app.CreatePatientsAsync(3, "move");
        var holder = await PatientAsync(emails[0]);
        var (id, start, day) = await HeldTimeAsync(holder);
        var weekday = ((int)day.DayOfWeek).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await JoinAsync(await PatientAsync(emails[1]), "2", BookingKit.Ana.ToString(), [weekday], ["Morning"]);
        // Waits for a Saturday, when nobody works yet.
        await JoinAsync(await PatientAsync(emails[2]), "2", BookingKit.Ben.ToString(), ["6"]);

        var next = day.AddDays(day.DayOfWeek == DayOfWeek.Friday ? 3 : 1);
        var later = (await holder.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, next)).First().Start;
        var moved = await holder.SubmitFormAsync($"/appointments/{id}/reschedule?start={Uri.EscapeDataString(later)}",
            new Dictionary<string, string>(), $"form[action='/appointments/{id}/reschedule']");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        await DispatchAsync();
        var offer = Assert.Single(await OffersInOutboxAsync());
        Assert.Equal((emails[1], DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)),
            (Assert.Single(OfferEmails()).To.Mailboxes.Single().Address, offer.AppointmentStartUtc!.Value));

        // Ben adds Saturday mornings: the Saturday waiter hears of the first one.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var practice = scope.ServiceProvider.GetRequiredService<PracticeService>();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var ben = await db.Practitioners.Include(p => p.WorkingIntervals).SingleAsync(p => p.Id == BookingKit.Ben);
            var hours = ben.WorkingIntervals.Select(w => new HoursInterval(w.DayOfWeek, w.Start, w.End)).ToList();
            hours.Add(new HoursInterval(DayOfWeek.Saturday, new TimeOnly(9, 0), new TimeOnly(12, 0)));
            Assert.Empty(await practice.SaveHoursAsync(ben, hours));
        }

        await DispatchAsync();
        var saturday = (await OffersInOutboxAsync()).Last();
        Assert.Equal(emails[2], OfferEmails().Last().To.Mailboxes.Single().Address);
        var local = TimeZoneInfo.ConvertTimeFromUtc(saturday.AppointmentStartUtc!.Value, BookingKit.Zone);
        Assert.Equal((DayOfWeek.Saturday, BookingKit.Ben), (local.DayOfWeek, saturday.PractitionerId!.Value));
    }

    [Fact]
    public async Task A_patient_sees_and_leaves_their_places_and_places_expire_after_WaitlistDays()
    {
        var email = (await _app.CreatePatientsAsync(2, "own"))[0];
        var patient = await PatientAsync(email);
        var other = await PatientAsync("own1@example.com");
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(patient, "2", "any", ["1", "3"], ["Morning", "Evening"])).StatusCode);
        var list = await patient.GetDocumentAsync("/waitlist");
        var card = list.QuerySelector(".choice-card")!.TextContent;
        Assert.Contains("Monday, Wednesday", card, StringComparison.Ordinal);
        Assert.Contains("mornings, evenings", card, StringComparison.Ordinal);
        Assert.Contains("any practitioner", card, StringComparison.Ordinal);

        // Joining the same wait again changes its days and keeps its place; someone else cannot leave it.
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(patient, "2", "any", ["2"])).StatusCode);
        var entry = Assert.Single(await _app.QueryAsync(db => db.WaitlistEntries.AsNoTracking().ToListAsync()));
        Assert.Equal([DayOfWeek.Tuesday], entry.DayList);
        var foreign = await other.PostAsync($"/waitlist/{entry.Id}/leave", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await other.GetDocumentAsync("/waitlist")).AntiforgeryToken(),
        }));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        // Thirty days on it has ended, and says so.
        _app.Clock.Advance(TimeSpan.FromDays(31));
        patient = await PatientAsync(email);
        var ended = await patient.GetDocumentAsync("/waitlist");
        Assert.Contains("You are not waiting for a time.", ended.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("ended on", ended.Body.TextContent, StringComparison.Ordinal);

        // Joined again, then left.
        await JoinAsync(patient, "2", "any");
        var fresh = await _app.QueryAsync(db => db.WaitlistEntries.AsNoTracking().OrderBy(e => e.Id).LastAsync());
        Assert.Equal(TimeSpan.FromDays(30), fresh.ExpiresUtc - fresh.CreatedUtc);
        var left = await patient.SubmitFormAsync("/waitlist", new Dictionary<string, string>(), $"form[action='/waitlist/{fresh.Id}/leave']");
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        Assert.Equal(WaitlistStatus.Left, (await _app.QueryAsync(db => db.WaitlistEntries.AsNoTracking().SingleAsync(e => e.Id == fresh.Id))).Status);

        // The places are part of the patient's data download.
        var download = await patient.PostAsync("/Identity/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await patient.GetDocumentAsync("/Identity/Account/Manage/PersonalData")).AntiforgeryToken(),
        }));
        using var json = System.Text.Json.JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        var places = json.RootElement.GetProperty("waitlist").EnumerateArray().ToList();
        Assert.Equal(["Expired", "Left"], places.Select(p => p.GetProperty("status").GetString()));
        Assert.Equal(["Tuesday"], places[0].GetProperty("days").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task An_expired_or_left_place_is_offered_nothing()
    {
        var emails = await _app.CreatePatientsAsync(3, "gone");
        var holder = await PatientAsync(emails[0]);
        var (id, _, _) = await HeldTimeAsync(holder, daysAhead: 40);
        var leaver = await PatientAsync(emails[1]);
        await JoinAsync(leaver, "2", "any");
        var leftId = await _app.QueryAsync(db => db.WaitlistEntries.Select(e => e.Id).SingleAsync());
        await leaver.SubmitFormAsync("/waitlist", new Dictionary<string, string>(), $"form[action='/waitlist/{leftId}/leave']");
        await JoinAsync(await PatientAsync(emails[2]), "2", "any");
        _app.Clock.Advance(TimeSpan.FromDays(31));
        holder = await PatientAsync(emails[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await CancelAsync(holder, id)).StatusCode);
        await DispatchAsync();
        Assert.Empty(await OffersInOutboxAsync());
        Assert.Empty(await _app.QueryAsync(db => db.WaitlistSignals.ToListAsync()));
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_4xx_and_changes_nothing()
    {
        var patient = await PatientAsync((await _app.CreatePatientsAsync(1, "bad"))[0]);
        async Task Refused(HttpStatusCode status, string serviceId, string practitionerId, IEnumerable<string>? days = null, IEnumerable<string>? times = null)
        {
            var response = await JoinAsync(patient, serviceId, practitionerId, days, times);
            Assert.Equal(status, response.StatusCode);
            var page = Forms.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#join-problem")?.TextContent));
        }

        await Refused(HttpStatusCode.BadRequest, "", "any");
        await Refused(HttpStatusCode.BadRequest, "abc", "any");
        await Refused(HttpStatusCode.BadRequest, "999", "any");
        await Refused(HttpStatusCode.BadRequest, "2", "999");
        await Refused(HttpStatusCode.BadRequest, "2", "x1");
        await Refused(HttpStatusCode.BadRequest, "2", "any", ["7"]);
        await Refused(HttpStatusCode.BadRequest, "2", "any", ["-1"]);
        await Refused(HttpStatusCode.BadRequest, "2", "any", [new string('1', 5000)]);
        await Refused(HttpStatusCode.BadRequest, "2", "any", null, ["Night"]);
        await Refused(HttpStatusCode.BadRequest, "2", "any", null, ["7"]);
        Assert.Empty(await _app.QueryAsync(db => db.WaitlistEntries.ToListAsync()));

        // At most five places at once: the sixth is refused with what to do.
        foreach (var p in new[] { "any", "1", "2" })
        {
            await JoinAsync(patient, "2", p);
        }

        await JoinAsync(patient, "1", "any");
        await JoinAsync(patient, "1", "1");
        await Refused(HttpStatusCode.Conflict, "1", "2");
        Assert.Equal(5, await _app.QueryAsync(db => db.WaitlistEntries.CountAsync()));

        // Without the antiforgery token nothing is joined; leaving an unknown place is a 404.
        var forged = await patient.PostAsync("/waitlist", new FormUrlEncodedContent(new Dictionary<string, string> { ["ServiceId"] = "1" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var unknown = await patient.PostAsync("/waitlist/999999/leave", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await patient.GetDocumentAsync("/waitlist")).AntiforgeryToken(),
        }));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(5, await _app.QueryAsync(db => db.WaitlistEntries.CountAsync()));
    }

    [Fact]
    public async Task The_desk_and_admins_see_who_is_waiting_in_join_order_and_the_desk_can_take_someone_off()
    {
        var emails = await _app.CreatePatientsAsync(2, "list");
        await JoinAsync(await PatientAsync(emails[0]), "2", "any", ["1"], ["Morning"]);
        await JoinAsync(await PatientAsync(emails[1]), "1", BookingKit.Ben.ToString());

        var desk = await _app.StaffAsync("desk@clinic.test");
        var rows = (await desk.GetDocumentAsync("/desk/waitlist")).QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Patient 0", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Monday", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Patient 1", rows[1].TextContent, StringComparison.Ordinal);

        var admin = await _app.StaffAsync("admin@clinic.test");
        var adminPage = await admin.GetDocumentAsync("/admin/waitlist");
        Assert.Equal(2, adminPage.QuerySelectorAll("tbody tr").Length);
        Assert.NotNull(adminPage.QuerySelector("nav.admin-nav a[href='/admin/waitlist'][aria-current=page]"));

        var first = await _app.QueryAsync(db => db.WaitlistEntries.OrderBy(e => e.Id).FirstAsync());
        var removed = await desk.SubmitFormAsync("/desk/waitlist", new Dictionary<string, string>(), $"form[action='/desk/waitlist/{first.Id}/remove']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Single((await desk.GetDocumentAsync("/desk/waitlist")).QuerySelectorAll("tbody tr"));
        Assert.True(await _app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "desk.waitlist.remove" && a.SubjectId == first.PatientId)));

        // A patient cannot see the list.
        Assert.Equal(HttpStatusCode.NotFound, (await (await PatientAsync(emails[0])).GetAsync("/desk/waitlist")).StatusCode);
    }

    [Fact]
    public async Task The_offer_email_says_when_and_with_whom_only_in_the_waiters_language()
    {
        var emails = await _app.CreatePatientsAsync(2, "words");
        var holder = await PatientAsync(emails[0]);
        var (id, _, _) = await HeldTimeAsync(holder);
        await _app.QueryAsync(db => db.Users.Where(u => u.Email == emails[1]).ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredLanguage, "es")));
        await JoinAsync(await PatientAsync(emails[1]), "2", "any");
        await CancelAsync(holder, id);
        await DispatchAsync();

        var email = Assert.Single(OfferEmails());
        Assert.StartsWith("Se ha liberado una hora", email.Subject, StringComparison.Ordinal);
        var text = Forms.Parse(email.HtmlBody!).Body!.TextContent;
        Assert.Contains("Ana", text, StringComparison.Ordinal);
        Assert.Contains("lista de espera", text, StringComparison.Ordinal);
        // No health data: the service is not named, nothing from the intake; the link holds an id only.
        Assert.DoesNotContain("Follow-up", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("seguimiento", text, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^/waitlist/offers/\\d+$", OfferLink(email));
    }

    [Fact]
    public async Task The_desk_puts_a_caller_on_the_waitlist_audited_and_bad_input_changes_nothing()
    {
        var patId = await _app.QueryAsync(db => db.Users.Where(u => u.Email == "pat@clinic.test").Select(u => u.Id).SingleAsync());
        var desk = await _app.StaffAsync("desk@clinic.test");
        var page = await desk.GetDocumentAsync($"/desk/patients/{patId}");
        Assert.NotNull(page.QuerySelector($"a[href='/desk/patients/{patId}/waitlist']"));
        var form = await desk.GetDocumentAsync($"/desk/patients/{patId}/waitlist");
        Assert.Contains("Add Pat", form.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var token = form.AntiforgeryToken();

        async Task<HttpResponseMessage> PostAsync(string id, params (string Name, string Value)[] fields) =>
            await desk.PostAsync($"/desk/patients/{id}/waitlist", new FormUrlEncodedContent(
                fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token))));

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(patId, ("ServiceId", "2"), ("Days", "8"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(Guid.NewGuid().ToString(), ("ServiceId", "2"))).StatusCode);
        var deskId = await _app.QueryAsync(db => db.Users.Where(u => u.Email == "desk@clinic.test").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(deskId, ("ServiceId", "2"))).StatusCode);
        Assert.Empty(await _app.QueryAsync(db => db.WaitlistEntries.ToListAsync()));

        var added = await PostAsync(patId, ("ServiceId", "2"), ("PractitionerId", BookingKit.Ben.ToString()), ("Days", "2"), ("Days", "4"), ("Times", "Afternoon"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"/desk/patients/{patId}", added.Headers.Location!.OriginalString);
        var entry = Assert.Single(await _app.QueryAsync(db => db.WaitlistEntries.AsNoTracking().ToListAsync()));
        Assert.Equal((patId, deskId, (int?)BookingKit.Ben, WaitlistTimes.Afternoon), (entry.PatientId, entry.AddedById, entry.PractitionerId, entry.Times));
        Assert.Equal([DayOfWeek.Tuesday, DayOfWeek.Thursday], entry.DayList);
        Assert.True(await _app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "desk.waitlist.add" && a.SubjectId == patId)));
        // The patient sees the place on their own list.
        var pat = await PatientAsync("pat@clinic.test");
        Assert.Contains("Tuesday, Thursday", (await pat.GetDocumentAsync("/waitlist")).QuerySelector(".choice-card")!.TextContent, StringComparison.Ordinal);
    }
}
