using ClinicBooking.BrowserTests.Kit;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ClinicBooking.BrowserTests;

/// <summary>
/// Issue 16's waitlist and treatment courses in a real browser at a phone's size: from the week grid a patient joins
/// the waitlist for the service, chooses days and a part of the day with the checkboxes, sees the place on their
/// list and leaves it; a patient with a first course visit books the rest of the course from the visit's page. axe
/// checks each page; screenshots go to TestResults/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WaitlistAndCourseBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_patient_joins_the_waitlist_from_the_grid_sees_the_place_and_leaves_it()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await Journeys.SignInAsync(page, "pat@clinic.test");

        var nextWeek = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GotoAsync($"/book?serviceId={BookingKit.FollowUp}&practitionerId=any&week={nextWeek}");
        await page.Locator(".waitlist-cta").GetByRole(AriaRole.Link, new() { Name = "Join the waitlist" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, "/waitlist/join");
        await Assertions.Expect(page.GetByLabel("What would you like to book?")).ToHaveValueAsync(BookingKit.FollowUp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Monday").CheckAsync();
        await page.GetByLabel("Thursday").CheckAsync();
        await page.GetByLabel("Mornings (before 12 noon)").CheckAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "waitlist-join-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();

        await Journeys.ArriveAtAsync(page, "/waitlist$");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are on the waitlist");
        var card = page.Locator(".choice-card").First;
        await Assertions.Expect(card).ToContainTextAsync("Monday, Thursday");
        await Assertions.Expect(card).ToContainTextAsync("mornings");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "waitlist-list-phone");

        await card.GetByRole(AriaRole.Button, new() { Name = "Leave the waitlist for this" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have left the waitlist");
        await Assertions.Expect(page.GetByText("You are not waiting for a time.")).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_patient_books_the_rest_of_a_course_from_the_visit_page()
    {
        var app = fixture.App;
        var email = (await app.CreatePatientsAsync(1, "course-phone-"))[0];
        var patientId = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var start = TimeZoneInfo.ConvertTimeToUtc(BookingKit.FutureWeekday(app, 12).ToDateTime(new TimeOnly(11, 0)), BookingKit.Zone);
        var visit = await app.VisitAtAsync(patientId, BookingKit.Ben, start);

        var page = await fixture.NewPageAsync(390, 844);
        await Journeys.SignInAsync(page, email);
        await page.GotoAsync($"/appointments/{visit}");
        await page.Locator("#course-offer").GetByRole(AriaRole.Link, new() { Name = "Book the rest of your course" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, $"/appointments/{visit}/course$");
        var sessions = page.Locator("select[name=Starts]");
        await Assertions.Expect(sessions).ToHaveCountAsync(4);
        // Each session has a proposal chosen; the patient changes the third one to its next option.
        await Assertions.Expect(page.GetByLabel("Session 2 of 5")).Not.ToHaveValueAsync("");
        var third = page.GetByLabel("Session 3 of 5");
        var options = await third.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value).filter(v => v)");
        var chosen = await third.InputValueAsync();
        var other = options.First(o => o != chosen);
        await third.SelectOptionAsync(other);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "course-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Book these sessions" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, $"/appointments/{visit}$");
        await Assertions.Expect(page.Locator(".course-session")).ToContainTextAsync("session 1 of 5");
        var booked = await app.QueryAsync(db => db.Appointments.Where(a => a.PatientId == patientId && a.Status == ClinicBooking.Web.Domain.Booking.AppointmentStatus.Booked)
            .OrderBy(a => a.StartUtc).Select(a => a.StartUtc).ToListAsync());
        Assert.Equal(5, booked.Count);
        Assert.Contains(DateTime.Parse(other, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), booked);
        await page.Context.CloseAsync();
    }
}
