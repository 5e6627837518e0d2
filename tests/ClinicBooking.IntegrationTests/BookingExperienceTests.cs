using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Intake;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 15, the booking path: the clinic's culture on every page and email, the grid grouped by part of the day with
/// full days collapsed and the change window marked, the sign-in prompt that names the chosen time, the patient's
/// home, and the small helps around a visit (book again, the current time when moving, next available as a link, price).
/// </summary>
public sealed partial class BookingExperienceTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Week(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Times_read_in_the_clinics_culture_and_follow_the_admins_change_on_pages_and_in_emails()
    {
        var day = BookingKit.FutureWeekday(_app);
        var visitor = _app.CreateBrowserlikeClient();
        var grid = await visitor.GetDocumentAsync($"/book?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}&week={Week(day)}");
        // en-US, the demo clinic's culture: the week starts on Sunday and times have AM and PM.
        Assert.StartsWith("Sun, ", grid.QuerySelector(".week-label")!.TextContent);
        Assert.All(grid.QuerySelectorAll("a.slot").Select(a => a.TextContent), t => Assert.Matches(@"^\d{1,2}:\d\d\u00A0(AM|PM)", t));

        var admin = await _app.StaffAsync("admin@clinic.test");
        var saved = await admin.SubmitFormAsync("/admin/settings", new Dictionary<string, string> { ["Culture"] = "en-GB" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var refused = await admin.SubmitFormAsync("/admin/settings", new Dictionary<string, string> { ["Culture"] = "xx-YY" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("en-GB", await _app.QueryAsync(db => db.ClinicSettings.Select(s => s.Culture).SingleAsync()));

        grid = await visitor.GetDocumentAsync($"/book?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}&week={Week(day)}");
        Assert.StartsWith("Mon ", grid.QuerySelector(".week-label")!.TextContent);
        Assert.All(grid.QuerySelectorAll("a.slot").Select(a => a.TextContent), t => Assert.Matches(@"^\d\d:\d\d", t));

        var pat = _app.CreateBrowserlikeClient();
        await pat.SignInAsync("pat@clinic.test");
        var start = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day)).First(s => s.Start.Contains("T14:00", StringComparison.Ordinal)).Start;
        Assert.Equal(HttpStatusCode.Redirect, (await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start)).StatusCode);
        var confirmation = await _app.Smtp.WaitForMessageAsync(m => m.Subject!.Contains("14:00", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.DoesNotContain("PM", confirmation.Subject);
    }

    [Fact]
    public async Task Choosing_a_time_signed_out_names_it_on_the_sign_in_page_with_both_choices_and_comes_back_to_it()
    {
        var day = BookingKit.FutureWeekday(_app);
        var visitor = _app.CreateBrowserlikeClient();
        var start = (await visitor.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0].Start;
        var confirmUrl = $"/book/confirm?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}&start={Uri.EscapeDataString(start)}";

        var challenge = await visitor.GetAsync(confirmUrl);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var login = await visitor.GetDocumentAsync(challenge.Headers.Location!.PathAndQuery);
        var banner = login.QuerySelector(".booking-intent")!.TextContent;
        Assert.Contains("Sign in or create an account to book", banner);
        Assert.Contains("Follow-up treatment with Ana", banner);
        Assert.Matches(@"\d{1,2}:\d\d\u00A0(AM|PM) \(New York time\)", banner);
        Assert.Contains("not held for you until you confirm", banner);
        var register = login.QuerySelector(".booking-intent a")!.GetAttribute("href")!;
        Assert.Contains("/Identity/Account/Register", register);
        Assert.Contains("returnUrl=" + Uri.EscapeDataString(confirmUrl), register, StringComparison.OrdinalIgnoreCase);
        var signUp = await visitor.GetDocumentAsync(register);
        Assert.Contains("You are booking", signUp.QuerySelector(".booking-intent")!.TextContent);

        // Signing in from there comes straight back to the chosen time.
        var signedIn = await visitor.SubmitFormAsync(challenge.Headers.Location!.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = "pat@clinic.test", ["Input.Password"] = Accounts.DemoPassword,
        }, "form#account");
        Assert.Equal(confirmUrl, signedIn.Headers.Location!.OriginalString);

        // A made-up or tampered address names nothing and breaks nothing.
        var odd = await _app.CreateBrowserlikeClient().GetDocumentAsync("/Identity/Account/Login?ReturnUrl=" +
            Uri.EscapeDataString("/book/confirm?serviceId=999&practitionerId=1&start=nonsense"));
        Assert.Null(odd.QuerySelector(".booking-intent"));
    }

    [Fact]
    public async Task After_signing_in_a_patient_lands_on_their_visits_with_what_to_do_next()
    {
        var email = (await _app.CreatePatientsAsync(1, "home"))[0];
        var patient = _app.CreateBrowserlikeClient();
        var signedIn = await patient.PostLoginAsync(email, Accounts.DemoPassword);
        Assert.Equal("/home", signedIn.Headers.Location!.OriginalString);
        var home = await patient.GetAsync("/home");
        Assert.Equal("/appointments", home.Headers.Location!.OriginalString);

        var page = (await patient.GetDocumentAsync("/appointments")).QuerySelector(".next-steps")!.TextContent;
        Assert.Contains("Fill in your intake", page);
        Assert.Contains("Book your first visit", page);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(_app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));
        await patient.SaveStepAsync("baby", IntakeKit.CalmAnswers(today));
        page = (await patient.GetDocumentAsync("/appointments")).QuerySelector(".next-steps")!.TextContent;
        Assert.Matches($@"Finish your intake \(1 of {IntakeForm.Sections.Count} steps done\)", page);

        var day = BookingKit.FutureWeekday(_app);
        var start = (await patient.FreeAsync(BookingKit.FollowUp, BookingKit.Ben, day))[0].Start;
        var booked = await patient.BookAsync(BookingKit.FollowUp, BookingKit.Ben, start);
        var id = booked.Headers.Location!.OriginalString.Split('/').Last();
        var next = (await patient.GetDocumentAsync("/appointments")).QuerySelector(".next-steps")!;
        Assert.Contains("Your next visit", next.TextContent);
        Assert.Contains($"/appointments/{id}/reschedule", next.InnerHtml);
        Assert.Contains($"/appointments/{id}/calendar.ics", next.InnerHtml);

        var staff = _app.CreateBrowserlikeClient();
        Assert.Equal("/home", (await staff.PostLoginAsync("ana@clinic.test", Accounts.DemoPassword)).Headers.Location!.OriginalString);
        Assert.Equal("/practitioner", (await staff.GetAsync("/home")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_week_with_no_free_time_offers_the_next_week_that_has_one_and_full_days_collapse_to_one_line()
    {
        var day = BookingKit.FutureWeekday(_app, 9);
        var zone = BookingKit.Zone;
        var weekStart = day.AddDays(-(int)day.DayOfWeek); // Sunday, as en-US starts its weeks
        await _app.QueryAsync(async db =>
        {
            db.TimeOff.Add(new TimeOff(BookingKit.Ana, TimeZoneInfo.ConvertTimeToUtc(weekStart.ToDateTime(TimeOnly.MinValue), zone),
                TimeZoneInfo.ConvertTimeToUtc(weekStart.AddDays(7).ToDateTime(TimeOnly.MinValue), zone)));
            return await db.SaveChangesAsync();
        });
        var visitor = _app.CreateBrowserlikeClient();

        var empty = await visitor.GetDocumentAsync($"/book?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}&week={Week(day)}");
        Assert.Contains("No free times this week", empty.QuerySelector(".empty-week")!.TextContent);
        var next = empty.QuerySelector(".empty-week a")!.GetAttribute("href")!;
        Assert.Contains($"week={Week(weekStart.AddDays(7))}", next);
        Assert.Empty(empty.QuerySelectorAll(".grid-day"));

        // The next week: weekend days have no hours, so they are one line instead of two empty columns.
        var open = await visitor.GetDocumentAsync(next);
        Assert.Equal(5, open.QuerySelectorAll(".grid-day").Length);
        Assert.Contains("No free times on Sun,", open.QuerySelector(".day-full")!.TextContent);
        Assert.Equal(["Morning", "Afternoon"], open.QuerySelectorAll(".grid-day")[0].QuerySelectorAll(".period-name").Select(h => h.TextContent).ToArray());
        Assert.NotNull(open.QuerySelector(".grid-day details.more-times summary"));
    }

    [Fact]
    public async Task Times_inside_the_change_window_are_marked_on_the_grid_and_the_confirm_page_says_so()
    {
        // Monday 10:00 in New York: notice (12 h) ends at 22:00, the change window (24 h) on Tuesday at 10:00.
        var monday = BookingKit.FutureWeekday(_app, 14);
        monday = monday.AddDays(-(((int)monday.DayOfWeek + 6) % 7));
        var now = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(monday.ToDateTime(new TimeOnly(10, 0)), BookingKit.Zone));
        _app.Clock.Advance(now - _app.Clock.GetUtcNow());
        var pat = _app.CreateBrowserlikeClient();
        await pat.SignInAsync("pat@clinic.test");

        var grid = await pat.GetDocumentAsync($"/book?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}");
        var marked = grid.QuerySelectorAll("a.slot-window").Select(a => a.GetAttribute("aria-label")!).ToList();
        Assert.Equal(4, marked.Count); // Tuesday 9:00, 9:15, 9:30 and 9:45
        Assert.All(marked, l => Assert.EndsWith("(cannot be changed online once booked)", l));
        Assert.Contains("less than 24 hours away", grid.QuerySelector(".window-note")!.TextContent);

        var tuesday = monday.AddDays(1);
        var free = await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, tuesday);
        var soon = free.First(s => s.Start.Contains("T09:30", StringComparison.Ordinal)).Start;
        var later = free.First(s => s.Start.Contains("T11:00", StringComparison.Ordinal)).Start;
        string Policy(AngleSharp.Html.Dom.IHtmlDocument d) => d.QuerySelectorAll("main p").Select(p => p.TextContent).First(t => t.Contains("online", StringComparison.Ordinal));
        Assert.Contains("cannot be changed or cancelled online", Policy(await pat.GetDocumentAsync(
            $"/book/confirm?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}&start={Uri.EscapeDataString(soon)}")));
        Assert.Contains("You can change or cancel online up to 24 hours", Policy(await pat.GetDocumentAsync(
            $"/book/confirm?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}&start={Uri.EscapeDataString(later)}")));

        // Twenty minutes later Tuesday 10:00 and 10:15 are inside the window too: the cached grid does not keep the old marks.
        _app.Clock.Advance(TimeSpan.FromMinutes(20));
        grid = await pat.GetDocumentAsync($"/book?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}");
        Assert.Equal(6, grid.QuerySelectorAll("a.slot-window").Length);
    }

    [Fact]
    public async Task Next_available_is_a_link_that_books_it_a_price_shows_when_set_and_a_bad_price_is_refused()
    {
        var visitor = _app.CreateBrowserlikeClient();
        var services = await visitor.GetDocumentAsync("/book");
        var link = services.QuerySelectorAll(".choice-card p a").Select(a => a.GetAttribute("href")!).First();
        Assert.StartsWith("/book/confirm?serviceId=", link);
        Assert.DoesNotContain(services.QuerySelectorAll(".price"), _ => true);

        var admin = await _app.StaffAsync("admin@clinic.test");
        var bad = await admin.SubmitFormAsync($"/admin/services/{BookingKit.FollowUp}", new Dictionary<string, string> { ["Price"] = "eighty" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var good = await admin.SubmitFormAsync($"/admin/services/{BookingKit.FollowUp}", new Dictionary<string, string> { ["Price"] = "85" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(85m, await _app.QueryAsync(db => db.Services.Where(s => s.Id == BookingKit.FollowUp).Select(s => s.Price).SingleAsync()));

        services = await visitor.GetDocumentAsync("/book");
        Assert.Equal("$85", Assert.Single(services.QuerySelectorAll(".price")).TextContent.Trim());
    }

    [Fact]
    public async Task A_cancelled_visit_offers_book_again_and_the_move_page_says_the_current_time()
    {
        var pat = _app.CreateBrowserlikeClient();
        await pat.SignInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);
        var start = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ben, day))[0].Start;
        var id = (await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ben, start)).Headers.Location!.OriginalString.Split('/').Last();

        var move = await pat.GetDocumentAsync($"/appointments/{id}/reschedule");
        Assert.Matches(@"Your visit is booked for .*\d{1,2}:\d\d\u00A0(AM|PM) \(New York time\)", move.QuerySelector("main .lead-text")!.TextContent);

        await pat.SubmitFormAsync($"/appointments/{id}/cancel", new Dictionary<string, string>(), $"form[action='/appointments/{id}/cancel']");
        var show = await pat.GetDocumentAsync($"/appointments/{id}");
        var again = show.QuerySelectorAll("a").Single(a => a.TextContent == "Book again").GetAttribute("href");
        Assert.Equal($"/book?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ben}", again);
        Assert.Contains("google.com/maps/search", show.QuerySelector("a.map-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_configured_culture_not_on_the_settings_list_survives_saving_other_settings()
    {
        await using var app = new ClinicAppFactory { Settings = { ["Clinic:Culture"] = "en-IN" } };
        var admin = await app.StaffAsync("admin@clinic.test");
        var saved = await admin.SubmitFormAsync("/admin/settings", new Dictionary<string, string> { ["Phone"] = "555-0177" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("en-IN", await app.QueryAsync(db => db.ClinicSettings.Select(s => s.Culture).SingleAsync()));
    }
}
