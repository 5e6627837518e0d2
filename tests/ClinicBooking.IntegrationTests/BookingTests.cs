using System.Net;
using System.Text.RegularExpressions;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Booking;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

public sealed partial class BookingTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> SignedInAsync(string email)
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

    private Task<int> ActiveCountAsync() => DbAsync(db => db.Appointments.CountAsync(a => a.Status == AppointmentStatus.Booked));

    [Fact]
    public async Task An_overlapping_booking_of_another_length_is_refused_and_a_cancelled_time_can_be_booked_again()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var others = await _app.CreatePatientsAsync(1, "other");
        var other = await SignedInAsync(others[0]);
        var day = BookingKit.FutureWeekday(_app);
        var followUps = await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ben, day);
        var nine = followUps.First(s => s.Start.Contains("T09:00", StringComparison.Ordinal)).Start;
        var nineThirty = followUps.First(s => s.Start.Contains("T09:30", StringComparison.Ordinal)).Start;

        var first = await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ben, nine);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var overlapping = await other.BookAsync(BookingKit.FollowUp, BookingKit.Ben, nineThirty);
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);

        var id = int.Parse(first.Headers.Location!.ToString().Split('/').Last());
        Assert.DoesNotContain($"action=\"/appointments/{id}/cancel\"", await pat.GetStringAsync($"/appointments/{id}"));
        var cancel = await pat.SubmitFormAsync($"/appointments/{id}/cancel", new Dictionary<string, string>(), $"form[action='/appointments/{id}/cancel']");
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.BookAsync(BookingKit.FollowUp, BookingKit.Ben, nine)).StatusCode);
        Assert.Equal(1, await ActiveCountAsync());
    }

    [Fact]
    public async Task A_double_submit_makes_one_appointment_and_one_email()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);
        var start = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0].Start;
        var token = (await pat.GetDocumentAsync("/appointments")).AntiforgeryToken();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start, token)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location!.ToString()).Distinct());
        Assert.Equal(1, await ActiveCountAsync());
        await _app.Smtp.WaitForMessageToAsync("pat@clinic.test");
        await Task.Delay(300);
        Assert.Single(_app.Smtp.Messages, m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> Tampered => new()
    {
        // service, practitioner, start (placeholders: DAY = a future weekday, PAST = yesterday)
        { "2", "1", "DAYT09:07:00-05:00" },    // off the 15-minute grid
        { "2", "1", "DAYT07:00:00-05:00" },    // before working hours
        { "2", "1", "DAYT16:30:00-05:00" },    // would end after 17:00
        { "2", "1", "PASTT10:00:00-05:00" },   // in the past
        { "2", "1", "2027-09-06T10:00:00-04:00" }, // beyond the 60-day horizon
        { "2", "1", "2027-03-14T02:30:00-05:00" }, // inside the spring-forward gap (a Sunday, too)
        { "2", "99", "DAYT10:00:00-05:00" },   // unknown practitioner
        { "99", "1", "DAYT10:00:00-05:00" },   // unknown service
        { "2", "1", "tomorrow at ten" },       // not a time
        { "x", "1", "DAYT10:00:00-05:00" },    // not a number
        { "2", "1", "" },
        { "2", "1", "0001-01-01T00:00:00Z" },
        { "2", "1", "9999-12-31T23:59:59Z" },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public async Task Tampered_booking_fields_get_a_clear_4xx_and_change_nothing(string service, string practitioner, string start)
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);
        var yesterday = day.AddDays(-30);
        start = start.Replace("DAY", day.ToString("yyyy-MM-dd")).Replace("PAST", yesterday.ToString("yyyy-MM-dd"));
        var token = (await pat.GetDocumentAsync("/appointments")).AntiforgeryToken();

        var response = await pat.PostAsync("/book", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ServiceId"] = service, ["PractitionerId"] = practitioner, ["Start"] = start, ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await DbAsync(db => db.Appointments.CountAsync()));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public async Task The_confirm_page_answers_400_for_times_far_outside_the_calendar(string start)
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var response = await pat.GetAsync($"/book/confirm?serviceId=2&practitionerId=1&start={Uri.EscapeDataString(start)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("in the past or too far ahead", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Going_back_to_the_confirm_page_of_a_time_just_booked_leads_to_that_appointment()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);
        var start = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0].Start;
        var booked = await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start);

        var back = await pat.GetAsync($"/book/confirm?serviceId=2&practitionerId=1&start={Uri.EscapeDataString(start)}");

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal(booked.Headers.Location, back.Headers.Location);
        Assert.Contains("You have booked this time", await pat.GetStringAsync(back.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task An_inactive_service_cannot_be_booked()
    {
        await DbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE Services SET IsActive = 0 WHERE Id = 2"));
        var pat = await SignedInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);
        var response = await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, $"{day:yyyy-MM-dd}T10:00:00-05:00");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not available to book", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cancelling_or_moving_inside_the_window_is_refused_with_the_clinics_phone()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app, 2);
        var start = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0].Start;
        var id = int.Parse((await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start)).Headers.Location!.ToString().Split('/').Last());
        _app.Clock.Advance(DateTimeOffset.Parse(start) - _app.Clock.GetUtcNow() - TimeSpan.FromHours(23));
        pat = await SignedInAsync("pat@clinic.test"); // the first sign-in's cookie has expired on the moved clock
        var token = (await pat.GetDocumentAsync($"/appointments/{id}")).AntiforgeryToken();
        var cancel = await pat.PostAsync($"/appointments/{id}/cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var move = await pat.GetAsync($"/appointments/{id}/reschedule");

        foreach (var response in new[] { cancel, move })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Please call the clinic", body);
            Assert.Contains("555-0100", body);
        }

        Assert.Equal(1, await ActiveCountAsync());
        Assert.Contains("please call the clinic on", await pat.GetStringAsync($"/appointments/{id}"));
    }

    [Fact]
    public async Task Moving_a_visit_frees_the_old_time_and_emails_the_patient()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);
        var free = await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day);
        var first = free.First(s => s.Start.Contains("T09:00", StringComparison.Ordinal)).Start;
        var later = free.First(s => s.Start.Contains("T14:00", StringComparison.Ordinal)).Start;
        var id = int.Parse((await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, first)).Headers.Location!.ToString().Split('/').Last());

        var response = await pat.SubmitFormAsync($"/appointments/{id}/reschedule?start={Uri.EscapeDataString(later)}",
            new Dictionary<string, string>(), $"form[action='/appointments/{id}/reschedule']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day);
        Assert.Contains(after, s => s.Start == first);
        Assert.DoesNotContain(after, s => s.Start == later);
        var moved = await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit has moved", StringComparison.Ordinal));
        // The demo clinic's culture is en-US: a 12-hour clock.
        Assert.Contains("2:00\u00A0PM", moved.Subject);
    }

    [Fact]
    public async Task The_ics_file_parses_with_the_right_utc_times_and_no_health_data()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);
        var slot = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0];
        var id = int.Parse((await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, slot.Start)).Headers.Location!.ToString().Split('/').Last());

        var response = await pat.GetAsync($"/appointments/{id}/calendar.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;
        var visit = Assert.Single(calendar.Events);
        Assert.Equal(DateTimeOffset.Parse(slot.Start).UtcDateTime, visit.Start!.AsUtc);
        Assert.Equal(DateTimeOffset.Parse(slot.End).UtcDateTime, visit.End!.AsUtc);
        Assert.Contains("12 Harbour Street", visit.Location);
        Assert.Contains("Ana Alvarez", visit.Description);
        foreach (var word in new[] { "milk", "lactation", "intake", "Pat Patient", "pat@clinic.test" })
        {
            Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
        }

        var email = await _app.Smtp.WaitForMessageToAsync("pat@clinic.test");
        Assert.Contains(email.Attachments, a => a.ContentType.MimeType == "text/calendar");
    }

    [Fact]
    public async Task Another_patients_appointment_ics_cancel_and_reschedule_all_answer_404()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);
        var start = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0].Start;
        var id = int.Parse((await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start)).Headers.Location!.ToString().Split('/').Last());
        var intruder = await SignedInAsync((await _app.CreatePatientsAsync(1, "intruder"))[0]);
        var token = (await intruder.GetDocumentAsync("/appointments")).AntiforgeryToken();

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/appointments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/appointments/{id}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/appointments/{id}/reschedule")).StatusCode);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Start"] = start });
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostAsync($"/appointments/{id}/cancel", form)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostAsync($"/appointments/{id}/reschedule", form)).StatusCode);
        Assert.DoesNotContain("Ana Alvarez", await intruder.GetStringAsync("/appointments"));
        Assert.Equal(1, await ActiveCountAsync());
    }

    [Fact]
    public async Task A_first_consultation_without_an_intake_goes_to_the_intake_and_comes_back_to_the_same_time()
    {
        var pat = await SignedInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);
        var slot = (await pat.FreeAsync(BookingKit.Initial, BookingKit.Ben, day))[0];
        var confirm = $"/book/confirm?serviceId=1&practitionerId=2&start={Uri.EscapeDataString(slot.Start)}";

        var gate = await pat.GetAsync(confirm);
        Assert.Equal("/intake", gate.Headers.Location!.ToString());
        Assert.Contains("We remember the time you chose", await pat.GetStringAsync("/intake"));

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(_app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));
        await pat.FillAllAsync(IntakeKit.CalmAnswers(today));
        await pat.SubmitIntakeAsync();
        var thanks = Forms.Parse(await pat.GetStringAsync("/intake/submitted"));
        var resume = thanks.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Continue booking", StringComparison.Ordinal)).GetAttribute("href");
        Assert.Equal(confirm, resume);

        var page = await pat.GetDocumentAsync(resume!);
        Assert.Equal(slot.Start, page.QuerySelector("input[name=Start]")!.GetAttribute("value"));
        Assert.Contains("Ben Brooks", page.Body!.TextContent);
        Assert.Contains("cancel online up to 24 hours", page.Body.TextContent);
    }

    [Fact]
    public async Task Anonymous_visitors_see_the_grid_and_are_sent_to_sign_in_keeping_their_choice()
    {
        var visitor = _app.CreateBrowserlikeClient();
        var day = BookingKit.FutureWeekday(_app);
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var grid = await visitor.GetDocumentAsync($"/book?serviceId=2&practitionerId=any&week={monday:yyyy-MM-dd}");
        Assert.Contains("All times are New York time", grid.Body!.TextContent);
        var link = grid.QuerySelector("a.slot")!.GetAttribute("href")!;

        var response = await visitor.GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var login = response.Headers.Location!.ToString();
        Assert.Contains("/Identity/Account/Login?ReturnUrl=", login);
        Assert.Contains(Uri.EscapeDataString("/book/confirm?"), login);
    }

    [Theory]
    [InlineData("serviceId=2&from=2026-12-10&to=2026-12-01", "to must not be before from")]
    [InlineData("serviceId=2&from=2026-12-01&to=2027-02-01", "at most 62 days")]
    [InlineData("serviceId=2&from=01/12/2026&to=2026-12-01", "YYYY-MM-DD")]
    [InlineData("serviceId=2&from=2026-12-01", "YYYY-MM-DD")]
    [InlineData("serviceId=42&from=2026-12-01&to=2026-12-01", "No active service")]
    [InlineData("serviceId=2&practitionerId=42&from=2026-12-01&to=2026-12-01", "No active practitioner")]
    [InlineData("serviceId=2&practitionerId=abc&from=2026-12-01&to=2026-12-01", "practitionerId")]
    [InlineData("serviceId=2&serviceId=1&from=2026-12-01&to=2026-12-01", "serviceId")]
    [InlineData("from=2026-12-01&to=2026-12-01", "serviceId")]
    [InlineData("serviceId=1&from=0001-01-01&to=0001-01-02", "between the years")]
    [InlineData("serviceId=1&from=9999-12-30&to=9999-12-31", "between the years")]
    public async Task Availability_answers_400_with_a_reason_for_bad_input(string query, string reason)
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync($"/api/availability?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_json_contract_matches_product_md()
    {
        var client = _app.CreateBrowserlikeClient();
        var services = await client.GetStringAsync("/api/services");
        Assert.Contains("\"id\":1,\"name\":\"Initial consultation and treatment\",\"durationMinutes\":75,\"bufferMinutes\":15,\"requiresIntake\":true", services);
        Assert.Contains("\"id\":1,\"name\":\"Ana Alvarez\"", await client.GetStringAsync("/api/practitioners"));
        var day = BookingKit.FutureWeekday(_app);
        var availability = await client.GetStringAsync($"/api/availability?serviceId=2&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        Assert.Contains("\"timeZone\":\"America/New_York\"", availability);
        Assert.Matches(IsoWithOffset(), availability);
        var slots = await client.FreeAsync(BookingKit.FollowUp, null, day);
        Assert.Contains(slots, s => s.PractitionerId == BookingKit.Ana);
        Assert.Contains(slots, s => s.PractitionerId == BookingKit.Ben);
    }

    [GeneratedRegex("\"start\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d-0[45]:00\"")]
    private static partial Regex IsoWithOffset();
}
