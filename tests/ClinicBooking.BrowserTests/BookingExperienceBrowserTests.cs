using ClinicBooking.BrowserTests.Kit;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ClinicBooking.BrowserTests;

/// <summary>
/// Issue 15 on a phone and a desktop: the week grid grouped by part of the day, the sign-in page that names the chosen
/// time, the confirm page with the visitor's own time when their device is in another zone, and the patient's home.
/// Screenshots of each page at both sizes go to TestResults/screenshots; axe checks each.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BookingExperienceBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1280, 900, "desktop")]
    public async Task The_booking_path_reads_well_at_both_sizes(int width, int height, string size)
    {
        // A parent visiting family in London books at the New York clinic.
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/book");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"services-{size}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose follow-up treatment" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "See times with any practitioner" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Next week" }).ClickAsync();
        await Assertions.Expect(page.Locator(".grid-day").First).ToBeVisibleAsync();

        // Times come in parts of the day, a few at a time; the rest open with "more".
        Assert.Contains("Morning", await page.Locator(".grid-day").First.TextContentAsync());
        var more = page.Locator(".grid-day details.more-times summary").First;
        var shownBefore = await page.Locator(".grid-day").First.Locator("a.slot:visible").CountAsync();
        await more.ClickAsync();
        Assert.True(await page.Locator(".grid-day").First.Locator("a.slot:visible").CountAsync() > shownBefore);
        Assert.Contains("Your device is set to another time zone", await page.InnerTextAsync(".zone-note"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"booking-grid-{size}");

        var chosen = page.Locator(".grid-day a.slot").First;
        var label = (await chosen.GetAttributeAsync("aria-label"))!;
        await chosen.ClickAsync();
        await Journeys.ArriveAtAsync(page, "/Identity/Account/Login");
        var banner = await page.InnerTextAsync(".booking-intent");
        Assert.Contains("Sign in or create an account to book", banner);
        Assert.Contains(label.Split(" with ")[0], banner.Replace('\u202F', '\u00A0'));
        await Assertions.Expect(page.Locator(".booking-intent").GetByRole(AriaRole.Link, new() { Name = "Create an account" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"sign-in-to-book-{size}");

        await page.GetByLabel("Email address").FillAsync("pat@clinic.test");
        await page.GetByLabel("Password").FillAsync(Accounts.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, "/book/confirm");
        // The clinic's time stays the time; the visitor's own is said beside it.
        Assert.Contains("your time)", await page.InnerTextAsync("main dl"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"booking-confirm-{size}");

        // The signed-in header keeps one line on a desktop; the patient's home says what is next.
        await page.GotoAsync("/appointments");
        Assert.Contains("What's next", await page.InnerTextAsync("main"));
        if (width >= 1200)
        {
            var nav = await page.Locator("header nav").BoundingBoxAsync();
            Assert.True(nav!.Height < 80, $"The header is {nav.Height} px tall: it wrapped");
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"patient-home-{size}");
        await context.CloseAsync();
    }

    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1280, 900, "desktop")]
    public async Task The_visit_move_and_cancelled_pages_and_the_admin_forms_for_culture_and_price_pass_axe(int width, int height, string size)
    {
        var app = fixture.App;
        var email = (await app.CreatePatientsAsync(1, $"ux-{size}-"))[0];
        var patientId = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var start = TimeZoneInfo.ConvertTimeToUtc(BookingKit.FutureWeekday(app, 10).ToDateTime(new TimeOnly(size == "phone" ? 16 : 15, 0)), BookingKit.Zone);
        var visit = await app.VisitAtAsync(patientId, BookingKit.Ben, start);

        var page = await fixture.NewPageAsync(width, height);
        await Journeys.SignInAsync(page, email);
        await page.GotoAsync($"/appointments/{visit}/reschedule");
        Assert.Contains("Your visit is booked for", await page.InnerTextAsync("main"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"move-visit-{size}");

        await page.GotoAsync($"/appointments/{visit}/cancel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel this visit" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Book again" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"cancelled-visit-{size}");

        var admin = await fixture.NewPageAsync(width, height);
        await Journeys.SignInAsync(admin, "admin@clinic.test");
        await admin.GotoAsync("/admin/settings");
        await Assertions.Expect(admin.GetByLabel("Language and region")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(admin);
        await BrowserFixture.ScreenshotAsync(admin, $"admin-settings-{size}");
        await admin.GotoAsync($"/admin/services/{BookingKit.FollowUp}");
        await Assertions.Expect(admin.GetByLabel("Price (optional)")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(admin);
        await BrowserFixture.ScreenshotAsync(admin, $"admin-service-{size}");
    }
}
