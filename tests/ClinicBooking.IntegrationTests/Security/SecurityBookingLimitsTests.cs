using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>Issue 13.4 and 13.9: one account cannot fill a practitioner's diary, and the intake gate holds for a bare POST.</summary>
public sealed class SecurityBookingLimitsTests
{
    [Fact]
    public async Task Past_the_cap_of_visits_ahead_a_booking_is_refused_with_409_and_a_clear_message_until_one_is_cancelled()
    {
        await using var app = new ClinicAppFactory { Settings = { ["Clinic:MaxUpcomingVisitsPerPatient"] = "3" } };
        var (patient, email) = await app.PatientWithIntakeAsync("capped");
        var day = BookingKit.FutureWeekday(app);
        var first = await patient.BookFirstFreeAsync(BookingKit.Ana, day);
        await patient.BookFirstFreeAsync(BookingKit.Ana, day, skip: 8);
        await patient.BookFirstFreeAsync(BookingKit.Ben, day);

        var slot = (await patient.FreeAsync(BookingKit.FollowUp, BookingKit.Ben, day)).Skip(8).First();
        var refused = await patient.BookAsync(BookingKit.FollowUp, BookingKit.Ben, slot.Start);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("You already have 3 visits booked ahead", await refused.Content.ReadAsStringAsync());
        Assert.Equal(3, await app.QueryAsync(db => db.Appointments.CountAsync(a => db.Users.Any(u => u.Id == a.PatientId && u.Email == email))));

        var cancel = await patient.SubmitFormAsync($"/appointments/{first}/cancel", new Dictionary<string, string>(), "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await patient.BookAsync(BookingKit.FollowUp, BookingKit.Ben, slot.Start)).StatusCode);
    }

    [Fact]
    public async Task A_first_visit_posted_straight_to_book_without_an_intake_goes_to_the_intake_and_books_nothing()
    {
        await using var app = new ClinicAppFactory();
        var (patient, email) = await app.PatientWithIntakeAsync("gate");
        var slot = (await patient.FreeAsync(BookingKit.Initial, BookingKit.Ana, BookingKit.FutureWeekday(app))).First();

        var response = await patient.BookAsync(BookingKit.Initial, BookingKit.Ana, slot.Start);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/intake", response.Headers.Location!.OriginalString);
        Assert.Equal(0, await app.QueryAsync(db => db.Appointments.CountAsync(a => db.Users.Any(u => u.Id == a.PatientId && u.Email == email))));
    }
}
